"""Database backups (privacy promise 7): SQLite's online backup API, PostgreSQL's pg_dump.

Both give a consistent snapshot while the server keeps writing: SQLite's backup copies pages
under a read transaction that restarts when a writer changes the source, and pg_dump reads in
one repeatable-read transaction.

A backup holds every tenant's install data, so it is created with mode 0600. The PostgreSQL
password never goes on a command line (any local user can read `/proc/<pid>/cmdline`): the
client tools get it from a password file of their own (`PGPASSFILE`, mode 0600, removed after)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from rollbook.core.private_files import PRIVATE_MODE, make_private, make_sqlite_files_private


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database:
        raise ValueError("an in-memory SQLite database cannot be backed up")
    return Path(database)


@dataclass(frozen=True)
class PostgresCommand:
    """A PostgreSQL client command line and its environment; the password, if any, is only in
    the file `PGPASSFILE` names."""

    argv: list[str]
    env: dict[str, str]


def _password(database_url: str) -> str | None:
    """The password, in the URL's user part or (libpq allows it) its `password` parameter."""
    url = make_url(database_url)
    if url.password is not None:
        return str(url.password)
    from_query = url.query.get("password")
    return from_query if isinstance(from_query, str) else None


def _libpq_url(database_url: str) -> str:
    """pg_dump speaks libpq URLs: no SQLAlchemy driver suffix, and no password."""
    url = make_url(database_url)
    # Built anew: `URL.set(password=None)` keeps the password (None means "unchanged" there).
    without_password = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query={name: value for name, value in url.query.items() if name != "password"},
    )
    return without_password.render_as_string(hide_password=False)


def _passfile_line(password: str) -> str:
    # .pgpass format: `host:port:database:user:password`; `:` and `\` escaped with `\`. The
    # file serves this one command, so every field is a wildcard.
    escaped = password.replace("\\", "\\\\").replace(":", "\\:")
    return f"*:*:*:*:{escaped}\n"


@contextmanager
def postgres_command(database_url: str, program: str, *arguments: str) -> Iterator[PostgresCommand]:
    """`program --dbname=<url without password> arguments…`, with the URL's password in a
    private temporary password file for as long as the context lasts."""
    password = _password(database_url)
    argv = [program, f"--dbname={_libpq_url(database_url)}", *arguments]
    env = dict(os.environ)
    if password is None:
        yield PostgresCommand(argv, env)
        return
    with tempfile.TemporaryDirectory(prefix="rollbook-pg-") as directory:
        passfile = Path(directory) / "pgpass"
        descriptor = os.open(passfile, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
        with os.fdopen(descriptor, "w") as file:
            file.write(_passfile_line(password))
        yield PostgresCommand(argv, {**env, "PGPASSFILE": str(passfile)})


def _run(command: PostgresCommand) -> None:
    subprocess.run(command.argv, env=command.env, check=True)


def backup(database_url: str, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    # Created (or tightened) 0600 before a byte is written into it.
    make_private(destination)
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
    # pg_dump truncates and rewrites the private file; it does not recreate it.
    with postgres_command(
        database_url, "pg_dump", "--format=custom", "--no-owner", f"--file={destination}"
    ) as command:
        _run(command)


def restore(database_url: str, source: Path) -> None:
    """Replace the database's content with the backup's. Stop the app servers first."""
    if not source.exists():
        raise FileNotFoundError(source)
    if database_url.startswith("sqlite"):
        live_path = _sqlite_path(database_url)
        make_sqlite_files_private(live_path)
        backup_db = sqlite3.connect(source)
        live = sqlite3.connect(live_path)
        try:
            with live:
                backup_db.backup(live)
        finally:
            live.close()
            backup_db.close()
        return
    with postgres_command(
        database_url,
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--single-transaction",
        str(source),
    ) as command:
        _run(command)
