"""The SQLite database, its -wal and -shm files, and every backup are readable by the server's
user only (mode 0600), whatever the umask: they hold every tenant's install data."""

from __future__ import annotations

import logging
import os
import stat
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from rollbook.core.db import Database
from rollbook.migrations import upgrade_database
from rollbook.operations.backup import backup, restore
from support.cli import run_rollbook
from support.databases import POSTGRES_URL, drop_postgres_database, fresh_postgres_database
from support.reports import install_tenant


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The common default umask, under which new files are readable by everyone (0644)."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _migrated(path: Path) -> Database | None:
    upgrade_database(f"sqlite:///{path}")
    return None


def _written(path: Path) -> Database | None:
    """A write through the app's engine (WAL mode), kept open: the -wal and -shm files exist
    until the last connection closes."""
    database = Database(f"sqlite:///{path}")
    upgrade_database(database.url)
    install_tenant(database, "modes")
    assert path.with_name(path.name + "-wal").exists()
    assert path.with_name(path.name + "-shm").exists()
    return database


def _opened_by_the_app(path: Path) -> Database | None:
    return Database(f"sqlite:///{path}")


def _close(database: Database | None) -> None:
    if database is not None:
        database.dispose()


@pytest.mark.parametrize(
    ("make", "suffixes"),
    [
        pytest.param(_opened_by_the_app, [""], id="database-created-by-the-app"),
        pytest.param(_migrated, [""], id="database-created-by-migrations"),
        pytest.param(_written, ["", "-wal", "-shm"], id="after-a-write-wal-and-shm"),
    ],
)
def test_the_sqlite_database_files_are_private(
    tmp_path: Path, make: Callable[[Path], Database | None], suffixes: list[str]
) -> None:
    path = tmp_path / "rollbook.db"
    database = make(path)
    try:
        for suffix in suffixes:
            file = path.with_name(path.name + suffix)
            assert _mode(file) == 0o600, f"{file.name} is {oct(_mode(file))}"
    finally:
        _close(database)


def test_existing_readable_database_files_are_tightened_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "rollbook.db"
    writer = _written(path)  # made world-readable, as every release before this one left them
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).chmod(0o644)
    with caplog.at_level(logging.WARNING):
        _close(_opened_by_the_app(path))
    for suffix in ("", "-wal", "-shm"):
        assert _mode(path.with_name(path.name + suffix)) == 0o600
    _close(writer)
    assert "readable by other users" in caplog.text


@pytest.mark.parametrize("existing", [False, True], ids=["new-file", "existing-file"])
def test_a_sqlite_backup_and_a_restored_database_are_private(
    tmp_path: Path, existing: bool
) -> None:
    live = tmp_path / "live.db"
    _close(_written(live))
    destination = tmp_path / "backups" / "rollbook.backup"
    if existing:
        destination.parent.mkdir()
        destination.write_bytes(b"")
        destination.chmod(0o644)
    backup(f"sqlite:///{live}", destination)
    assert _mode(destination) == 0o600

    restored = tmp_path / "restored.db"
    restore(f"sqlite:///{restored}", destination)
    assert _mode(restored) == 0o600


def test_the_backup_command_writes_a_private_file(tmp_path: Path) -> None:
    live = tmp_path / "live.db"
    _close(_written(live))
    destination = tmp_path / "cli.backup"
    run_rollbook(f"sqlite:///{live}", "backup", str(destination))
    assert _mode(destination) == 0o600


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES_URL, reason="ROLLBOOK_TEST_POSTGRES_URL is not set")
def test_a_postgresql_backup_is_private(tmp_path: Path) -> None:
    name = f"rollbook_m_{uuid.uuid4().hex[:8]}"
    url = fresh_postgres_database(name)
    try:
        upgrade_database(url)
        destination = tmp_path / "pg.backup"
        backup(url, destination)
        assert destination.stat().st_size > 0
        assert _mode(destination) == 0o600
    finally:
        drop_postgres_database(name)
