"""Check a pooled PostgreSQL connection before use only when it has been idle for a while.

SQLAlchemy's `pool_pre_ping` sends a `SELECT 1` on every checkout: a third of the report read's
time on PostgreSQL (docs/benchmarks.md, "Where the time goes"). A connection returned a moment
ago was alive a moment ago; the ones that go stale are those left idle (a database restart or
an idle timeout while the app was quiet). So a connection idle for longer than `idle_seconds` is
pinged, and replaced if the ping fails; a hot one is not. A connection that breaks while hot
fails its one request, and SQLAlchemy then replaces every pooled connection (its disconnect
handling), as it would have without any ping."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

# Longer than any pause between requests under load, far shorter than the idle timeouts of
# PostgreSQL, PgBouncer or a firewall.
IDLE_PING_SECONDS = 5.0
_RETURNED_AT = "rollbook_returned_at"


def ping_after_idle(engine: Engine, *, idle_seconds: float = IDLE_PING_SECONDS) -> None:
    def stamp(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned_at = record.info.get(_RETURNED_AT)
        if returned_at is None or time.monotonic() - returned_at < idle_seconds:
            return  # new, or back in the pool a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            # The pool discards this connection and checks out another (up to three tries).
            raise DisconnectionError("a pooled connection went stale while idle") from exc

    event.listen(engine, "checkin", stamp)
    event.listen(engine, "checkout", check)
