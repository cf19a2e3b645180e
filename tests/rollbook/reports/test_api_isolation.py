"""Tenant isolation: tenant B cannot reach tenant A's reports by any route, even with their ids
and even when B's user has the same account id as A's administrator."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from support.reports import ADMIN, JIRA_ADMIN, Tenant, UserClient, editable


@pytest.fixture
def a_report(as_user: Any) -> dict[str, Any]:
    report: dict[str, Any] = as_user(ADMIN).create(
        people={"access": "open", "administrators": [ADMIN]}
    )
    return report


@pytest.fixture
def intruder(as_user: Any, tenant_b: Tenant) -> UserClient:
    # Same account id as A's administrator: account ids are not tenants.
    client: UserClient = as_user(ADMIN, tenant_b)
    return client


def _body(report: dict[str, Any]) -> dict[str, Any]:
    return editable(report, name="Hijacked", version=report["version"])


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/reports/{id}"),
        ("put", "/api/reports/{id}"),
        ("delete", "/api/reports/{id}"),
        ("post", "/api/reports/{id}/restore"),
        ("post", "/api/reports/{id}/duplicate"),
        ("get", "/api/reports/{id}/export"),
    ],
)
def test_other_tenant_gets_404(
    method: str, path: str, a_report: dict[str, Any], intruder: UserClient, as_user: Any
) -> None:
    url = path.format(id=a_report["id"])
    kwargs = {"json": _body(a_report)} if method == "put" else {}
    response = getattr(intruder, method)(url, **kwargs)
    assert response.status_code == 404, response.text
    still = as_user(ADMIN).get(f"/api/reports/{a_report['id']}").json()
    assert still["name"] == "Sprint burn" and still["deleted_at"] is None


def test_other_tenant_cannot_restore_from_trash(
    a_report: dict[str, Any], intruder: UserClient, as_user: Any
) -> None:
    as_user(ADMIN).delete(f"/api/reports/{a_report['id']}")
    assert intruder.post(f"/api/reports/{a_report['id']}/restore").status_code == 404
    assert intruder.get("/api/trash").json()["items"] == []


def test_other_tenant_lists_nothing(a_report: dict[str, Any], intruder: UserClient) -> None:
    assert intruder.get("/api/reports").json() == {
        "items": [],
        "total": 0,
        "offset": 0,
        "limit": 50,
    }


def test_other_tenant_admin_export_and_purge_touch_only_their_own(
    a_report: dict[str, Any], as_user: Any, tenant_b: Tenant
) -> None:
    b_admin: UserClient = as_user(JIRA_ADMIN, tenant_b)
    b_report = b_admin.create(name="B's own")
    exported = b_admin.get("/api/admin/export").json()
    assert [r["id"] for r in exported["reports"]] == [b_report["id"]]
    purge = b_admin.post("/api/admin/purge", json={"confirm_site_url": tenant_b.base_url})
    assert purge.status_code == 200 and purge.json() == {"reports_removed": 1}
    assert as_user(ADMIN).get(f"/api/reports/{a_report['id']}").status_code == 200


def _with_ids(exported: dict[str, Any], *ids: str) -> dict[str, Any]:
    """The export file with its one report copied under each of these ids."""
    (report,) = exported["reports"]
    return {**exported, "reports": [{**report, "id": report_id} for report_id in ids]}


def test_import_keeping_ids_tells_nothing_about_other_sites(
    a_report: dict[str, Any], as_user: Any, intruder: UserClient
) -> None:
    """An id another site uses is answered exactly like one never used (before report ids were
    keyed by site, it was a 409 naming the id)."""
    exported = as_user(ADMIN).get(f"/api/reports/{a_report['id']}/export").json()
    never_used = str(uuid.uuid4())
    answers = {
        report_id: intruder.post(
            "/api/import",
            json={"file": _with_ids(exported, report_id), "options": {"keep_ids": True}},
        )
        for report_id in (a_report["id"], never_used)
    }
    assert {report_id: (r.status_code, r.json()) for report_id, r in answers.items()} == {
        a_report["id"]: (201, {"ids": [a_report["id"]]}),
        never_used: (201, {"ids": [never_used]}),
    }
    # Two reports with one id, one per site: each site sees and changes only its own.
    own = intruder.get(f"/api/reports/{a_report['id']}").json()
    assert intruder.put(f"/api/reports/{own['id']}", json=_body(own)).status_code == 200
    assert intruder.delete(f"/api/reports/{own['id']}").status_code == 204
    still = as_user(ADMIN).get(f"/api/reports/{a_report['id']}").json()
    assert still["name"] == "Sprint burn" and still["deleted_at"] is None


def test_import_keeping_ids_this_site_uses_is_a_conflict(
    a_report: dict[str, Any], as_user: Any
) -> None:
    admin: UserClient = as_user(ADMIN)
    exported = admin.get(f"/api/reports/{a_report['id']}/export").json()
    fresh = str(uuid.uuid4())
    response = admin.post(
        "/api/import",
        json={"file": _with_ids(exported, fresh, a_report["id"]), "options": {"keep_ids": True}},
    )
    assert response.status_code == 409
    assert response.json()["error"] == "report_id_in_use"
    assert response.json()["ids"] == [a_report["id"]]
    # Nothing of the file was imported.
    assert admin.get(f"/api/reports/{fresh}").status_code == 404
