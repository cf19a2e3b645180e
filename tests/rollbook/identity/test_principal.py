"""The one API dependency: the `Authorization` scheme picks the host, and whatever the host the
report code sees the same principal and viewer."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from rollbook.identity.access import require_jira_admin
from rollbook.identity.exceptions import GroupCheckUnavailable, NotJiraAdministrator
from rollbook.identity.viewer import Viewer
from rollbook.jira.client import JiraUnavailable
from rollbook.tenancy.models import HostKind
from support.forge_fit import ForgeSite
from support.reports import ADMIN, FakeDirectory, Tenant


def test_jwt_goes_to_connect_and_bearer_to_forge(
    as_user: Any, as_forge_user: Any, tenant_a: Tenant, forge_site: ForgeSite
) -> None:
    connect = as_user(ADMIN).get("/api/me").json()
    forge = as_forge_user(ADMIN).get("/api/me").json()
    assert connect == {
        "client_key": tenant_a.client_key,
        "base_url": tenant_a.base_url,
        "account_id": ADMIN,
    }
    assert forge == {
        "client_key": forge_site.installation_id,
        "base_url": forge_site.site_url,
        "account_id": ADMIN,
    }


def test_no_credentials_stay_on_the_connect_path(api: TestClient) -> None:
    response = api.get("/api/me")
    assert response.status_code == 401
    assert response.json()["error"] == "token_missing"
    assert response.headers["www-authenticate"] == "JWT"


def test_the_same_user_on_both_hosts_is_two_tenants(as_user: Any, as_forge_user: Any) -> None:
    created = as_user(ADMIN).create(people={"access": "open", "administrators": [ADMIN]})
    forge_admin = as_forge_user(ADMIN)
    assert forge_admin.get(f"/api/reports/{created['id']}").status_code == 404
    assert forge_admin.get("/api/reports").json()["total"] == 0


def test_groups_are_asked_once_per_request(as_forge_user: Any, directory: FakeDirectory) -> None:
    people = {"access": "limited", "administrators": [ADMIN], "viewer_groups": ["analysts"]}
    for name in ("One", "Two", "Three"):
        response = as_forge_user(ADMIN).post(
            "/api/reports", json={**_minimal(name), "people": people}
        )
        assert response.status_code == 201, response.text
    before = directory.group_lookups
    assert as_forge_user("acc-group-member").get("/api/reports").json()["total"] == 3
    assert directory.group_lookups == before + 1


def _minimal(name: str) -> dict[str, Any]:
    return {"name": name, "jql": "project = ROLL", "columns": [{"field": "summary"}]}


def _viewer(host: HostKind, *, groups: Any = None, admin: Any = None) -> Viewer:
    async def lookup_groups() -> frozenset[str]:
        return (groups or frozenset)()

    async def lookup_admin() -> bool:
        return bool((admin or (lambda: True))())

    return Viewer(
        "tenant", "acc-1", lookup_groups=lookup_groups, lookup_jira_admin=lookup_admin, host=host
    )


def _unavailable() -> Any:
    raise JiraUnavailable("down")


@pytest.mark.anyio
@pytest.mark.parametrize(("host", "status"), [(HostKind.CONNECT, 503), (HostKind.FORGE, 403)])
async def test_jira_being_unable_to_answer_denies_with_the_hosts_status(
    host: HostKind, status: int
) -> None:
    with pytest.raises(GroupCheckUnavailable) as groups:
        await _viewer(host, groups=_unavailable).resolve_groups()
    assert groups.value.status_code == status
    with pytest.raises(GroupCheckUnavailable) as admin:
        await require_jira_admin(_viewer(host, admin=_unavailable))
    assert admin.value.status_code == status


@pytest.mark.anyio
async def test_a_non_admin_is_refused_on_both_hosts() -> None:
    for host in HostKind:
        with pytest.raises(NotJiraAdministrator):
            await require_jira_admin(_viewer(host, admin=lambda: False))
        await require_jira_admin(_viewer(host))
