"""After a purge commits, erase the deleted rows' bytes from the SQLite files themselves.

Deleting rows only unlinks them: their bytes stay in free pages of the main file and in old WAL
frames until something overwrites them. `secure_delete` (set on every connection in core/db.py)
zeroes what a delete frees; VACUUM rebuilds the file so no free page is left (rows deleted before
`secure_delete` was on included), and a TRUNCATE checkpoint copies the WAL back and cuts it to
zero bytes. PostgreSQL keeps dead tuples until the operator vacuums: see docs/operations.md,
"Purge and deleted data"."""

from __future__ import annotations

import logging

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def erase_after_commit(session: Session) -> None:
    """Erase the SQLite files' free space once `session` commits (VACUUM cannot run inside the
    purge's transaction, and must not run if the purge rolls back)."""
    engine = session.get_bind()
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return

    def erase(_session: Session) -> None:
        erase_free_space(engine)

    event.listen(session, "after_commit", erase, once=True)


def erase_free_space(engine: Engine) -> None:
    """VACUUM, then a TRUNCATE checkpoint, on a connection of its own.

    The purge is committed by now, so a failure here must not turn into an error answer that
    invites a retry: it is logged loudly for the operator, who can run `VACUUM` by hand."""
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM")
            busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
    except DBAPIError:
        log.exception("purge committed, but erasing the database's free pages failed")
        return
    if busy:
        # A reader held the WAL: its old frames (purged bytes among them) stay until the next
        # checkpoint that completes.
        log.error("purge committed, but a reader kept the WAL from being truncated")
