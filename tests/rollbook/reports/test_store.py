"""The report store's contract, on SQLite and PostgreSQL: each store sees its own tenant's
reports only, even when two sites hold a report with the same id."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event

from rollbook.core.db import Database
from rollbook.reports.store import ReportStore, read_report
from support.reports import install_tenant

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
SHARED_ID = str(uuid.uuid4())


@pytest.fixture
def two_sites(database: Database) -> tuple[str, str]:
    a, b = (install_tenant(database, name).client_key for name in ("site-a", "site-b"))
    with database.session() as session:
        for tenant, name in ((a, "A's"), (b, "B's")):
            ReportStore(session, tenant).add(
                report_id=SHARED_ID,
                name=name,
                access="open",
                definition={},
                people={"administrators": ["acc"]},
                created_at=NOW,
                created_by="acc",
                updated_at=NOW,
                updated_by="acc",
            )
    return a, b


def test_each_site_reads_its_own_report_under_a_shared_id(
    database: Database, two_sites: tuple[str, str]
) -> None:
    a, b = two_sites
    with database.session() as session:
        found = {tenant: ReportStore(session, tenant).get(SHARED_ID) for tenant in two_sites}
        assert {tenant: row.name for tenant, row in found.items() if row} == {a: "A's", b: "B's"}
        assert ReportStore(session, a).by_ids([SHARED_ID])[SHARED_ID].name == "A's"
        assert ReportStore(session, b).ids_in_use([SHARED_ID, str(uuid.uuid4())]) == {SHARED_ID}
        assert [row.name for row in ReportStore(session, b).live()] == ["B's"]
        assert [sharing[0] for sharing in ReportStore(session, a).live_sharing()] == [SHARED_ID]
    hot = read_report(database, tenant_key=b, report_id=SHARED_ID)
    assert hot is not None and hot.name == "B's"
    assert read_report(database, tenant_key="another-site", report_id=SHARED_ID) is None


def test_writes_stay_in_their_site(database: Database, two_sites: tuple[str, str]) -> None:
    a, b = two_sites
    with database.session() as session:
        store_a = ReportStore(session, a)
        row = store_a.get(SHARED_ID)
        assert row is not None
        assert store_a.save_if_version(row, expected_version=1, name="A renamed")
        assert not store_a.save_if_version(row, expected_version=1, name="stale")
        store_a.move_to_trash(row, at=NOW, by="acc")
        with pytest.raises(ValueError, match="another tenant"):
            ReportStore(session, b).move_to_trash(row, at=NOW, by="acc")
    with database.session() as session:
        assert [r.name for r in ReportStore(session, a).trash()] == ["A renamed"]
        assert ReportStore(session, b).trash() == []
        assert ReportStore(session, a).delete_all() == 1
        b_row = ReportStore(session, b).get(SHARED_ID)
        assert b_row is not None and b_row.name == "B's" and b_row.version == 1


@pytest.mark.parametrize("report_id", ["not-a-uuid", "", "' OR 1=1 --"])
def test_a_malformed_id_finds_nothing(
    database: Database, two_sites: tuple[str, str], report_id: str
) -> None:
    with database.session() as session:
        assert ReportStore(session, two_sites[0]).get(report_id) is None
    assert read_report(database, tenant_key=two_sites[0], report_id=report_id) is None


def test_a_store_needs_a_tenant(database: Database) -> None:
    with database.session() as session, pytest.raises(ValueError, match="needs a tenant"):
        ReportStore(session, "")


def test_the_hot_read_is_its_select_alone(database: Database, two_sites: tuple[str, str]) -> None:
    """`read_report` sends one statement and nothing around it. On PostgreSQL it runs on an
    autocommit connection: no BEGIN and no ROLLBACK, two round trips that each held up the event
    loop. On SQLite a SELECT opens no transaction anyway, and the isolation-level PRAGMAs that
    autocommit cost there took longer than the read (docs/benchmarks.md)."""
    if database.url.startswith("sqlite"):
        statements = sqlite_statements(
            database,
            lambda: read_report(database, tenant_key=two_sites[0], report_id=SHARED_ID),
        )
        assert [statement.split()[0] for statement in statements] == ["SELECT"]
        return
    seen: list[bool] = []

    def autocommit(connection: Any, *_: Any) -> None:
        seen.append(connection.connection.dbapi_connection.autocommit is True)

    # On every engine: the read has a pool of its own on PostgreSQL.
    event.listen(Engine, "before_cursor_execute", autocommit)
    try:
        assert read_report(database, tenant_key=two_sites[0], report_id=SHARED_ID) is not None
    finally:
        event.remove(Engine, "before_cursor_execute", autocommit)
    assert seen == [True]


def sqlite_statements(database: Database, action: Callable[[], object]) -> list[str]:
    """Every statement SQLite itself ran during `action` (its trace callback sees PRAGMAs and
    transaction control that SQLAlchemy's events do not), on whichever pooled connection."""
    statements: list[str] = []

    def trace(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.set_trace_callback(statements.append)

    def untrace(dbapi_connection: Any, *_: Any) -> None:
        dbapi_connection.set_trace_callback(None)

    event.listen(database.engine, "checkout", trace)
    event.listen(database.engine, "checkin", untrace)
    try:
        action()
    finally:
        event.remove(database.engine, "checkout", trace)
        event.remove(database.engine, "checkin", untrace)
    return statements
