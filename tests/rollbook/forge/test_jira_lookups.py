"""The server's own Jira look-ups for Forge tenants: the request's app token as a Bearer token
against the FIT's apiBaseUrl, used for that request only; without a token, or when Jira says no,
access that depends on Jira is denied with 403."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.forge_fit import APP_TOKEN, ForgeSigner, ForgeSite, ForgeUserClient, JwksServer
from support.reports import (
    ADMIN,
    GROUP_MEMBER,
    JIRA_ADMIN,
    OUTSIDER,
    UserClient,
    full_report,
    install_tenant,
)

LIMITED_TO_ANALYSTS = {
    "access": "limited",
    "administrators": [ADMIN],
    "viewer_users": [],
    "viewer_groups": ["analysts"],
}


@dataclass
class FakeJira:
    """Stands in for Jira's REST API behind every site: who is in which group, who is admin."""

    accepted_token: str | None = APP_TOKEN
    groups: dict[str, list[str]] = field(
        default_factory=lambda: {GROUP_MEMBER: ["analysts"], JIRA_ADMIN: ["jira-administrators"]}
    )
    requests: list[httpx.Request] = field(default_factory=list)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        authorization = request.headers.get("authorization", "")
        bearer_ok = self.accepted_token and authorization == f"Bearer {self.accepted_token}"
        if not (bearer_ok or authorization.startswith("JWT ")):
            return httpx.Response(401, json={"message": "unauthorized"})
        account_id = request.url.params.get("accountId")
        if request.url.path.endswith("/rest/api/3/user/groups"):
            return httpx.Response(
                200, json=[{"name": g} for g in self.groups.get(account_id or "", [])]
            )
        if request.url.path.endswith("/rest/api/3/permissions/check"):
            body = json.loads(request.content)
            admin = body["accountId"] == JIRA_ADMIN
            return httpx.Response(200, json={"globalPermissions": ["ADMINISTER"] if admin else []})
        return httpx.Response(404, json={})


@pytest.fixture
def jira() -> FakeJira:
    return FakeJira()


@pytest.fixture
def live_api(
    forge_settings: Settings, database: Database, jwks: JwksServer, jira: FakeJira
) -> Iterator[TestClient]:
    """The app with its real HTTP directory: only the network is replaced."""
    app = create_app(
        forge_settings,
        database=database,
        forge_keys=jwks.key_source(),
        jira_transport=httpx.MockTransport(jira.handler),
    )
    with TestClient(app, base_url="https://rollbook.test") as client:
        yield client


def _user(
    live_api: TestClient, signer: ForgeSigner, site: ForgeSite, account_id: str, **kwargs: Any
) -> ForgeUserClient:
    return ForgeUserClient(live_api, signer, site, account_id, **kwargs)


def _limited_report(admin: ForgeUserClient) -> str:
    response = admin.post("/api/reports", json=full_report(people=LIMITED_TO_ANALYSTS))
    assert response.status_code == 201, response.text
    report_id: str = response.json()["id"]
    return report_id


def test_group_membership_is_asked_with_the_app_token_at_the_api_base_url(
    live_api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, jira: FakeJira
) -> None:
    report_id = _limited_report(_user(live_api, forge_signer, forge_site, ADMIN))
    assert jira.requests == []  # the administrator's own access needs no Jira look-up
    member = _user(live_api, forge_signer, forge_site, GROUP_MEMBER)
    assert member.get(f"/api/reports/{report_id}").status_code == 200
    (request,) = jira.requests
    assert str(request.url) == (
        f"{forge_site.api_base_url}/rest/api/3/user/groups?accountId={GROUP_MEMBER}"
    )
    assert request.headers["authorization"] == f"Bearer {APP_TOKEN}"
    outsider = _user(live_api, forge_signer, forge_site, OUTSIDER)
    denied = outsider.get(f"/api/reports/{report_id}")
    assert denied.status_code == 403 and denied.json()["error"] == "report_forbidden"


def test_the_admin_check_is_asked_with_the_app_token(
    live_api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, jira: FakeJira
) -> None:
    assert (
        _user(live_api, forge_signer, forge_site, JIRA_ADMIN).get("/api/admin/export").status_code
        == 200
    )
    (request,) = jira.requests
    assert str(request.url) == f"{forge_site.api_base_url}/rest/api/3/permissions/check"
    assert request.method == "POST"
    assert request.headers["authorization"] == f"Bearer {APP_TOKEN}"
    assert json.loads(request.content) == {
        "accountId": JIRA_ADMIN,
        "globalPermissions": ["ADMINISTER"],
    }
    refused = _user(live_api, forge_signer, forge_site, OUTSIDER).get("/api/admin/export")
    assert refused.status_code == 403 and refused.json()["error"] == "jira_admin_required"


def test_the_user_token_is_the_fallback(
    live_api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, jira: FakeJira
) -> None:
    jira.accepted_token = "forge-user-token-abcdef"
    admin = _user(live_api, forge_signer, forge_site, JIRA_ADMIN, app_token=None)
    response = admin.get(
        "/api/admin/export", headers={"x-forge-oauth-user": "forge-user-token-abcdef"}
    )
    assert response.status_code == 200, response.text
    assert jira.requests[-1].headers["authorization"] == "Bearer forge-user-token-abcdef"


def test_without_an_app_token_jira_dependent_access_is_403(
    live_api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, jira: FakeJira
) -> None:
    report_id = _limited_report(_user(live_api, forge_signer, forge_site, ADMIN))
    member = _user(live_api, forge_signer, forge_site, GROUP_MEMBER, app_token=None)
    response = member.get(f"/api/reports/{report_id}")
    assert response.status_code == 403
    assert response.json()["error"] == "group_check_unavailable"
    listed = member.get("/api/reports")
    assert listed.status_code == 200 and listed.json()["total"] == 0
    assert "Rollbook-Warning" in listed.headers
    admin_check = _user(live_api, forge_signer, forge_site, JIRA_ADMIN, app_token=None)
    assert admin_check.get("/api/admin/export").status_code == 403
    assert jira.requests == []  # nothing was sent without a token


def test_a_token_jira_refuses_denies_with_403(
    live_api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, jira: FakeJira
) -> None:
    report_id = _limited_report(_user(live_api, forge_signer, forge_site, ADMIN))
    jira.accepted_token = "a-newer-token"
    member = _user(live_api, forge_signer, forge_site, GROUP_MEMBER)
    response = member.get(f"/api/reports/{report_id}")
    assert response.status_code == 403
    assert response.json()["error"] == "group_check_unavailable"
    export = _user(live_api, forge_signer, forge_site, JIRA_ADMIN).get("/api/admin/export")
    assert export.status_code == 403 and export.json()["error"] == "group_check_unavailable"


def test_connect_tenants_still_sign_with_their_shared_secret(
    live_api: TestClient, database: Database, jira: FakeJira
) -> None:
    tenant = install_tenant(database, "site-a")
    response = UserClient(live_api, tenant, JIRA_ADMIN).get("/api/admin/export")
    assert response.status_code == 200, response.text
    (request,) = jira.requests
    assert str(request.url) == f"{tenant.base_url}/rest/api/3/permissions/check"
    assert request.headers["authorization"].startswith("JWT ")
