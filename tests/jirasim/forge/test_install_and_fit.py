"""Installing a Forge app: the answer, the `avi:forge:installed:app` trigger delivered to the
loopback remote with a FIT and the system token, the FIT verified with PyJWT against the served
JWKS, refusals, and the app listing."""

from __future__ import annotations

import json
import time

import jwt
import pytest

INSTALLED_PATH = "/forge/events/installed"


def test_jwks_serves_one_rs256_signing_key(forge_client) -> None:
    (key,) = forge_client.get("/_jirasim/forge/jwks.json").json()["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["use"] == "sig"
    assert key["kid"] and key["n"] and key["e"] == "AQAB"


def test_install_answers_ids_and_page_urls(installed, forge) -> None:
    assert installed["appId"] == forge.app_id
    assert installed["installationId"].startswith("ari:cloud:ecosystem::installation/")
    env = installed["environmentId"]
    assert installed["pages"] == {
        "global": f"/jira/apps/{forge.app_uuid}/{env}",
        "admin": f"/jira/settings/apps/{forge.app_uuid}/{env}",
        "project": f"/jira/software/projects/{{projectKey}}/apps/{forge.app_uuid}/{env}",
        "dashboard": "/",
    }
    assert installed["name"] == "Probe (Forge)"


def test_the_install_trigger_reaches_the_remote_with_fit_and_token(
    forge_client, installed, remote, forge
) -> None:
    event = remote.last(INSTALLED_PATH)
    assert event["method"] == "POST"
    assert event["headers"]["content-type"] == "application/json"
    body = json.loads(event["body"])
    assert body["eventType"] == "avi:forge:installed:app"
    assert body["installationId"] == installed["installationId"]
    assert body["app"] == {"id": forge.app_id, "version": "1.0.0"}
    assert body["environment"] == {"id": installed["environmentId"]}
    assert body["context"] == {"cloudId": installed["cloudId"]}
    assert body["installerAccountId"] and body["id"]
    assert event["headers"]["x-forge-oauth-system"]
    claims = forge.verify_fit(
        forge_client, event["headers"]["authorization"].removeprefix("Bearer ")
    )
    # A trigger runs for no user and no UI context.
    assert "context" not in claims and "principal" not in claims
    assert claims["app"]["module"] == {"type": "core:trigger", "key": "probe-on-install"}


def test_fit_claims_follow_forge(forge_client, installed, remote, forge) -> None:
    token = remote.last(INSTALLED_PATH)["headers"]["authorization"].removeprefix("Bearer ")
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["kid"]
    claims = forge.verify_fit(forge_client, token)
    cloud_id = installed["cloudId"]
    api_base = f"http://jirasim.test/ex/jira/{cloud_id}"
    assert claims["iss"] == "forge/invocation-token"
    assert claims["aud"] == forge.app_id
    assert 0 < claims["exp"] - claims["iat"] <= 60
    assert claims["nbf"] <= claims["iat"] + 1
    assert abs(claims["iat"] - time.time()) < 10
    assert claims["app"] == {
        "id": forge.app_id,
        "appVersion": "1.0.0",
        "installationId": installed["installationId"],
        "apiBaseUrl": api_base,
        "installation": {
            "id": installed["installationId"],
            "contexts": [
                {
                    "name": f"ari:cloud:jira::site/{cloud_id}",
                    "apiBaseUrl": api_base,
                    "cloudId": cloud_id,
                }
            ],
        },
        "environment": {"type": "DEVELOPMENT", "id": installed["environmentId"]},
        "module": {"type": "core:trigger", "key": "probe-on-install"},
    }
    assert "icLabel" not in claims


def test_each_fit_has_a_fresh_jti_and_a_reinstall_a_new_installation(
    forge_client, installed, remote, forge
) -> None:
    second = forge.install(forge_client, remote.url).json()
    assert second["installationId"] != installed["installationId"]
    assert second["cloudId"] == installed["cloudId"]
    tokens = [
        e["headers"]["authorization"].removeprefix("Bearer ")
        for e in remote.received
        if e["path"] == INSTALLED_PATH
    ]
    jtis = [forge.verify_fit(forge_client, t)["jti"] for t in tokens]
    assert len(jtis) == 2 and len(set(jtis)) == 2
    apps = forge_client.get("/_jirasim/forge/apps", headers=forge.admin_headers).json()
    assert [a["installationId"] for a in apps] == [second["installationId"]]


def test_a_token_signed_by_another_key_does_not_verify(
    forge_client, installed, remote, forge
) -> None:
    from cryptography.hazmat.primitives.asymmetric import rsa

    token = remote.last(INSTALLED_PATH)["headers"]["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(
        claims, other, algorithm="RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]}
    )
    with pytest.raises(jwt.InvalidSignatureError):
        forge.verify_fit(forge_client, forged)


@pytest.mark.parametrize("status", [401, 500])
def test_a_refused_trigger_fails_the_install(forge_client, remote, forge, status) -> None:
    remote.install_status = status
    response = forge.install(forge_client, remote.url)
    assert response.status_code == 502
    assert f"HTTP {status}" in response.json()["errorMessages"][0]
    assert response.json()["errors"] == {"remoteStatus": str(status)}
    assert forge_client.get("/_jirasim/forge/apps", headers=forge.admin_headers).json() == []


def test_an_unreachable_remote_fails_the_install(forge_client, forge) -> None:
    response = forge.install(forge_client, "http://127.0.0.1:9")
    assert response.status_code == 502
    assert "could not be delivered" in response.json()["errorMessages"][0]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"variables": {}}, "manifestPath is required."),
        ({"manifestPath": "/nonexistent/manifest.yml"}, "cannot be read"),
        ({"manifestPath": "x", "variables": {"A": 1}}, "variables must map names to strings."),
    ],
)
def test_bad_install_requests_are_400(forge_client, forge, body, message) -> None:
    response = forge_client.post("/_jirasim/forge/install", json=body, headers=forge.admin_headers)
    assert response.status_code == 400
    assert message in response.json()["errorMessages"][0]


def test_a_manifest_variable_without_value_is_a_400(forge_client, forge) -> None:
    response = forge_client.post(
        "/_jirasim/forge/install",
        json={"manifestPath": str(forge.test_manifest), "variables": {}},
        headers=forge.admin_headers,
    )
    assert response.status_code == 400
    assert "REMOTE_URL" in response.json()["errorMessages"][0]


def test_install_and_listing_need_the_simulator_admin(forge_client, forge) -> None:
    # TestClient's client address is "testclient", not loopback: the admin token is required.
    body = {"manifestPath": str(forge.test_manifest), "variables": {"REMOTE_URL": "http://x"}}
    assert forge_client.post("/_jirasim/forge/install", json=body).status_code == 403
    assert forge_client.get("/_jirasim/forge/apps").status_code == 403


def test_uninstall_removes_the_app_and_its_tokens(forge_client, installed, remote, forge) -> None:
    token = remote.last(INSTALLED_PATH)["headers"]["x-forge-oauth-system"]
    response = forge_client.post(
        f"/_jirasim/forge/apps/{forge.app_uuid}/uninstall", headers=forge.admin_headers
    )
    assert response.status_code == 200
    assert forge_client.get("/_jirasim/forge/apps", headers=forge.admin_headers).json() == []
    myself = forge_client.get(
        f"/ex/jira/{installed['cloudId']}/rest/api/3/myself",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert myself.status_code == 401
    again = forge_client.post(
        f"/_jirasim/forge/apps/{forge.app_uuid}/uninstall", headers=forge.admin_headers
    )
    assert again.status_code == 404
