"""A site of 20,000 reports through the API: export (streamed), purge, import into a fresh install
of the same site, export again: the same reports and gadgets, with the importing Jira
administrator as their author. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.gadgets import service as gadgets
from rollbook.gadgets.schemas import GadgetSetting
from rollbook.reports.schemas import ReportBody
from rollbook.reports.service import split_body
from rollbook.reports.store import NewReport, ReportStore
from support.reports import JIRA_ADMIN, Tenant, UserClient, full_report, install_tenant

REPORTS = 20_000
AUTHORSHIP = ("created_at", "created_by", "updated_at", "updated_by")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"max_reports_per_site": REPORTS, "max_import_body_bytes": 256 * 1024 * 1024}
    )


def _seed(database: Database, client_key: str) -> None:
    """REPORTS live reports with varied sharing, ten in the trash, three gadgets; inserted in
    bulk through the store (the API would take minutes to create them one by one)."""
    sharing = [
        {"access": "private", "administrators": ["acc-1"]},
        {"access": "open", "administrators": ["acc-1", "acc-2"]},
        {
            "access": "limited",
            "administrators": ["acc-2"],
            "viewer_users": ["acc-3"],
            "viewer_groups": ["analysts"],
        },
    ]
    start = datetime(2025, 1, 1, tzinfo=UTC)
    # Validated once per sharing; each report varies its name and JQL.
    bodies = [
        split_body(ReportBody.model_validate(full_report(people=people))) for people in sharing
    ]
    rows = []
    for index in range(REPORTS + 10):
        definition, people = bodies[index % 3]
        at = start + timedelta(minutes=index)
        rows.append(
            NewReport(
                id=str(uuid.uuid4()),
                name=f"Report {index}",
                access=people["access"],
                definition={**definition, "jql": f"key = ROLL-{index}"},
                people={key: value for key, value in people.items() if key != "access"},
                created_at=at,
                created_by="acc-1",
                updated_at=at + timedelta(seconds=1),
                updated_by="acc-2",
            )
        )
    with database.session() as session:
        store = ReportStore(session, client_key)
        for first in range(0, len(rows), 1000):
            store.add_many(rows[first : first + 1000])
        trashed = store.by_ids(row.id for row in rows[REPORTS:])
        for row in trashed.values():
            store.move_to_trash(row, at=start, by="acc-1")
        gadgets.save_settings(
            session,
            client_key,
            [
                GadgetSetting.model_validate(
                    {
                        "dashboard_item_id": f"3000{index}",
                        "dashboard_id": "10100",
                        "report_id": rows[index * 7_000].id,
                        "updated_at": start,
                        "updated_by": "acc-1",
                    }
                )
                for index in range(3)
            ],
        )


def _by_id(export: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {report["id"]: report for report in export["reports"]}


def _without_authorship(report: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in report.items() if key not in AUTHORSHIP}


def test_twenty_thousand_reports_export_purge_import_export(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    _seed(database, tenant_a.client_key)
    jira_admin: UserClient = as_user(JIRA_ADMIN)

    response = jira_admin.get("/api/admin/export")
    assert response.status_code == 200, response.text[:300]
    first_bytes = response.content
    first = json.loads(first_bytes)
    assert len(first["reports"]) == REPORTS and len(first["dashboard_gadgets"]) == 3

    purge = jira_admin.post("/api/admin/purge", json={"confirm_site_url": tenant_a.base_url})
    assert purge.json() == {"reports_removed": REPORTS + 10}
    install_tenant(database, "site-a")  # a fresh install of the same site

    since = datetime.now(UTC)
    body = b'{"file": ' + first_bytes + b', "options": {"keep_ids": true}}'
    imported = jira_admin.post(
        "/api/import", content=body, headers={"Content-Type": "application/json"}
    )
    assert imported.status_code == 201, imported.text[:300]
    assert imported.json()["ids"] == [report["id"] for report in first["reports"]]

    second = jira_admin.get("/api/admin/export").json()
    before, after = _by_id(first), _by_id(second)
    assert after.keys() == before.keys()
    for report_id, report in after.items():
        assert _without_authorship(report) == _without_authorship(before[report_id])
        assert report["created_by"] == report["updated_by"] == JIRA_ADMIN
        assert datetime.fromisoformat(report["created_at"]) >= since
    assert second["dashboard_gadgets"] == first["dashboard_gadgets"]
