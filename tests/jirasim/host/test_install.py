"""Installing a Connect app: descriptor fetch, signed `installed`/`uninstalled` callbacks exactly
as described in docs/platform.md#lifecycle-and-signed-install, secrets, reinstall, the
install-keys endpoint."""

from __future__ import annotations

import time

import jwt
import pytest

from jirasim.app import sim_state_of
from rollbook.connect.qsh import query_string_hash

DESCRIPTOR_URL = "http://fake-app.test/atlassian-connect.json"


def _install(sim_client, demo):
    return sim_client.post(
        "/_jirasim/apps/install", json={"descriptorUrl": DESCRIPTOR_URL}, headers=demo.sim_admin
    )


def _verify(sim_client, callback, *, path: str):
    header = jwt.get_unverified_header(callback["authorization"].removeprefix("JWT "))
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    pem = sim_client.get(f"/_jirasim/install-keys/{header['kid']}")
    assert pem.status_code == 200 and "BEGIN PUBLIC KEY" in pem.text
    claims = jwt.decode(
        callback["authorization"].removeprefix("JWT "),
        pem.text,
        algorithms=["RS256"],
        audience="http://fake-app.test",
    )
    assert claims["qsh"] == query_string_hash("POST", path, "")
    assert claims["exp"] - claims["iat"] == 180
    assert abs(claims["iat"] - time.time()) < 10
    return claims


def test_install_posts_a_signed_installed_callback(sim_client, demo, fake_app) -> None:
    response = _install(sim_client, demo)
    assert response.status_code == 200, response.text
    installed = response.json()
    (callback,) = fake_app.callbacks
    assert callback["path"] == "/installed"
    claims = _verify(sim_client, callback, path="/installed")
    body = callback["body"]
    assert claims["iss"] == body["clientKey"] == installed["clientKey"]
    assert body["key"] == "com.example.fake"
    assert body["eventType"] == "installed"
    assert body["baseUrl"] == body["displayUrl"] == "http://jirasim.test"
    assert body["productType"] == "jira"
    assert body["description"] == "Atlassian JIRA at http://jirasim.test"
    assert body["sharedSecret"] == installed["sharedSecret"]
    assert len(body["sharedSecret"]) >= 32
    assert {"serverVersion", "pluginsVersion"} <= set(body)
    assert installed["scopes"] == ["READ"]


def test_reinstall_keeps_the_client_key_and_replaces_the_secret(sim_client, demo, fake_app):
    first = _install(sim_client, demo).json()
    second = _install(sim_client, demo).json()
    assert first["clientKey"] == second["clientKey"]
    assert first["sharedSecret"] != second["sharedSecret"]
    app = sim_state_of(sim_client.app).installations.get("com.example.fake")
    assert app is not None and app.shared_secret == second["sharedSecret"]


def test_uninstall_posts_a_signed_uninstalled_callback(sim_client, demo, fake_app) -> None:
    client_key = _install(sim_client, demo).json()["clientKey"]
    response = sim_client.post("/_jirasim/apps/com.example.fake/uninstall", headers=demo.sim_admin)
    assert response.status_code == 200
    callback = fake_app.callbacks[-1]
    assert callback["path"] == "/uninstalled"
    claims = _verify(sim_client, callback, path="/uninstalled")
    assert claims["iss"] == client_key == callback["body"]["clientKey"]
    assert callback["body"]["eventType"] == "uninstalled"
    assert "sharedSecret" not in callback["body"]
    assert sim_client.get("/_jirasim/apps", headers=demo.sim_admin).json() == []
    again = sim_client.post("/_jirasim/apps/com.example.fake/uninstall", headers=demo.sim_admin)
    assert again.status_code == 404


def test_an_app_that_refuses_the_callback_is_not_installed(sim_client, demo, fake_app) -> None:
    fake_app.refuse_install = True
    response = _install(sim_client, demo)
    assert response.status_code == 400
    assert response.json()["errorMessages"] == [
        "The app host returned HTTP response code 401 when we tried to contact it during "
        "installation."
    ]
    assert sim_client.get("/_jirasim/apps", headers=demo.sim_admin).json() == []


@pytest.mark.parametrize("url", ["http://fake-app.test/missing.json", "http://nowhere.invalid/x"])
def test_a_descriptor_that_cannot_be_fetched_is_refused(sim_client, demo, url) -> None:
    response = sim_client.post(
        "/_jirasim/apps/install", json={"descriptorUrl": url}, headers=demo.sim_admin
    )
    assert response.status_code == 400


def test_install_needs_the_admin(sim_client) -> None:
    response = sim_client.post("/_jirasim/apps/install", json={"descriptorUrl": DESCRIPTOR_URL})
    assert response.status_code == 403


def test_unknown_install_key_is_404(sim_client) -> None:
    assert sim_client.get("/_jirasim/install-keys/not-a-kid").status_code == 404
