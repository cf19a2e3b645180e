"""`rollbook` command line: serve, database migrations, tenant administration."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from rollbook.core.db import Database
from rollbook.core.logs import configure_logging
from rollbook.core.settings import Settings
from rollbook.migrations import upgrade_database
from rollbook.operations.backup import backup as backup_database
from rollbook.operations.backup import restore as restore_database
from rollbook.serving import run_server
from rollbook.site.schemas import ImportOptions, ReportExportFile
from rollbook.site.transfer import export_tenant, import_reports, purge_tenant
from rollbook.tenancy.store import get_tenant, list_all_tenants


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
    run_server(host=host, port=port, workers=workers)


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
    """List tenants of both hosts: key, site URL, state, kind (never their secrets)."""
    database = Database(Settings().database_url)
    with database.session() as session:
        for tenant in list_all_tenants(session):
            state = "installed" if tenant.installed else "uninstalled"
            site_url = tenant.base_url or "(site URL not known yet)"
            click.echo(f"{tenant.client_key}\t{site_url}\t{state}\t{tenant.host}")
    database.dispose()


def _database() -> Database:
    return Database(Settings().database_url)


def _require_tenant(database: Database, client_key: str) -> None:
    with database.session() as session:
        if get_tenant(session, client_key) is None:
            raise click.ClickException(f"no tenant with client key {client_key!r}")


TENANT_HELP = "The tenant: a Connect clientKey or a Forge installationId."


@main.command("export")
@click.option("--tenant", "client_key", required=True, help=TENANT_HELP)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of stdout.",
)
def export_command(client_key: str, output: Path | None) -> None:
    """Export a tenant's report definitions as JSON."""
    database = _database()
    _require_tenant(database, client_key)
    with database.session() as session:
        document = export_tenant(session, client_key).model_dump_json(indent=2)
    database.dispose()
    if output:
        output.write_text(document + "\n")
        click.echo(f"exported to {output}", err=True)
    else:
        sys.stdout.write(document + "\n")


@main.command("import")
@click.option("--tenant", "client_key", required=True, help=TENANT_HELP)
@click.option(
    "--keep-ids/--new-ids",
    default=True,
    show_default=True,
    help="Keep the exported report ids (restoring a tenant) or assign new ones.",
)
@click.argument("source", type=click.File("r"))
def import_command(client_key: str, keep_ids: bool, source: TextIO) -> None:
    """Import report definitions from an export file (people kept as exported).

    Also the way a Connect site moves to Forge: export the Connect tenant, import into the
    Forge installation of the same site (account ids are the same on both)."""
    export = ReportExportFile.model_validate(json.load(source))
    database = _database()
    _require_tenant(database, client_key)
    with database.session() as session:
        ids = import_reports(
            session,
            client_key=client_key,
            file=export,
            options=ImportOptions(keep_ids=keep_ids),
            importer="",
        )
    database.dispose()
    click.echo(f"imported {len(ids)} reports")


@main.command("purge")
@click.option("--tenant", "client_key", required=True, help=TENANT_HELP)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def purge_command(client_key: str, yes: bool) -> None:
    """Permanently remove every row of a tenant: reports, trash and the tenant record."""
    database = _database()
    _require_tenant(database, client_key)
    if not yes:
        click.confirm(f"Permanently delete all data of tenant {client_key}?", abort=True)
    with database.session() as session:
        removed = purge_tenant(session, client_key)
    database.dispose()
    click.echo(f"purged tenant {client_key}: {removed} reports removed")


@main.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(destination: Path) -> None:
    """Back up the whole database to DESTINATION (SQLite file or pg_dump custom format)."""
    backup_database(Settings().database_url, destination)
    click.echo(f"backup written to {destination}")


@main.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(source: Path, yes: bool) -> None:
    """Replace the database's content with a backup. Stop the app servers first."""
    if not yes:
        click.confirm("Replace the current database with this backup?", abort=True)
    restore_database(Settings().database_url, source)
    click.echo(f"restored from {source}")


if __name__ == "__main__":
    main()
