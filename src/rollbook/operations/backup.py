"""Database backups (privacy promise 7): SQLite's online backup API, PostgreSQL's pg_dump.

Both give a consistent snapshot while the server keeps writing: SQLite's backup copies pages
under a read transaction that restarts when a writer changes the source, and pg_dump reads in
one repeatable-read transaction."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database:
        raise ValueError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _libpq_url(database_url: str) -> str:
    """pg_dump speaks libpq URLs: no SQLAlchemy driver suffix."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def backup(database_url: str, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if database_url.startswith("sqlite"):
        source = sqlite3.connect(_sqlite_path(database_url))
        target = sqlite3.connect(destination)
        try:
            with target:
                source.backup(target, pages=256)
        finally:
            target.close()
            source.close()
        return
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            f"--file={destination}",
            f"--dbname={_libpq_url(database_url)}",
        ],
        check=True,
    )


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with the backup's. Stop the app servers first."""
    if not source.exists():
        raise FileNotFoundError(source)
    if database_url.startswith("sqlite"):
        backup_db = sqlite3.connect(source)
        live = sqlite3.connect(_sqlite_path(database_url))
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
        return
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--dbname={_libpq_url(database_url)}",
            str(source),
        ],
        check=True,
    )
