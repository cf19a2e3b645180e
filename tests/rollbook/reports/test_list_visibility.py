"""The report list's visibility filter in SQL (`ReportStore.visible_page` over `report_grants`)
against the rule in Python (`identity.access.can_view`), the independent oracle: same reports,
same order, same total, after every kind of write, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, event, select

from rollbook.core.db import Base, Database
from rollbook.identity.access import can_view, view_without_groups
from rollbook.identity.viewer import Viewer
from rollbook.reports.models import ReportGrant, ReportGrantTotal
from rollbook.reports.store import NewReport, ReportStore, grants_of
from support.reports import (
    ADMIN,
    GROUP_MEMBER,
    OUTSIDER,
    FakeDirectory,
    install_tenant,
    unreachable,
)

NOW = datetime(2026, 12, 5, 12, tzinfo=UTC)
ACCOUNTS = ("acc-1", "acc-2", "acc-3", "acc-4")
GROUPS = ("analysts", "devs", "Devs", "ops")


def _people(
    access: str,
    administrators: tuple[str, ...] = ("acc-1",),
    users: tuple[str, ...] = (),
    groups: tuple[str, ...] = (),
) -> dict[str, Any]:
    return {
        "access": access,
        "administrators": list(administrators),
        "viewer_users": list(users),
        "viewer_groups": list(groups),
    }


def _empty(database: Database) -> None:
    with database.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))


@pytest.fixture
def site(migrated_database: Database) -> Iterator[tuple[Database, str, str]]:
    _empty(migrated_database)
    a, b = (install_tenant(migrated_database, name).client_key for name in ("site-a", "site-b"))
    yield migrated_database, a, b
    _empty(migrated_database)


def _add(store: ReportStore, people: dict[str, Any], *, name: str = "R", minute: int = 0) -> str:
    report_id = str(uuid.uuid4())
    sharing = dict(people)
    access = sharing.pop("access")
    at = NOW + timedelta(minutes=minute)
    store.add(
        report_id=report_id,
        name=name,
        access=access,
        definition={"description": ""},
        people=sharing,
        created_at=at,
        created_by="acc-1",
        updated_at=at,
        updated_by="acc-1",
    )
    return report_id


def _listed(
    database: Database, tenant: str, account: str, groups: frozenset[str] = frozenset(), **kw: Any
) -> list[str]:
    with database.session() as session:
        page = ReportStore(session, tenant).visible_page(account_id=account, groups=groups, **kw)
        assert page.total >= len(page.rows)
        return [row.id for row in page.rows]


# (case, people, viewer, viewer's groups, listed)
CASES = [
    ("open to an outsider", _people("open"), "acc-9", (), True),
    ("private to its administrator", _people("private", ("acc-1", "acc-2")), "acc-2", (), True),
    ("private to a listed viewer user", _people("private", users=("acc-2",)), "acc-2", (), False),
    (
        "private to a member of a listed group",
        _people("private", groups=("analysts",)),
        "acc-2",
        ("analysts",),
        False,
    ),
    ("limited to its administrator", _people("limited"), "acc-1", (), True),
    ("limited to a listed user", _people("limited", users=("acc-2",)), "acc-2", (), True),
    ("limited to an unlisted user", _people("limited", users=("acc-2",)), "acc-3", (), False),
    (
        "limited to a group member",
        _people("limited", groups=("devs",)),
        "acc-3",
        ("ops", "devs"),
        True,
    ),
    (
        "limited to a group that differs in case only",
        _people("limited", groups=("devs",)),
        "acc-3",
        ("Devs",),
        False,
    ),
    (
        "limited to a non-member whose account id is a group name",
        _people("limited", groups=("acc-3",)),
        "acc-3",
        (),
        False,
    ),
    (
        "limited to a member of a group named like the account",
        _people("limited", users=("devs",)),
        "acc-3",
        ("devs",),
        False,
    ),
]


@pytest.mark.parametrize(
    ("people", "viewer", "groups", "listed"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_who_sees_a_report_in_the_list(
    site: tuple[Database, str, str],
    people: dict[str, Any],
    viewer: str,
    groups: tuple[str, ...],
    listed: bool,
) -> None:
    database, a, _ = site
    with database.session() as session:
        report_id = _add(ReportStore(session, a), people)
    assert _listed(database, a, viewer, frozenset(groups)) == ([report_id] if listed else [])


def _trash(database: Database, tenant: str, report_id: str) -> None:
    with database.session() as session:
        store = ReportStore(session, tenant)
        row = store.get(report_id)
        assert row is not None
        store.move_to_trash(row, at=NOW, by="acc-1")


def _restore(database: Database, tenant: str, report_id: str) -> None:
    with database.session() as session:
        store = ReportStore(session, tenant)
        row = store.get(report_id)
        assert row is not None
        store.take_out_of_trash(row, at=NOW, by="acc-1")


def _reshare(database: Database, tenant: str, report_id: str, people: dict[str, Any]) -> None:
    sharing = dict(people)
    access = sharing.pop("access")
    with database.session() as session:
        store = ReportStore(session, tenant)
        row = store.get(report_id)
        assert row is not None
        assert store.save_if_version(
            row, expected_version=row.version, access=access, people=sharing
        )


def test_a_report_in_the_trash_is_not_listed_even_to_its_administrator(
    site: tuple[Database, str, str],
) -> None:
    database, a, _ = site
    with database.session() as session:
        report_id = _add(ReportStore(session, a), _people("open"))
    _trash(database, a, report_id)
    assert _listed(database, a, "acc-1") == []
    _restore(database, a, report_id)
    assert _listed(database, a, "acc-9") == [report_id]


@pytest.mark.parametrize(
    ("before", "after", "viewer", "groups"),
    [
        pytest.param(_people("open"), _people("private"), "acc-9", (), id="open made private"),
        pytest.param(
            _people("limited", users=("acc-2",)),
            _people("limited", users=("acc-3",)),
            "acc-2",
            (),
            id="viewer user removed",
        ),
        pytest.param(
            _people("limited", groups=("devs",)),
            _people("limited", groups=("ops",)),
            "acc-2",
            ("devs",),
            id="viewer group removed",
        ),
        pytest.param(
            _people("private", ("acc-1", "acc-2")),
            _people("private", ("acc-1",)),
            "acc-2",
            (),
            id="administrator removed",
        ),
    ],
)
def test_a_save_that_takes_access_away_hides_the_report(
    site: tuple[Database, str, str],
    before: dict[str, Any],
    after: dict[str, Any],
    viewer: str,
    groups: tuple[str, ...],
) -> None:
    database, a, _ = site
    with database.session() as session:
        report_id = _add(ReportStore(session, a), before)
    assert _listed(database, a, viewer, frozenset(groups)) == [report_id]
    _reshare(database, a, report_id, after)
    assert _listed(database, a, viewer, frozenset(groups)) == []


def test_another_sites_reports_are_never_listed(site: tuple[Database, str, str]) -> None:
    database, a, b = site
    with database.session() as session:
        _add(ReportStore(session, b), _people("open"))
        _add(ReportStore(session, b), _people("limited", groups=("devs",)))
    assert _listed(database, a, "acc-1", frozenset({"devs"})) == []
    with database.session() as session:
        assert ReportStore(session, a).visible_page(account_id="acc-1").total == 0
        assert not ReportStore(session, a).hidden_without_groups(account_id="acc-2")


@pytest.mark.parametrize(
    ("offset", "listed"),
    [
        pytest.param(1, 1, id="inside the list"),
        pytest.param(2, 0, id="just past the end"),
        pytest.param(2**63, 0, id="past a 64-bit integer"),
    ],
)
def test_an_offset_past_the_end_gives_an_empty_page(
    site: tuple[Database, str, str], offset: int, listed: int
) -> None:
    database, a, _ = site
    with database.session() as session:
        for minute in range(2):
            _add(ReportStore(session, a), _people("open"), minute=minute)
    with database.session() as session:
        page = ReportStore(session, a).visible_page(account_id="acc-9", offset=offset)
    assert (len(page.rows), page.total) == (listed, 2)


@pytest.mark.parametrize(
    ("search", "listed"),
    [
        pytest.param("50%", ["Done 50%"], id="percent is a literal"),
        pytest.param("a_b", ["a_b"], id="underscore is a literal"),
        pytest.param("DONE", ["done 5", "Done 50%"], id="case-insensitive"),
        pytest.param("", ["axb", "a_b", "done 5", "Done 50%"], id="no search, newest first"),
    ],
)
def test_search_keeps_its_meaning(
    site: tuple[Database, str, str], search: str, listed: list[str]
) -> None:
    database, a, _ = site
    with database.session() as session:
        store = ReportStore(session, a)
        names = {
            _add(store, _people("open"), name=name, minute=minute): name
            for minute, name in enumerate(["Done 50%", "done 5", "a_b", "axb"])
        }
        _add(store, _people("private", ("acc-2",)), name="Done 50% private", minute=9)
    found = _listed(database, a, "acc-1", search=search)
    assert [names[report_id] for report_id in found] == listed


@pytest.mark.parametrize(
    ("people", "viewer", "asks"),
    [
        pytest.param(_people("open"), "acc-2", False, id="open report"),
        pytest.param(
            _people("limited", groups=("devs",)), "acc-2", True, id="group-shared, not listed"
        ),
        pytest.param(
            _people("limited", ("acc-2",), groups=("devs",)),
            "acc-2",
            False,
            id="group-shared, caller administers it",
        ),
        pytest.param(
            _people("limited", users=("acc-2",), groups=("devs",)),
            "acc-2",
            False,
            id="group-shared, caller listed",
        ),
        pytest.param(
            _people("private", groups=("devs",)), "acc-2", False, id="private lists a group"
        ),
    ],
)
def test_jira_is_asked_for_groups_only_when_they_can_change_the_list(
    site: tuple[Database, str, str], people: dict[str, Any], viewer: str, asks: bool
) -> None:
    database, a, _ = site
    with database.session() as session:
        _add(ReportStore(session, a), people)
    with database.session() as session:
        assert ReportStore(session, a).hidden_without_groups(account_id=viewer) is asks


def _plan(database: Database, statement: str, parameters: Any) -> list[str]:
    with database.engine.connect() as connection:
        return [
            row[-1]
            for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        ]


def test_a_list_reads_by_index_only_on_sqlite(site: tuple[Database, str, str]) -> None:
    """O(page): SQLite reads reports in list order from `ix_reports_live_newest`, probes each
    one's grants by key, and reads the total from `report_grant_totals` by key; no statement
    sorts or scans a table."""
    database, a, _ = site
    if not database.url.startswith("sqlite"):
        pytest.skip("query plans are checked on SQLite")
    with database.session() as session:
        store = ReportStore(session, a)
        for minute in range(30):
            _add(store, _people("open" if minute % 2 else "limited", groups=("devs",)))
    statements: list[tuple[str, Any]] = []

    def capture(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        with database.session() as session:
            ReportStore(session, a).visible_page(
                account_id="acc-2", groups=frozenset({"devs"}), limit=5
            )
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    page = [_plan(database, *s) for s in statements if "ORDER BY" in s[0]]
    total = [_plan(database, *s) for s in statements if "report_grant_totals" in s[0]]
    assert len(page) == 1 and len(total) == 1, statements
    assert any("ix_reports_live_newest" in step for step in page[0]), page
    for plan in (*page, *total):
        assert not any("TEMP B-TREE" in step for step in plan), plan
        assert not any(step.startswith("SCAN") and step != "SCAN CONSTANT ROW" for step in plan), (
            plan
        )


def test_the_list_statements_carry_their_constants_in_the_sql(
    site: tuple[Database, str, str],
) -> None:
    """Grant kinds, LIMIT and OFFSET are written into the SQL: psycopg prepares a statement
    after five runs, and PostgreSQL's generic plan, not knowing them, read every grant row of
    the site (measured: 0.3 ms → 6 ms per list at 50,000 reports from the eleventh call on)."""
    database, a, _ = site
    statements: list[str] = []

    def capture(_c: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        with database.session() as session:
            store = ReportStore(session, a)
            store.hidden_without_groups(account_id="acc-2")
            store.visible_page(account_id="acc-2", groups={"devs"}, offset=3, limit=7)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    on_grants = [s for s in statements if "report_grant" in s]
    assert len(on_grants) == 3, statements
    assert all("kind = 'group'" in s for s in on_grants[:1]), on_grants
    assert all("kind = 'open'" in s for s in on_grants[1:]), on_grants
    assert all("kind IN ('admin', 'user')" in s for s in on_grants[:2]), on_grants
    assert "LIMIT 7 OFFSET 3" in on_grants[1], on_grants


# Property test: random reports, writes, viewers and pages; the SQL list equals the Python rule.

sharing = st.fixed_dictionaries(
    {
        "access": st.sampled_from(["private", "limited", "open"]),
        "administrators": st.lists(st.sampled_from(ACCOUNTS), min_size=1, max_size=3),
        "viewer_users": st.lists(st.sampled_from(ACCOUNTS), max_size=3),
        "viewer_groups": st.lists(st.sampled_from(GROUPS), max_size=3),
    }
)
report_specs = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.uuids().map(str),
            "name": st.sampled_from(["Alpha", "beta", "ALPHA 2", "gamma_1", "Gamma%"]),
            # Few distinct times, so ties are common and the order's tie-break (id) matters.
            "minute": st.integers(0, 3),
            "sharing": sharing,
            "resharing": st.none() | sharing,
            "fate": st.sampled_from(["live", "live", "trashed", "restored"]),
            # Written by `add_many` (site import) instead of `add`.
            "bulk": st.booleans(),
        }
    ),
    max_size=10,
    unique_by=lambda spec: spec["id"],
)


def _write(database: Database, tenant: str, specs: list[dict[str, Any]]) -> None:
    with database.session() as session:
        store = ReportStore(session, tenant)
        bulk = []
        for spec in specs:
            people = dict(spec["sharing"])
            at = NOW + timedelta(minutes=spec["minute"])
            report = NewReport(
                id=spec["id"],
                name=spec["name"],
                access=people.pop("access"),
                definition={},
                people=people,
                created_at=at,
                created_by="acc-1",
                updated_at=at,
                updated_by="acc-1",
            )
            if spec.get("bulk"):
                bulk.append(report)
            else:
                store.add(
                    report_id=report.id, **{k: v for k, v in vars(report).items() if k != "id"}
                )
        store.add_many(bulk)
    for spec in specs:
        if spec["resharing"] is not None:
            _reshare(database, tenant, spec["id"], spec["resharing"])
        if spec["fate"] != "live":
            _trash(database, tenant, spec["id"])
        if spec["fate"] == "restored":
            with database.session() as session:
                store = ReportStore(session, tenant)
                row = store.get(spec["id"])
                assert row is not None
                store.take_out_of_trash(row, at=NOW + timedelta(minutes=spec["minute"]), by="x")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=report_specs,
    account=st.sampled_from([*ACCOUNTS, "acc-none"]),
    groups=st.frozensets(st.sampled_from(GROUPS)),
    search=st.sampled_from(["", "alpha", "GAMMA", "%", "_", "a"]),
    offset=st.integers(0, 6),
    limit=st.integers(1, 6),
)
def test_the_sql_list_equals_the_python_rule(
    site: tuple[Database, str, str],
    specs: list[dict[str, Any]],
    account: str,
    groups: frozenset[str],
    search: str,
    offset: int,
    limit: int,
) -> None:
    database, a, b = site
    _empty_reports(database)
    _write(database, a, specs)
    # The other site holds the same ids, every one open to all: none may leak into site A's list.
    _write(database, b, [{**spec, "sharing": _people("open"), "resharing": None} for spec in specs])

    async def lookup_groups() -> frozenset[str]:
        return groups

    viewer = Viewer(tenant_key=a, account_id=account, lookup_groups=lookup_groups)
    asyncio.run(viewer.resolve_groups())
    # (access, people, minute) of each live report of site A whose name matches.
    final: dict[str, tuple[str, dict[str, Any], int]] = {}
    for spec in specs:
        if spec["fate"] == "trashed" or search.lower() not in spec["name"].lower():
            continue
        people = dict(spec["resharing"] or spec["sharing"])
        final[spec["id"]] = (people.pop("access"), people, spec["minute"])
    expected = sorted(
        (
            report_id
            for report_id, (access, people, _) in final.items()
            if can_view(access, people, viewer)
        ),
        key=lambda report_id: (-final[report_id][2], report_id),
    )
    hidden = any(
        view_without_groups(access, people, viewer) is None for access, people, _ in final.values()
    )

    with database.session() as session:
        store = ReportStore(session, a)
        page = store.visible_page(
            account_id=account, groups=groups, search=search, offset=offset, limit=limit
        )
        assert [row.id for row in page.rows] == expected[offset : offset + limit]
        assert page.total == len(expected)
        assert store.hidden_without_groups(account_id=account, search=search) is hidden
        stored = set(
            session.execute(
                select(ReportGrant.report_id, ReportGrant.kind, ReportGrant.principal).where(
                    ReportGrant.tenant_key == a
                )
            )
        )
        totals = {
            (row.kind, row.principal): row.total
            for row in session.execute(
                select(ReportGrantTotal).where(ReportGrantTotal.tenant_key == a)
            ).scalars()
            if row.total
        }
    # The totals count the rows, after any sequence of writes.
    assert totals == Counter((kind, principal) for _, kind, principal in stored)
    # Every live report's grant rows are those its final sharing gives it; trashed ones have none.
    assert stored == {
        (spec["id"], kind, principal)
        for spec in specs
        if spec["fate"] != "trashed"
        for kind, principal in grants_of(
            (spec["resharing"] or spec["sharing"])["access"], spec["resharing"] or spec["sharing"]
        )
    }


def _empty_reports(database: Database) -> None:
    # Hypothesis runs many examples on one fixture: each starts from sites without reports.
    with database.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "tenants":
                session.execute(delete(table))


# Through the API: the route resolves groups only when the store says they can matter.

GROUP_SHARED = {"access": "limited", "administrators": [ADMIN], "viewer_groups": ["analysts"]}


@pytest.mark.parametrize(
    ("people", "caller", "lookups", "listed"),
    [
        pytest.param({"access": "open", "administrators": [ADMIN]}, GROUP_MEMBER, 0, 1, id="open"),
        pytest.param(GROUP_SHARED, GROUP_MEMBER, 1, 1, id="group-shared, caller a member"),
        pytest.param(GROUP_SHARED, OUTSIDER, 1, 0, id="group-shared, caller not a member"),
        pytest.param(GROUP_SHARED, ADMIN, 0, 1, id="group-shared, caller administers it"),
    ],
)
def test_the_list_asks_jira_for_groups_only_when_they_can_change_it(
    as_user: Any,
    directory: FakeDirectory,
    people: dict[str, Any],
    caller: str,
    lookups: int,
    listed: int,
) -> None:
    as_user(ADMIN).create(people={"viewer_users": [], "viewer_groups": [], **people})
    directory.group_lookups = 0
    page = as_user(caller).get("/api/reports").json()
    assert (len(page["items"]), page["total"]) == (listed, listed)
    assert directory.group_lookups == lookups


def test_the_list_leaves_out_group_shared_reports_when_jira_cannot_say(
    as_user: Any, directory: FakeDirectory
) -> None:
    admin = as_user(ADMIN)
    admin.create(name="Open", people={"access": "open", "administrators": [ADMIN]})
    admin.create(name="Group", people={**GROUP_SHARED, "viewer_users": []})
    with unreachable(directory):
        response = as_user(GROUP_MEMBER).get("/api/reports")
    assert response.status_code == 200
    assert [item["name"] for item in response.json()["items"]] == ["Open"]
    assert response.json()["total"] == 1
    assert "Rollbook-Warning" in response.headers
    assert "Rollbook-Warning" not in as_user(GROUP_MEMBER).get("/api/reports").headers
