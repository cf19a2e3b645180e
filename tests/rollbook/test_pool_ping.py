"""Pooled PostgreSQL connections are pinged only after sitting idle (core/pool_ping.py): a stale
idle connection is replaced without failing the request; a hot one costs no round trip."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

from rollbook.core.pool_ping import ping_after_idle
from support.databases import POSTGRES_URL

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not POSTGRES_URL, reason="ROLLBOOK_TEST_POSTGRES_URL is not set"),
]


@pytest.fixture
def pings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the pings the dialect sends (one entry each)."""
    sent: list[int] = []
    real = PGDialect_psycopg.do_ping

    def counting(self: Any, dbapi_connection: Any) -> bool:
        sent.append(1)
        return real(self, dbapi_connection)

    monkeypatch.setattr(PGDialect_psycopg, "do_ping", counting)
    return sent


def _engine(idle_seconds: float) -> Engine:
    engine = create_engine(POSTGRES_URL, pool_size=1, max_overflow=0)
    ping_after_idle(engine, idle_seconds=idle_seconds)
    return engine


@pytest.fixture
def idle_engine() -> Iterator[Engine]:
    engine = _engine(idle_seconds=0.0)  # every reuse counts as idle
    yield engine
    engine.dispose()


@pytest.fixture
def hot_engine() -> Iterator[Engine]:
    engine = _engine(idle_seconds=3600.0)  # no reuse counts as idle
    yield engine
    engine.dispose()


def _backend_pid(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(pid: int) -> None:
    killer = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with killer.connect() as connection:
        assert connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
    killer.dispose()


def test_a_connection_killed_while_idle_is_replaced_and_the_request_succeeds(
    idle_engine: Engine, pings: list[int]
) -> None:
    stale = _backend_pid(idle_engine)
    _terminate(stale)  # as a database restart or an idle timeout would
    fresh = _backend_pid(idle_engine)
    assert fresh != stale
    assert len(pings) >= 1


def test_a_connection_used_a_moment_ago_is_not_pinged(hot_engine: Engine, pings: list[int]) -> None:
    first = _backend_pid(hot_engine)
    for _ in range(20):
        assert _backend_pid(hot_engine) == first  # the same pooled connection each time
    assert pings == []


def test_the_ping_leaves_autocommit_reads_working(idle_engine: Engine, pings: list[int]) -> None:
    """The hot read path runs on an autocommit connection; a ping must not leave a transaction
    open that would stop psycopg from switching it."""
    _backend_pid(idle_engine)
    with idle_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        assert connection.execute(text("SELECT 1")).scalar_one() == 1
    assert len(pings) == 1
