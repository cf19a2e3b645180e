"""Forge Remote's response contract (docs/platform.md#invokeremote-and-the-response-contract): for
Bearer requests 401 means "the FIT
failed" and nothing else; every other denial is 403 (or the route's own 404/409/...); every
non-2xx answer has a JSON body."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.forge_fit import ForgeSigner, ForgeSite, ForgeUserClient, JwksServer, fit_claims
from support.reports import (
    ADMIN,
    OUTSIDER,
    VIEWER,
    FakeDirectory,
    editable,
    full_report,
    unreachable,
)

PRIVATE = {"access": "private", "administrators": [ADMIN], "viewer_users": [], "viewer_groups": []}
BY_GROUP = {
    "access": "limited",
    "administrators": [ADMIN],
    "viewer_users": [],
    "viewer_groups": ["analysts"],
}


def _assert_json_denial(response: Any, status: int, code: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("error"), str)
    if code is not None:
        assert body["error"] == code


def _create(user: ForgeUserClient, people: dict[str, Any]) -> dict[str, Any]:
    response = user.post("/api/reports", json=full_report(people=people))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_non_admins_on_admin_routes_get_403(as_forge_user: Any, forge_site: ForgeSite) -> None:
    outsider = as_forge_user(OUTSIDER)
    _assert_json_denial(outsider.get("/api/admin/export"), 403, "jira_admin_required")
    purge = outsider.post("/api/admin/purge", json={"confirm_site_url": forge_site.site_url})
    _assert_json_denial(purge, 403, "jira_admin_required")


def test_someone_elses_private_report_is_403(as_forge_user: Any) -> None:
    report = _create(as_forge_user(ADMIN), PRIVATE)
    viewer = as_forge_user(VIEWER)
    for method, path in [
        ("GET", f"/api/reports/{report['id']}"),
        ("GET", f"/api/reports/{report['id']}/export"),
        ("DELETE", f"/api/reports/{report['id']}"),
        ("POST", f"/api/reports/{report['id']}/duplicate"),
        ("POST", f"/api/reports/{report['id']}/restore"),
    ]:
        _assert_json_denial(viewer.request(method, path), 403, "report_forbidden")
    update = viewer.put(f"/api/reports/{report['id']}", json=editable(report, version=1))
    _assert_json_denial(update, 403, "report_forbidden")


def test_another_installations_report_is_404(as_forge_user: Any) -> None:
    report = _create(as_forge_user(ADMIN), PRIVATE)
    other = as_forge_user(ADMIN, site=ForgeSite("forge-elsewhere"))
    _assert_json_denial(other.get(f"/api/reports/{report['id']}"), 404, "report_not_found")


def test_a_failing_jira_look_up_is_403(as_forge_user: Any, directory: FakeDirectory) -> None:
    report = _create(as_forge_user(ADMIN), BY_GROUP)
    with unreachable(directory):
        member = as_forge_user("acc-group-member")
        _assert_json_denial(
            member.get(f"/api/reports/{report['id']}"), 403, "group_check_unavailable"
        )
        admin = as_forge_user("acc-jira-admin")
        _assert_json_denial(admin.get("/api/admin/export"), 403, "group_check_unavailable")


def test_conflicts_and_bad_input_keep_their_status_with_a_json_body(as_forge_user: Any) -> None:
    admin = as_forge_user(ADMIN)
    report = _create(admin, PRIVATE)
    assert (
        admin.put(f"/api/reports/{report['id']}", json=editable(report, version=1)).status_code
        == 200
    )
    stale = admin.put(f"/api/reports/{report['id']}", json=editable(report, version=1))
    _assert_json_denial(stale, 409, "version_conflict")
    _assert_json_denial(admin.post("/api/reports", json={"name": 5}), 422, "invalid_report")
    _assert_json_denial(admin.get("/api/no-such-route"), 404, "not_found")
    _assert_json_denial(admin.request("PATCH", "/api/reports"), 405, "method_not_allowed")


def test_every_api_operation_without_a_user_is_403_never_401(
    app_routes: list[tuple[str, str]],
    api: TestClient,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
) -> None:
    """Walks the app's own OpenAPI paths, so a route added later is covered without a new case.
    A FIT with no `principal` (a trigger's) authenticates the installation but not a user."""
    token = forge_signer.sign(fit_claims(forge_site, ui=False))
    answered = {
        (method, path): api.request(
            method,
            re.sub(r"\{[^}]+\}", "1", path),
            headers={"Authorization": f"Bearer {token}"},
            json={},
        )
        for method, path in app_routes
    }
    wrong = [
        f"{method} {path}: {response.status_code}"
        for (method, path), response in answered.items()
        if response.status_code != 403 or response.json()["error"] != "user_required"
    ]
    assert wrong == []


def test_no_api_operation_answers_a_valid_fit_with_401(
    app_routes: list[tuple[str, str]], as_forge_user: Any
) -> None:
    user = as_forge_user(OUTSIDER)
    for method, path in app_routes:
        response = user.request(method, re.sub(r"\{[^}]+\}", "1", path), json={})
        assert response.status_code != 401, f"{method} {path}"
        if response.status_code >= 400:
            _assert_json_denial(response, response.status_code)


@pytest.fixture
def app_routes(api: TestClient) -> list[tuple[str, str]]:
    app: FastAPI = api.app  # type: ignore[assignment]
    operations = sorted(
        (method.upper(), path)
        for path, methods in app.openapi()["paths"].items()
        if path.startswith("/api")
        for method in methods
    )
    assert len(operations) >= 15
    return operations


class BrokenDirectory(FakeDirectory):
    async def groups_of(
        self, client_key: str, account_id: str, *, budget: object = None
    ) -> frozenset[str]:
        raise RuntimeError("a bug, not an outage")


def test_an_unexpected_error_is_a_json_500(
    forge_settings: Settings,
    database: Database,
    jwks: JwksServer,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
) -> None:
    app = create_app(
        forge_settings,
        database=database,
        jira_directory=BrokenDirectory(),
        forge_keys=jwks.key_source(),
    )
    with TestClient(app, base_url="https://rollbook.test", raise_server_exceptions=False) as client:
        admin = ForgeUserClient(client, forge_signer, forge_site, ADMIN)
        report = _create(admin, BY_GROUP)
        member = ForgeUserClient(client, forge_signer, forge_site, "acc-group-member")
        response = member.get(f"/api/reports/{report['id']}")
    _assert_json_denial(response, 500, "internal_error")
