"""Tenant isolation: tenant B cannot reach tenant A's reports by any route, even with their ids
and even when B's user has the same account id as A's administrator."""

from __future__ import annotations

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


def test_other_tenant_cannot_import_over_ids(
    a_report: dict[str, Any], as_user: Any, intruder: UserClient
) -> None:
    exported = as_user(ADMIN).get(f"/api/reports/{a_report['id']}/export")
    assert exported.status_code == 200
    response = intruder.post(
        "/api/import", json={"file": exported.json(), "options": {"keep_ids": True}}
    )
    assert response.status_code == 409
    assert as_user(ADMIN).get(f"/api/reports/{a_report['id']}").json()["name"] == "Sprint burn"
