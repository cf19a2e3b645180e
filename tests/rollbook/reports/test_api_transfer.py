"""Export and import of report definitions, and the Jira administrator's export and purge. An
import records the importer as the author, now; only a Jira administrator keeps other people as
administrators."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from rollbook.core.db import Database
from rollbook.gadgets.models import DashboardGadget
from rollbook.reports.models import Report
from rollbook.tenancy.models import Tenant as TenantRow
from support.reports import (
    ADMIN,
    DEFINITION_KEYS,
    JIRA_ADMIN,
    OUTSIDER,
    VIEWER,
    FakeDirectory,
    Tenant,
    UserClient,
    unreachable,
)


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    return {key: report[key] for key in DEFINITION_KEYS}


def _authored_by(report: dict[str, Any], importer: str, since: datetime) -> bool:
    """Created and last changed by the importer, at import time (not as the file says)."""
    return (
        report["created_by"] == report["updated_by"] == importer
        and datetime.fromisoformat(report["created_at"]) >= since
        and report["created_at"] == report["updated_at"]
    )


def test_single_report_export_imports_as_a_new_report(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(
        people={
            "access": "limited",
            "administrators": [ADMIN],
            "viewer_users": [VIEWER],
            "viewer_groups": ["analysts"],
        }
    )
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    assert exported["format"] == "rollbook.report-export" and exported["format_version"] == 2
    assert exported["reports"][0]["views"] == report["views"]
    since = datetime.now(UTC)
    imported = admin.post("/api/import", json={"file": exported})
    assert imported.status_code == 201
    (new_id,) = imported.json()["ids"]
    assert new_id != report["id"]
    copy = admin.get(f"/api/reports/{new_id}").json()
    assert _comparable(copy) == _comparable(report)
    assert _authored_by(copy, ADMIN, since)


def test_import_for_another_site_keeps_only_the_importer(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    imported = (
        as_user(VIEWER)
        .post("/api/import", json={"file": exported, "options": {"people": "importer_only"}})
        .json()
    )
    copy = as_user(VIEWER).get(f"/api/reports/{imported['ids'][0]}").json()
    assert copy["people"] == {
        "access": "private",
        "administrators": [VIEWER],
        "viewer_users": [],
        "viewer_groups": [],
    }


@pytest.mark.parametrize(
    "file",
    [
        {},
        {
            "format": "other",
            "format_version": 1,
            "exported_at": "2026-01-01T00:00:00Z",
            "reports": [],
        },
        {
            "format": "rollbook.report-export",
            "format_version": 3,
            "exported_at": "2026-01-01T00:00:00Z",
            "reports": [],
        },
    ],
)
def test_import_rejects_foreign_files(file: dict[str, Any], as_user: Any) -> None:
    response = as_user(ADMIN).post("/api/import", json={"file": file})
    assert response.status_code == 422
    assert all(d["loc"][:2] == ["body", "file"] for d in response.json()["detail"])


# Exported by Rollbook with report model version 1, before views (tests/fixtures/README.md).
V1_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "report-export-v1.json"
DEFAULT_VIEWS = [{"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}]


def test_a_version_1_file_imports_with_the_default_views(as_user: Any) -> None:
    file = json.loads(V1_FILE.read_text())
    assert file["format_version"] == 1

    response = as_user(JIRA_ADMIN).post("/api/import", json={"file": file})

    assert response.status_code == 201, response.text
    ids = response.json()["ids"]
    assert len(ids) == len(file["reports"]) == 2
    for new_id, entry in zip(ids, file["reports"], strict=True):
        # A Jira administrator's import keeps the file's administrators: ADMIN.
        imported = as_user(ADMIN).get(f"/api/reports/{new_id}").json()
        assert imported["views"] == DEFAULT_VIEWS
        # Nor history settings (issue 14): the defaults.
        assert imported["history"] is None
        unchanged = [key for key in DEFINITION_KEYS if key not in ("views", "history")]
        assert {key: imported[key] for key in unchanged} == {key: entry[key] for key in unchanged}
    # Exported again, it is a version 2 file.
    again = as_user(ADMIN).get(f"/api/reports/{ids[0]}/export").json()
    assert again["format_version"] == 2 and again["reports"][0]["views"] == DEFAULT_VIEWS


def test_export_purge_import_restores_the_tenant(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    admin: UserClient = as_user(ADMIN)
    originals = [
        admin.create(name="One"),
        admin.create(name="Two", people={"access": "open", "administrators": [ADMIN, VIEWER]}),
        admin.create(
            name="Three",
            grouping_rules=[],
            formula_fields=[],
            columns=[{"field": "summary"}],
            views=[{"kind": "table", "id": "table", "name": "Table"}],
        ),
    ]
    gadget = {"dashboard_id": "10100", "report_id": originals[1]["id"]}
    assert admin.put("/api/gadgets/10000", json=gadget).status_code == 200
    jira_admin: UserClient = as_user(JIRA_ADMIN)
    export = jira_admin.get("/api/admin/export")
    assert export.status_code == 200
    assert sorted(r["name"] for r in export.json()["reports"]) == ["One", "Three", "Two"]

    refused = jira_admin.post("/api/admin/purge", json={"confirm_site_url": "https://wrong"})
    assert refused.status_code == 422 and refused.json()["error"] == "purge_not_confirmed"
    purge = jira_admin.post("/api/admin/purge", json={"confirm_site_url": tenant_a.base_url})
    assert purge.json() == {"reports_removed": 3}
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0
        assert session.scalar(select(func.count()).select_from(DashboardGadget)) == 0
        assert session.get(TenantRow, tenant_a.client_key) is None
    # The tenant is gone: its tokens no longer work until Jira installs the app again.
    assert admin.get("/api/reports").status_code == 401

    from support.reports import install_tenant

    install_tenant(database, "site-a")
    # The file holds a gadget setting, so a Jira administrator restores it.
    since = datetime.now(UTC)
    imported = jira_admin.post(
        "/api/import", json={"file": export.json(), "options": {"keep_ids": True}}
    )
    assert imported.status_code == 201
    for original in originals:
        restored = admin.get(f"/api/reports/{original['id']}").json()
        # A Jira administrator keeps the administrators; the import is theirs, dated now.
        assert _comparable(restored) == _comparable(original)
        assert _authored_by(restored, JIRA_ADMIN, since)
    assert admin.get("/api/gadgets/10000").json()["report_id"] == originals[1]["id"]


def test_admin_routes_require_jira_administer(
    as_user: Any, directory: FakeDirectory, tenant_a: Tenant
) -> None:
    admin: UserClient = as_user(ADMIN)  # administers reports, not Jira
    admin.create()
    assert admin.get("/api/admin/export").json()["error"] == "jira_admin_required"
    response = admin.post("/api/admin/purge", json={"confirm_site_url": tenant_a.base_url})
    assert response.status_code == 403
    with unreachable(directory):
        assert as_user(JIRA_ADMIN).get("/api/admin/export").status_code == 503
    assert admin.get("/api/reports").json()["total"] == 1


FOREIGN_AUTHOR = "acc-someone-else"
SHARED_PEOPLE = {
    "access": "limited",
    "administrators": [FOREIGN_AUTHOR, VIEWER],
    "viewer_users": [OUTSIDER],
    "viewer_groups": ["analysts"],
}


def _file_claiming_another_author(admin: UserClient, people: dict[str, Any]) -> dict[str, Any]:
    """An export file edited to name someone else as creator and administrator, long ago."""
    report = admin.create(people={"access": "private", "administrators": [ADMIN]})
    file: dict[str, Any] = admin.get(f"/api/reports/{report['id']}/export").json()
    file["reports"][0].update(
        people=people,
        created_by=FOREIGN_AUTHOR,
        updated_by=FOREIGN_AUTHOR,
        created_at="2001-01-01T00:00:00Z",
        updated_at="2001-01-02T00:00:00Z",
    )
    return file


@pytest.mark.parametrize(
    ("importer", "administrators"),
    [
        # A site user takes the reports over: viewers stay, administration is theirs alone.
        pytest.param(ADMIN, [ADMIN], id="member-becomes-only-administrator"),
        pytest.param(VIEWER, [VIEWER], id="listed-administrator-still-alone"),
        # A Jira administrator may restore other people's administration.
        pytest.param(JIRA_ADMIN, [FOREIGN_AUTHOR, VIEWER], id="jira-admin-keeps-administrators"),
    ],
)
def test_import_records_the_importer_as_author(
    as_user: Any, importer: str, administrators: list[str]
) -> None:
    file = _file_claiming_another_author(as_user(ADMIN), SHARED_PEOPLE)
    since = datetime.now(UTC)
    response = as_user(importer).post("/api/import", json={"file": file})
    assert response.status_code == 201, response.text
    (new_id,) = response.json()["ids"]
    # Read as a listed viewer, whom every case keeps.
    imported = as_user(OUTSIDER).get(f"/api/reports/{new_id}").json()
    assert _authored_by(imported, importer, since)
    assert imported["people"] == {**SHARED_PEOPLE, "administrators": administrators}


def test_keeping_administrators_fails_closed_when_jira_cannot_say(
    as_user: Any, directory: FakeDirectory
) -> None:
    file = _file_claiming_another_author(as_user(ADMIN), SHARED_PEOPLE)
    with unreachable(directory):
        refused = as_user(JIRA_ADMIN).post("/api/import", json={"file": file})
        assert refused.status_code == 503
        # Only the importer administers: nothing to confirm, so Jira is not asked.
        mine = _file_claiming_another_author(
            as_user(ADMIN), {**SHARED_PEOPLE, "administrators": [JIRA_ADMIN]}
        )
        assert as_user(JIRA_ADMIN).post("/api/import", json={"file": mine}).status_code == 201
