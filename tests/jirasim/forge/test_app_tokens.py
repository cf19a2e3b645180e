"""The app system token on the Forge API gateway path `/ex/jira/{cloudId}/rest/api/3/...`: the
remote's own look-ups work as the app, within the manifest's scopes; no, unknown or expired
tokens are 401, another cloudId is 404, and the token is refused on the plain REST path."""

from __future__ import annotations

import time

import pytest

from jirasim.app import sim_state_of
from jirasim.forge.app_tokens import TOKEN_SECONDS

MEMBER = "5b10a0effa615349cb016cd8"
INSTALLED_PATH = "/forge/events/installed"


@pytest.fixture
def token(installed, remote) -> str:
    return str(remote.last(INSTALLED_PATH)["headers"]["x-forge-oauth-system"])


@pytest.fixture
def gateway(installed) -> str:
    return f"/ex/jira/{installed['cloudId']}/rest/api/3"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_user_groups_as_the_app(forge_client, gateway, token) -> None:
    response = forge_client.get(
        f"{gateway}/user/groups", params={"accountId": MEMBER}, headers=bearer(token)
    )
    assert response.status_code == 200, response.text
    names = {group["name"] for group in response.json()}
    assert "jira-software-users" in names


def test_permissions_check_for_a_user_as_the_app(forge_client, gateway, token) -> None:
    response = forge_client.post(
        f"{gateway}/permissions/check",
        json={"accountId": MEMBER, "globalPermissions": ["ADMINISTER", "USER_PICKER"]},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    assert response.json()["globalPermissions"] == ["USER_PICKER"]


def test_the_app_sees_every_project(forge_client, gateway, token) -> None:
    response = forge_client.post(
        f"{gateway}/search/jql",
        json={"jql": "project = SEC", "maxResults": 1},
        headers=bearer(token),
    )
    assert response.status_code == 200 and len(response.json()["issues"]) == 1


def test_myself_is_the_app_user(forge_client, gateway, token, forge) -> None:
    body = forge_client.get(f"{gateway}/myself", headers=bearer(token)).json()
    assert body["accountType"] == "app" and body["displayName"] == "Probe (Forge)"


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Bearer "}],
    ids=["none", "unknown", "empty"],
)
def test_missing_or_unknown_tokens_are_401(forge_client, gateway, headers) -> None:
    response = forge_client.get(
        f"{gateway}/user/groups", params={"accountId": MEMBER}, headers=headers
    )
    assert response.status_code == 401
    assert response.json()["errorMessages"] and response.json()["errors"] == {}


def test_an_expired_token_is_401(forge_client, gateway, token) -> None:
    state = sim_state_of(forge_client.app)
    state.clock = lambda: time.time() + TOKEN_SECONDS + 1
    response = forge_client.get(
        f"{gateway}/user/groups", params={"accountId": MEMBER}, headers=bearer(token)
    )
    assert response.status_code == 401


def test_a_token_still_live_just_before_expiry_works(forge_client, gateway, token) -> None:
    state = sim_state_of(forge_client.app)
    state.clock = lambda: time.time() + TOKEN_SECONDS - 60
    response = forge_client.get(
        f"{gateway}/user/groups", params={"accountId": MEMBER}, headers=bearer(token)
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/3/myself",
        "/ex/jira/{cloud}/wiki/rest/api/content",
    ],
)
def test_another_cloud_id_or_product_is_404(forge_client, installed, token, path) -> None:
    response = forge_client.get(path.format(cloud=installed["cloudId"]), headers=bearer(token))
    assert response.status_code == 404
    assert response.json()["errorMessages"]


def test_the_token_is_refused_outside_the_gateway(forge_client, token) -> None:
    response = forge_client.get("/rest/api/3/myself", headers=bearer(token))
    assert response.status_code == 401


def test_a_call_outside_the_manifest_scopes_is_refused(forge_client, gateway, token) -> None:
    # Bulk fetch is a WRITE-scoped route in jirasim: the app declares read scopes only.
    response = forge_client.post(
        f"{gateway}/issue/bulkfetch", json={"issueIdsOrKeys": ["SEC-1"]}, headers=bearer(token)
    )
    assert response.status_code == 401
    assert response.json()["errorMessages"] == ["Unauthorized; scope does not match"]


def test_gateway_calls_are_logged_with_their_path(forge_client, gateway, token, forge) -> None:
    forge_client.get(f"{gateway}/myself", headers=bearer(token))
    log = forge_client.get(
        "/_jirasim/requests", params={"path_prefix": "/ex/jira/"}, headers=forge.admin_headers
    )
    (entry,) = [e for e in log.json()["requests"] if e["path"].endswith("/myself")]
    assert entry["path"] == f"{gateway}/myself"
    assert entry["auth"] == "forge-app" and entry["app"] == forge.app_id and entry["status"] == 200


def test_faults_apply_on_the_gateway(forge_client, gateway, token, forge) -> None:
    forge_client.post("/_jirasim/faults", json={"rate_429": 1.0}, headers=forge.admin_headers)
    response = forge_client.get(f"{gateway}/myself", headers=bearer(token))
    assert response.status_code == 429 and response.headers["retry-after"]
