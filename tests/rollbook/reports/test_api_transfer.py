"""Export and import of report definitions, and the Jira administrator's export and purge."""

from __future__ import annotations

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
    VIEWER,
    FakeDirectory,
    Tenant,
    UserClient,
    unreachable,
)

COMPARED = (*DEFINITION_KEYS, "created_at", "created_by", "updated_at", "updated_by")


def _comparable(report: dict[str, Any]) -> dict[str, Any]:
    return {key: report[key] for key in COMPARED}


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
    assert exported["format"] == "rollbook.report-export" and exported["format_version"] == 1
    imported = admin.post("/api/import", json={"file": exported})
    assert imported.status_code == 201
    (new_id,) = imported.json()["ids"]
    assert new_id != report["id"]
    copy = admin.get(f"/api/reports/{new_id}").json()
    assert _comparable(copy) == _comparable(report)


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
            "format_version": 2,
            "exported_at": "2026-01-01T00:00:00Z",
            "reports": [],
        },
    ],
)
def test_import_rejects_foreign_files(file: dict[str, Any], as_user: Any) -> None:
    response = as_user(ADMIN).post("/api/import", json={"file": file})
    assert response.status_code == 422
    assert all(d["loc"][:2] == ["body", "file"] for d in response.json()["detail"])


def test_export_purge_import_restores_the_tenant(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    admin: UserClient = as_user(ADMIN)
    originals = [
        admin.create(name="One"),
        admin.create(name="Two", people={"access": "open", "administrators": [ADMIN, VIEWER]}),
        admin.create(
            name="Three", grouping_rules=[], formula_fields=[], columns=[{"field": "summary"}]
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
    imported = jira_admin.post(
        "/api/import", json={"file": export.json(), "options": {"keep_ids": True}}
    )
    assert imported.status_code == 201
    for original in originals:
        restored = admin.get(f"/api/reports/{original['id']}").json()
        assert _comparable(restored) == _comparable(original)
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
