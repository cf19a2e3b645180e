"""`rollbook` command line: serve, database migrations, tenant administration."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TextIO

import click
from pydantic import ValidationError

from rollbook.core import audit
from rollbook.core.db import Database
from rollbook.core.keyring import Keyring, SecretKeyError, keyring_for
from rollbook.core.logs import configure_logging
from rollbook.core.serving_rules import UnsafeSettings, require_safe_for_serving, warn_if_dev_mode
from rollbook.core.settings import Settings
from rollbook.migrations import upgrade_database
from rollbook.operations.backup import backup as backup_database
from rollbook.operations.backup import restore as restore_database
from rollbook.reports.limits import ReportLimits
from rollbook.serving import run_server
from rollbook.site.export import export_site_chunks
from rollbook.site.schemas import ImportOptions, ReportExportFile
from rollbook.site.transfer import OPERATOR, import_reports, purge_tenant
from rollbook.tenancy.secrets import reseal_all
from rollbook.tenancy.store import get_tenant, list_all_tenants


@click.group()
def main() -> None:
    """Rollbook app server and operator tools."""
    configure_logging()


def _settings() -> Settings:
    """The settings from the environment; a bad value is the operator's to fix, not a traceback.
    Only `serve` applies the serving rules (https, hosts): the other commands serve nothing."""
    try:
        return Settings()
    except ValidationError as exc:
        raise click.ClickException(str(exc)) from exc


def _serving_settings() -> Settings:
    settings = _settings()
    try:
        require_safe_for_serving(settings)
    except UnsafeSettings as exc:
        raise click.ClickException(str(exc)) from exc
    warn_if_dev_mode(settings)
    return settings


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1))
def serve(host: str, port: int, workers: int) -> None:
    """Run migrations, then serve the app."""
    settings = _serving_settings()
    upgrade_database(settings.database_url)
    click.echo(f"Rollbook listening on http://{host}:{port} (base URL {settings.base_url})")
    run_server(
        host=host,
        port=port,
        workers=workers,
        forwarded_allow_ips=settings.forwarded_allow_ips,
    )


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply every pending migration."""
    settings = _settings()
    upgrade_database(settings.database_url)
    click.echo("database is up to date")


@main.group()
def tenants() -> None:
    """Installed Jira sites."""


@tenants.command("list")
def tenants_list() -> None:
    """List tenants of both hosts: key, site URL, state, kind (never their secrets)."""
    database = Database(_settings().database_url)
    with database.session() as session:
        for tenant in list_all_tenants(session):
            state = "installed" if tenant.installed else "uninstalled"
            site_url = tenant.base_url or "(site URL not known yet)"
            click.echo(f"{tenant.client_key}\t{site_url}\t{state}\t{tenant.host}")
    database.dispose()


def _database() -> Database:
    return Database(_settings().database_url)


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
    """Export a tenant's report definitions as JSON, streamed page by page (any size)."""
    database = _database()
    _require_tenant(database, client_key)
    with output.open("w") if output else nullcontext(sys.stdout) as target:
        for chunk in export_site_chunks(database, client_key, indent=2):
            target.write(chunk)
        target.write("\n")
    audit.record(database, "site.export", tenant_key=client_key, actor=None)
    database.dispose()
    if output:
        click.echo(f"exported to {output}", err=True)


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
    export = ReportExportFile.model_validate_json(source.read())
    settings = _settings()
    database = Database(settings.database_url)
    _require_tenant(database, client_key)
    with database.session() as session:
        ids = import_reports(
            session,
            client_key=client_key,
            file=export,
            options=ImportOptions(keep_ids=keep_ids),
            # The operator restores the file as exported: its authors, dates and people.
            importer=OPERATOR,
            limits=ReportLimits.of(settings),
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
        audit.record(session, "site.purge", tenant_key=client_key, actor=None, reports=removed)
    database.dispose()
    click.echo(f"purged tenant {client_key}: {removed} reports removed")


@main.command("backup")
@click.argument("destination", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(destination: Path) -> None:
    """Back up the whole database to DESTINATION (SQLite file or pg_dump custom format)."""
    backup_database(_settings().database_url, destination)
    click.echo(f"backup written to {destination}")


@main.command("restore")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(source: Path, yes: bool) -> None:
    """Replace the database's content with a backup. Stop the app servers first."""
    if not yes:
        click.confirm("Replace the current database with this backup?", abort=True)
    restore_database(_settings().database_url, source)
    click.echo(f"restored from {source}")


def _keyring() -> Keyring:
    try:
        return keyring_for(_settings())
    except SecretKeyError as exc:
        raise click.ClickException(str(exc)) from exc


@main.group()
def secrets() -> None:
    """The secret key that seals tenants' shared secrets (docs/operations.md#secrets-at-rest)."""


@secrets.command("generate-key")
def secrets_generate_key() -> None:
    """Print a new key for ROLLBOOK_SECRET_KEY."""
    click.echo(Keyring.generate_key())


@secrets.command("rotate")
def secrets_rotate() -> None:
    """Re-seal every tenant's shared secret with the first key of ROLLBOOK_SECRET_KEY (and seal
    any stored in plain text). Run it with the new key first and the old ones after it."""
    database = Database(_settings().database_url, keyring=_keyring())
    try:
        result = reseal_all(database)
    finally:
        database.dispose()
    click.echo(f"re-sealed {result.resealed} shared secrets with the first key")
    if result.unreadable:
        raise click.ClickException(
            f"{len(result.unreadable)} tenants have a secret none of the keys opens, left as "
            "they are: " + ", ".join(result.unreadable)
        )


@main.group("audit")
def audit_group() -> None:
    """The audit log (logger `rollbook.audit`)."""


@audit_group.command("actor")
@click.argument("account_id")
def audit_actor(account_id: str) -> None:
    """Print the hash the audit log writes for ACCOUNT_ID: under the current key first, then
    under each older key in ROLLBOOK_SECRET_KEY (lines written before a rotation)."""
    for actor_hash in _keyring().actor_hashes(account_id):
        click.echo(actor_hash)


if __name__ == "__main__":
    main()
