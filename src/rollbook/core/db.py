"""Database engine and sessions: one SQLAlchemy engine per app, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, DateTime, Dialect, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

from rollbook.core.keyring import Keyring, attach_keyring
from rollbook.core.pool_ping import ping_after_idle
from rollbook.core.private_files import make_sqlite_files_private, sqlite_database_file

# Explicit constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# Threads that run blocking route code (AnyIO's limiter, set when the app starts); more would
# only contend for the GIL on a small machine.
WORKER_THREADS = 16
# Enough pooled connections for every worker thread and the event loop (the hot report read
# runs there): an overflow connection is opened and closed per request, which cost a third of
# a request under load on SQLite (with its PRAGMAs) and more on PostgreSQL.
POOL_SIZE = WORKER_THREADS + 1
# Single-statement reads run on the event loop, one at a time per process (reports/reads.py).
STATEMENT_POOL_SIZE = 2


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every database (SQLite drops the offset otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use timezone-aware UTC")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while one writer commits; foreign keys are off by default in SQLite.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Deleted rows are overwritten with zeros, not left readable in free space (a purge must
    # leave nothing: site/erasure.py). Debian builds SQLite with this on, others do not.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def create_db_engine(
    database_url: str, *, keyring: Keyring | None = None, autocommit: bool = False
) -> Engine:
    """The engine; `keyring` seals and opens `SealedText` columns (default: the development
    key, which only dev mode and tests use: the app and the CLI pass the configured one).
    `autocommit`: PostgreSQL connections that run every statement on its own (no transactions)."""
    engine = _create_engine(database_url, autocommit=autocommit)
    attach_keyring(engine.dialect, keyring or Keyring.development())
    return engine


def _create_engine(database_url: str, *, autocommit: bool = False) -> Engine:
    # JSON columns (a report's definition and people) are read with orjson, which takes a
    # quarter of json.loads's time on every report read. They are written with json.dumps, so
    # stored text stays as before.
    if database_url.startswith("sqlite"):
        database_file = sqlite_database_file(database_url)
        if database_file is not None:
            # Before SQLite creates it with the umask's mode (0644: readable by every user).
            make_sqlite_files_private(database_file)
        engine = create_engine(
            database_url,
            connect_args={"check_same_thread": False},
            pool_size=POOL_SIZE,
            max_overflow=WORKER_THREADS,
            json_deserializer=orjson.loads,
        )
        event.listen(engine, "connect", _enable_sqlite_pragmas)
        return engine
    # Autocommit is set once per connection, and there is no transaction to roll back when a
    # connection goes back to the pool.
    per_statement = {"isolation_level": "AUTOCOMMIT", "pool_reset_on_return": None}
    engine = create_engine(
        database_url,
        pool_size=STATEMENT_POOL_SIZE if autocommit else POOL_SIZE,
        max_overflow=WORKER_THREADS,
        json_deserializer=orjson.loads,
        **(per_statement if autocommit else {}),
    )
    ping_after_idle(engine)
    return engine


class Database:
    """The engine and session factory of one app instance (no module-level globals)."""

    def __init__(self, database_url: str, *, keyring: Keyring | None = None) -> None:
        self.url = database_url
        self.keyring = keyring or Keyring.development()
        self.engine = create_db_engine(database_url, keyring=self.keyring)
        # On PostgreSQL, single reads have a pool of their own in autocommit (statement_connection).
        self._statement_engine = (
            self.engine
            if self.engine.dialect.name == "sqlite"
            else create_db_engine(database_url, keyring=self.keyring, autocommit=True)
        )
        # Sessions carry the keyring for code that has only a session (the audit log).
        self._sessions = sessionmaker(
            self.engine, expire_on_commit=False, info={"keyring": self.keyring}
        )

    @contextmanager
    def statement_connection(self) -> Iterator[Connection]:
        """A pooled connection for one read statement, in no transaction where that is cheaper.

        On PostgreSQL it comes from a pool in autocommit: no BEGIN, and no ROLLBACK when it goes
        back (a round trip each); and, unlike a connection of the main pool switched to
        autocommit and back, nothing to set per read (about 40 µs of CPU). On SQLite a SELECT
        starts no transaction anyway, and that switch there and back nearly doubles the read
        (PRAGMAs, and statements prepared again): about 95 against 50 µs of CPU
        (bench/server/app_cost.py)."""
        with self._statement_engine.connect() as connection:
            yield connection

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        self._statement_engine.dispose()
