"""Alembic migrations produce exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, inspect, text

import rollbook.models  # noqa: F401
from rollbook.core.db import Base
from rollbook.migrations import alembic_config, upgrade_database
from rollbook.reports.schemas import ReportBody
from support.databases import database_params, drop_postgres_database, fresh_postgres_database


@pytest.mark.parametrize("backend", database_params())
def test_migrations_match_the_models(backend: str, tmp_path: Path) -> None:
    name = f"rollbook_m_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    try:
        upgrade_database(url)
        engine = create_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        engine.dispose()
        assert differences == []
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)


def _report_row(
    tenant_key: str, access: str, people: dict[str, object], **columns: object
) -> dict[str, object]:
    at = datetime(2026, 12, 1, tzinfo=UTC)
    return {
        "id": str(uuid.uuid4()),
        "tenant_key": tenant_key,
        "name": "R",
        "version": 1,
        "access": access,
        "definition": "{}",
        "people": json.dumps(people),
        "created_at": at,
        "created_by": "acc-1",
        "updated_at": at,
        "updated_by": "acc-1",
        "deleted_at": None,
        **columns,
    }


def _insert_tenant(connection: Connection, client_key: str) -> None:
    connection.execute(
        text(
            "INSERT INTO tenants (client_key, shared_secret, base_url, product_type, "
            "description, installed, enabled, installed_at, updated_at) VALUES "
            "(:key, 's', 'https://x.atlassian.net', 'jira', '', true, true, :at, :at)"
        ),
        {"key": client_key, "at": datetime(2026, 12, 1, tzinfo=UTC)},
    )


def _insert_report(connection: Connection, row: dict[str, object]) -> None:
    connection.execute(
        text(
            f"INSERT INTO reports ({', '.join(row)}) "
            f"VALUES ({', '.join(':' + column for column in row)})"
        ),
        row,
    )


# (case, access, people, grant rows the upgrade must write); people as stored before 0006.
BACKFILL_CASES = [
    ("open", "open", {"administrators": ["acc-1"]}, {("open", "")}),
    (
        "private, with viewer lists it does not use",
        "private",
        {"administrators": ["acc-1", "acc-2"], "viewer_users": ["acc-3"], "viewer_groups": ["g"]},
        {("admin", "acc-1"), ("admin", "acc-2")},
    ),
    (
        "limited",
        "limited",
        {"administrators": ["acc-1"], "viewer_users": ["acc-1", "acc-3"], "viewer_groups": ["g"]},
        # An administrator who is also a listed viewer user has one row: `admin`.
        {("admin", "acc-1"), ("user", "acc-3"), ("group", "g")},
    ),
    ("limited, people missing", "limited", {}, set()),
    (
        "in the trash",
        "open",
        {"administrators": ["acc-1"]},
        set(),
    ),
]


@pytest.mark.parametrize("backend", database_params())
def test_0006_fills_the_grants_of_existing_reports_and_drops_them_on_downgrade(
    backend: str, tmp_path: Path
) -> None:
    name = f"rollbook_g_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'g.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    try:
        upgrade_database(url, "0005")
        engine = create_engine(url)
        expected: set[tuple[str, str, str, str]] = set()
        with engine.begin() as connection:
            for tenant in ("site-a", "site-b"):
                _insert_tenant(connection, tenant)
                for case, access, people, grants in BACKFILL_CASES:
                    trashed = (
                        {"deleted_at": datetime(2026, 12, 2, tzinfo=UTC)} if "trash" in case else {}
                    )
                    row = _report_row(tenant, access, people, **trashed)
                    _insert_report(connection, row)
                    expected |= {(tenant, str(row["id"]), kind, p) for kind, p in grants}
        upgrade_database(url)
        with engine.connect() as connection:
            stored = {
                tuple(row)
                for row in connection.execute(
                    text("SELECT tenant_key, report_id, kind, principal FROM report_grants")
                )
            }
        assert stored == expected
        with engine.connect() as connection:
            totals = {
                tuple(row[:3]): row[3]
                for row in connection.execute(
                    text("SELECT tenant_key, kind, principal, total FROM report_grant_totals")
                )
            }
        assert totals == Counter((tenant, kind, p) for tenant, _, kind, p in expected)
        command.downgrade(alembic_config(url), "0005")
        with engine.connect() as connection:
            tables = inspect(connection).get_table_names()
            assert "report_grants" not in tables and "report_grant_totals" not in tables
            assert connection.execute(text("SELECT count(*) FROM reports")).scalar_one() == 10
        engine.dispose()
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)


@pytest.mark.parametrize("backend", database_params())
def test_0007_adds_project_tags_and_import_marks_and_downgrades(
    backend: str, tmp_path: Path
) -> None:
    name = f"rollbook_p_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'p.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    try:
        upgrade_database(url, "0006")
        engine = create_engine(url)
        with engine.begin() as connection:
            _insert_tenant(connection, "site-a")
            row = _report_row("site-a", "open", {"administrators": ["acc-1"]})
            _insert_report(connection, row)
        upgrade_database(url)
        with engine.connect() as connection:
            marks = connection.execute(text("SELECT imported_at, imported_from FROM reports"))
            assert marks.all() == [(None, None)]
            tags = connection.execute(text("SELECT count(*) FROM report_projects"))
            assert tags.scalar_one() == 0
        command.downgrade(alembic_config(url), "0006")
        with engine.connect() as connection:
            inspector = inspect(connection)
            assert "report_projects" not in inspector.get_table_names()
            columns = {column["name"] for column in inspector.get_columns("reports")}
            assert "imported_at" not in columns and "imported_from" not in columns
            assert connection.execute(text("SELECT count(*) FROM reports")).scalar_one() == 1
        engine.dispose()
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)


PIVOT_VIEW = {
    "kind": "pivot",
    "id": "by-status",
    "name": "By status",
    "rows": [{"field": "status"}],
    "columns": [{"field": "assignee"}],
    "values": [{"field": "issuekey", "aggregation": "count"}],
}
DEFAULT_VIEWS = [{"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}]
ADMINISTRATOR: dict[str, object] = {"administrators": ["acc-1"]}


def _stored_definitions(engine: object) -> dict[str, dict[str, object]]:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(text("SELECT id, definition FROM reports")).all()
    return {
        row.id: row.definition if isinstance(row.definition, dict) else json.loads(row.definition)
        for row in rows
    }


@pytest.mark.parametrize("backend", database_params())
def test_0008_gives_every_stored_report_views_and_downgrades(backend: str, tmp_path: Path) -> None:
    name = f"rollbook_v_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'v.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    v1 = {"jql": "project = RB", "columns": [{"field": "summary"}], "projects": ["RB"]}
    try:
        upgrade_database(url, "0007")
        engine = create_engine(url)
        rows = {
            "live": _report_row("site-a", "open", {"administrators": ["acc-1"]}),
            "trashed": _report_row(
                "site-a",
                "open",
                {"administrators": ["acc-1"]},
                deleted_at=datetime(2026, 12, 2, tzinfo=UTC),
            ),
            # Already version 2 (say, a second run after a partial one): left as it is.
            "has views": _report_row("site-b", "open", {"administrators": ["acc-1"]}),
        }
        with engine.begin() as connection:
            for tenant in ("site-a", "site-b"):
                _insert_tenant(connection, tenant)
            for case, row in rows.items():
                views = {"views": [PIVOT_VIEW]} if case == "has views" else {}
                row["definition"] = json.dumps({**v1, **views})
                _insert_report(connection, row)
        ids = {case: str(row["id"]) for case, row in rows.items()}

        upgrade_database(url)
        upgraded = _stored_definitions(engine)
        assert upgraded == {
            ids["live"]: {**v1, "views": DEFAULT_VIEWS},
            ids["trashed"]: {**v1, "views": DEFAULT_VIEWS},
            ids["has views"]: {**v1, "views": [PIVOT_VIEW]},
        }

        # What the upgrade wrote is a valid version 2 report.
        for definition in upgraded.values():
            ReportBody.model_validate({**definition, "name": "R", "people": ADMINISTRATOR})

        # Idempotent: the upgrade run again over upgraded rows changes nothing.
        config = alembic_config(url)
        command.stamp(config, "0007")
        command.upgrade(config, "0008")
        assert _stored_definitions(engine) == upgraded

        command.downgrade(config, "0007")
        assert _stored_definitions(engine) == dict.fromkeys(ids.values(), v1)
        engine.dispose()
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)


def _gadget_rows(engine: object) -> list[tuple[object, ...]]:
    with engine.connect() as connection:  # type: ignore[attr-defined]
        rows = connection.execute(
            text("SELECT * FROM dashboard_gadgets ORDER BY dashboard_item_id")
        ).mappings()
        return [tuple(sorted(row.items())) for row in rows]


@pytest.mark.parametrize("backend", database_params())
def test_0009_gives_gadgets_a_view_that_starts_empty_and_downgrades(
    backend: str, tmp_path: Path
) -> None:
    name = f"rollbook_g_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'g.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    at = datetime(2026, 12, 1, tzinfo=UTC)
    try:
        upgrade_database(url, "0008")
        engine = create_engine(url)
        report = _report_row("site-a", "open", ADMINISTRATOR)
        report["definition"] = json.dumps({"jql": "", "columns": [], "views": [PIVOT_VIEW]})
        with engine.begin() as connection:
            _insert_tenant(connection, "site-a")
            _insert_report(connection, report)
            connection.execute(
                text(
                    "INSERT INTO dashboard_gadgets (tenant_key, dashboard_item_id, dashboard_id, "
                    "report_id, updated_at, updated_by) VALUES "
                    "('site-a', '10000', '10100', :report, :at, 'acc-1')"
                ),
                {"report": report["id"], "at": at},
            )
        before = _gadget_rows(engine)

        upgrade_database(url, "0009")
        # The gadget set up before views shows its report's first view (null) until changed.
        (upgraded,) = _gadget_rows(engine)
        assert dict(upgraded) == {**dict(before[0]), "view_id": None}
        with engine.begin() as connection:
            connection.execute(text("UPDATE dashboard_gadgets SET view_id = 'by-status'"))
        assert dict(_gadget_rows(engine)[0])["view_id"] == "by-status"

        command.downgrade(alembic_config(url), "0008")
        with engine.connect() as connection:
            columns = {c["name"] for c in inspect(connection).get_columns("dashboard_gadgets")}
        assert "view_id" not in columns
        # The gadget keeps its report.
        assert _gadget_rows(engine) == before
        engine.dispose()
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)


# A report of issue 14: history settings and percentiles wherever an aggregation goes.
HISTORY_REPORT: dict[str, object] = {
    "jql": "project = RB",
    "columns": [
        {"field": "issuekey", "aggregation": "count"},
        {"field": "history_cycle_time", "aggregation": "p85"},
        {"field": "history_lead_time", "aggregation": "p95"},
        {"field": "timespent", "aggregation": "sum"},
    ],
    "grouping_rules": [
        {
            "field": "assignee",
            "order": {"by": "aggregate", "field": "history_cycle_time", "aggregation": "p50"},
        }
    ],
    "views": [
        *DEFAULT_VIEWS,
        {**PIVOT_VIEW, "values": [{"field": "history_cycle_time", "aggregation": "p85"}]},
        {
            "kind": "chart",
            "id": "cycle",
            "name": "Cycle",
            "chart_type": "bar",
            "series": "aggregates",
            "measures": [
                {"field": "history_cycle_time", "aggregation": "p95"},
                {"field": "issuekey", "aggregation": "count"},
            ],
        },
    ],
    "history": {
        "cycle_start": {"kind": "status", "id": "3"},
        "cycle_end": {"kind": "category", "id": "done"},
        "working_time": {
            "weekdays": [1, 2, 3, 4, 5],
            "start_hour": 9,
            "end_hour": 17,
            "time_zone": "Europe/Berlin",
        },
    },
}


def _stored_form(definition: dict[str, object]) -> dict[str, object]:
    """`definition` as the service stores it: validated, defaults filled, without name and
    people."""
    body = ReportBody.model_validate({**definition, "name": "R", "people": ADMINISTRATOR})
    return body.model_dump(mode="json", exclude={"name", "people"})


@pytest.mark.parametrize("backend", database_params())
def test_0010_downgrade_leaves_definitions_the_release_before_accepts(
    backend: str, tmp_path: Path
) -> None:
    name = f"rollbook_h_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'h.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    with_history = _stored_form(HISTORY_REPORT)
    plain = _stored_form({"jql": "project = RB", "columns": [{"field": "summary"}]})
    try:
        upgrade_database(url)
        engine = create_engine(url)
        rows = {
            "live": _report_row("site-a", "open", ADMINISTRATOR),
            "trashed": _report_row(
                "site-a", "open", ADMINISTRATOR, deleted_at=datetime(2026, 12, 2, tzinfo=UTC)
            ),
            "plain": _report_row("site-a", "open", ADMINISTRATOR),
        }
        with engine.begin() as connection:
            _insert_tenant(connection, "site-a")
            for case, row in rows.items():
                row["definition"] = json.dumps(plain if case == "plain" else with_history)
                _insert_report(connection, row)
        ids = {case: str(row["id"]) for case, row in rows.items()}

        command.downgrade(alembic_config(url), "0009")
        downgraded = _stored_definitions(engine)

        # The plain report stores `history: null`; it goes too, and nothing else changes.
        assert downgraded[ids["plain"]] == {k: v for k, v in plain.items() if k != "history"}
        expected = json.loads(json.dumps(with_history))
        del expected["history"]
        expected["columns"][1]["aggregation"] = "median"
        expected["columns"][2]["aggregation"] = "median"
        expected["grouping_rules"][0]["order"]["aggregation"] = "median"
        expected["views"][1]["values"][0]["aggregation"] = "median"
        expected["views"][2]["measures"][0]["aggregation"] = "median"
        assert downgraded[ids["live"]] == downgraded[ids["trashed"]] == expected
        aggregations = json.dumps(list(downgraded.values()))
        assert not any(f'"{p}"' in aggregations for p in ("p50", "p85", "p95"))

        # Up again: nothing to fill, and each definition still reads (history null).
        upgrade_database(url)
        assert _stored_definitions(engine) == downgraded
        for definition in downgraded.values():
            body = ReportBody.model_validate({**definition, "name": "R", "people": ADMINISTRATOR})
            assert body.history is None
        engine.dispose()
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)
