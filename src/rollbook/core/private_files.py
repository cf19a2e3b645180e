"""Files only the server's user may read (mode 0600): the SQLite database with its -wal and -shm
files, and backups. They hold every tenant's install data, so they are created private, not
left to the umask, and a looser existing one is tightened with a warning."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

from sqlalchemy.engine import make_url

PRIVATE_MODE = 0o600
# SQLite creates these beside the database, with the database file's mode.
SQLITE_COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")

log = logging.getLogger(__name__)


def make_private(path: Path) -> None:
    """Create `path` empty with mode 0600 if it does not exist (an empty file is a valid new
    SQLite database), or tighten it to 0600 if others could read or write it."""
    try:
        # O_EXCL: never follow a link planted where the file is about to be created.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_MODE)
    except FileExistsError:
        tighten(path)
        return
    except FileNotFoundError:
        return  # no such directory: SQLite or the backup reports it in its own words
    os.close(descriptor)


def tighten(path: Path) -> None:
    """Mode 0600 for an existing file whose group or others bits are set; warns, since the file
    was readable by others until now."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        path.chmod(PRIVATE_MODE)
        log.warning(
            "file was readable by other users; its mode is now 0600",
            extra={"path": str(path), "previous_mode": oct(mode)},
        )


def sqlite_database_file(database_url: str) -> Path | None:
    """The database file of a SQLite URL; None for other databases, in-memory ones and URI
    filenames (whose options SQLite interprets itself)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def make_sqlite_files_private(database_file: Path) -> None:
    """Before SQLite opens the database: the file created 0600 (SQLite gives -wal and -shm the
    database file's mode), and any existing companion file tightened."""
    make_private(database_file)
    for suffix in SQLITE_COMPANION_SUFFIXES:
        tighten(database_file.with_name(database_file.name + suffix))
