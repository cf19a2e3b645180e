"""`rollbook` command line: serve, database migrations, tenant administration."""

from __future__ import annotations

import click
import uvicorn

from rollbook.connect.tenants import list_tenants
from rollbook.db import Database
from rollbook.logs import configure_logging
from rollbook.migrations import upgrade_database
from rollbook.settings import Settings


@click.group()
def main() -> None:
    """Rollbook app server and operator tools."""
    configure_logging()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int)
def serve(host: str, port: int, workers: int) -> None:
    """Run migrations, then serve the app."""
    settings = Settings()
    upgrade_database(settings.database_url)
    click.echo(f"Rollbook listening on http://{host}:{port} (base URL {settings.base_url})")
    uvicorn.run(
        "rollbook.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        loop="asyncio",
        proxy_headers=True,
    )


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = Settings()
    upgrade_database(settings.database_url)
    click.echo("database is up to date")


@main.group()
def tenants() -> None:
    """Installed Jira sites."""


@tenants.command("list")
def tenants_list() -> None:
    """List tenants (never their secrets)."""
    database = Database(Settings().database_url)
    with database.session() as session:
        for tenant in list_tenants(session):
            state = "installed" if tenant.installed else "uninstalled"
            click.echo(f"{tenant.client_key}\t{tenant.base_url}\t{state}")
    database.dispose()


if __name__ == "__main__":
    main()
