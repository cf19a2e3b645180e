"""A purge leaves none of the tenant's bytes in the SQLite files: not in free pages of the main
file, not in the WAL, not in the shared-memory index. Scanned raw, as someone holding a copy of
the files (or the disk) would read them, through both ways to purge: the API and the CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.migrations import upgrade_database
from support.cli import run_rollbook
from support.reports import ADMIN, JIRA_ADMIN, FakeDirectory, Tenant, UserClient, install_tenant

# Distinctive enough that no other byte sequence in the files can contain them by chance.
NAME = "Quokka-ledger-5b1e9c purge probe"
DESCRIPTION = "Narwhal-notes-83d0aa written only to be purged"
JQL = "project = ZQXPURGE AND labels = wombat_jql_2f6c71"
KEPT_NAME = "Kept-otter-report-4a7d20 of the other tenant"


def database_bytes(path: Path) -> bytes:
    """The main file, its WAL and its shared-memory index, whichever exist right now.

    Read by a child process: closing any descriptor of the database file in this process would
    drop every POSIX lock this process's SQLite connections hold on it, and the CLI's purge
    would then think it closes the last connection and checkpoint and delete the WAL itself,
    which it does not do while a server is running."""
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
    existing = [str(file) for file in files if file.exists()]
    return subprocess.run(["cat", *existing], capture_output=True, check=True).stdout


def stored_secret(database: Database, client_key: str) -> str:
    """The shared secret exactly as stored (plain or encrypted at rest: whatever is on disk)."""
    with database.session() as session:
        stored = session.execute(
            text("SELECT shared_secret FROM tenants WHERE client_key = :key"), {"key": client_key}
        ).scalar_one()
    assert len(stored) >= 16
    return str(stored)


def checkpoint(database: Database) -> None:
    with database.engine.connect() as connection:
        busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    assert busy == 0


def purge_through_api(api: TestClient, database: Database, tenant: Tenant) -> None:
    jira_admin = UserClient(api, tenant, JIRA_ADMIN)
    response = jira_admin.post("/api/admin/purge", json={"confirm_site_url": tenant.base_url})
    assert response.status_code == 200, response.text
    assert response.json() == {"reports_removed": 4}  # three live, one in the trash


def purge_through_cli(api: TestClient, database: Database, tenant: Tenant) -> None:
    output = run_rollbook(database.url, "purge", "--tenant", tenant.client_key, "--yes")
    assert "4 reports removed" in output


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / "purge.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture
def file_database(sqlite_file: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{sqlite_file}")
    yield database
    database.dispose()


@pytest.fixture
def file_api(settings: Settings, file_database: Database) -> Iterator[TestClient]:
    directory = FakeDirectory(jira_admins={JIRA_ADMIN})
    app = create_app(settings, database=file_database, jira_directory=directory)
    with TestClient(app, base_url="https://rollbook.test") as client:
        yield client


@pytest.mark.parametrize(
    "purge",
    [
        pytest.param(purge_through_api, id="api-admin-purge"),
        pytest.param(purge_through_cli, id="cli-purge"),
    ],
)
def test_purge_leaves_no_tenant_bytes_in_the_database_files(
    purge: Callable[[TestClient, Database, Tenant], None],
    file_api: TestClient,
    file_database: Database,
    sqlite_file: Path,
) -> None:
    tenant = install_tenant(file_database, "zqx-purged-site")
    other = install_tenant(file_database, "zqx-kept-site")
    admin = UserClient(file_api, tenant, ADMIN)
    for number in range(3):
        admin.create(name=f"{NAME} {number}", description=DESCRIPTION, jql=JQL)
    UserClient(file_api, other, ADMIN).create(name=KEPT_NAME)
    secret = stored_secret(file_database, tenant.client_key)
    # As after a restart or an automatic checkpoint: these rows now sit in the main file...
    checkpoint(file_database)
    # ...and these in the WAL.
    report = admin.create(name=f"{NAME} edited", description=DESCRIPTION, jql=JQL)
    assert admin.delete(f"/api/reports/{report['id']}").status_code in (200, 204)
    probes = {
        "report name": NAME,
        "description": DESCRIPTION,
        "JQL": JQL,
        "client key": tenant.client_key,
        "shared secret": secret,
    }
    before = database_bytes(sqlite_file)
    # The scan sees the data while it exists, so an empty result below means it is gone.
    assert {what for what, text in probes.items() if text.encode() not in before} == set()

    purge(file_api, file_database, tenant)

    after = database_bytes(sqlite_file)
    assert {what for what, text in probes.items() if text.encode() in after} == set()
    assert KEPT_NAME.encode() in after  # the other tenant's data is untouched
