"""Signed install and uninstall (RS256), enabled/disabled (HS256 + qsh), secret rotation, and what
an install payload must hold (site URLs, secret length)."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.connect.tenants import set_enabled
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.tenancy.models import Tenant
from support.connect import (
    InstallSigner,
    install_claims,
    install_payload,
    page_token,
    tenant_token,
)

APP = "https://rollbook.test"
CLIENT_KEY = "574f8bdd-8dc4-35d3-9558-7bcea4e41de6"
SECRET = "s3cret-0123456789-0123456789-0123456789"


def install(
    client: TestClient,
    signer: InstallSigner,
    *,
    secret: str = SECRET,
    claims: dict[str, Any] | None = None,
    token: str | None = None,
    event: str = "installed",
    base_url: str = "https://acme.atlassian.net",
) -> Any:
    path = f"/{event}"
    claims = claims or install_claims(client_key=CLIENT_KEY, app_base_url=APP, path=path)
    token = token or signer.token(claims)
    return client.post(
        path,
        json=install_payload(CLIENT_KEY, secret, base_url, event),
        headers={"Authorization": f"JWT {token}"},
    )


def me(client: TestClient, secret: str = SECRET) -> Any:
    token = tenant_token(client_key=CLIENT_KEY, secret=secret)
    return client.get("/api/me", headers={"Authorization": f"JWT {token}"})


def tenant(database: Database) -> Tenant | None:
    with database.session() as session:
        return session.get(Tenant, CLIENT_KEY)


def test_install_with_a_valid_signed_token(
    client: TestClient, install_signer: InstallSigner, database: Database
) -> None:
    response = install(client, install_signer)
    assert response.status_code == 204, response.text
    stored = tenant(database)
    assert stored is not None and stored.installed and stored.shared_secret == SECRET
    assert stored.base_url == "https://acme.atlassian.net"
    assert me(client).json() == {
        "client_key": CLIENT_KEY,
        "base_url": "https://acme.atlassian.net",
        "account_id": "557058:user-1",
    }


def _hs256_install_token() -> str:
    return jwt.encode(
        install_claims(client_key=CLIENT_KEY, app_base_url=APP),
        SECRET,
        algorithm="HS256",
        headers={"kid": "k"},
    )


def _none_alg_token() -> str:
    return jwt.encode(
        install_claims(client_key=CLIENT_KEY, app_base_url=APP),
        None,
        algorithm="none",
        headers={"kid": "k"},
    )


@pytest.mark.parametrize(
    ("case", "expected_code"),
    [
        ("unknown_kid", "install_key_unknown"),
        ("wrong_aud", "audience_invalid"),
        ("wrong_qsh", "qsh_invalid"),
        ("iss_not_client_key", "issuer_mismatch"),
        ("hs256", "algorithm_not_allowed"),
        ("alg_none", "algorithm_not_allowed"),
        ("expired", "token_expired"),
        ("other_private_key", "signature_invalid"),
        ("missing_qsh", "claim_missing"),
        ("host_not_allowed", "host_not_allowed"),
    ],
)
def test_install_is_refused(
    case: str,
    expected_code: str,
    client: TestClient,
    install_signer: InstallSigner,
    database: Database,
) -> None:
    claims = install_claims(client_key=CLIENT_KEY, app_base_url=APP)
    token: str | None = None
    base_url = "https://acme.atlassian.net"
    if case == "unknown_kid":
        token = install_signer.token(claims, kid="00000000-0000-0000-0000-000000000000")
    elif case == "wrong_aud":
        claims["aud"] = "https://evil.example"
    elif case == "wrong_qsh":
        claims["qsh"] = install_claims(
            client_key=CLIENT_KEY, app_base_url=APP, path="/uninstalled"
        )["qsh"]
    elif case == "iss_not_client_key":
        claims["iss"] = "another-client"
    elif case == "hs256":
        token = _hs256_install_token()
    elif case == "alg_none":
        token = _none_alg_token()
    elif case == "expired":
        claims = install_claims(client_key=CLIENT_KEY, app_base_url=APP, now=time.time() - 600)
    elif case == "other_private_key":
        token = InstallSigner(kid=install_signer.kid).token(claims)
    elif case == "missing_qsh":
        del claims["qsh"]
    elif case == "host_not_allowed":
        base_url = "https://evil.example.com"
    response = install(client, install_signer, claims=claims, token=token, base_url=base_url)
    assert response.status_code == 401
    assert response.json()["error"] == expected_code
    assert tenant(database) is None


def test_install_without_any_token_is_refused(client: TestClient) -> None:
    response = client.post("/installed", json=install_payload(CLIENT_KEY, SECRET))
    assert response.status_code == 401
    assert response.json()["error"] == "token_missing"


def test_reinstall_rotates_the_secret(client: TestClient, install_signer: InstallSigner) -> None:
    assert install(client, install_signer).status_code == 204
    assert me(client).status_code == 200
    new_secret = "rotated-secret-abcdefghijklmnopqrstuvwxyz"
    assert install(client, install_signer, secret=new_secret).status_code == 204
    assert me(client, SECRET).json()["error"] == "signature_invalid"
    assert me(client, new_secret).status_code == 200


def test_uninstall_keeps_the_tenant_and_refuses_its_tokens(
    client: TestClient, install_signer: InstallSigner, database: Database
) -> None:
    install(client, install_signer)
    response = install(client, install_signer, event="uninstalled")
    assert response.status_code == 204
    stored = tenant(database)
    assert stored is not None and not stored.installed and stored.shared_secret == SECRET
    assert me(client).json()["error"] == "tenant_uninstalled"
    # Installing again revives the same tenant (its data was kept).
    assert install(client, install_signer).status_code == 204
    assert me(client).status_code == 200


def test_uninstall_of_an_unknown_tenant_succeeds(
    client: TestClient, install_signer: InstallSigner
) -> None:
    assert install(client, install_signer, event="uninstalled").status_code == 204


@pytest.mark.parametrize(("event", "enabled"), [("disabled", False), ("enabled", True)])
def test_enabled_and_disabled_need_a_url_bound_hs256_token(
    event: str, enabled: bool, client: TestClient, install_signer: InstallSigner, database: Database
) -> None:
    install(client, install_signer)
    body = install_payload(CLIENT_KEY, SECRET, event=event)
    context = tenant_token(client_key=CLIENT_KEY, secret=SECRET)
    refused = client.post(f"/{event}", json=body, headers={"Authorization": f"JWT {context}"})
    assert refused.json()["error"] == "context_token_not_allowed"
    token = page_token(
        client_key=CLIENT_KEY, secret=SECRET, method="POST", path=f"/{event}", account_id=None
    )
    response = client.post(f"/{event}", json=body, headers={"Authorization": f"JWT {token}"})
    assert response.status_code == 204
    stored = tenant(database)
    assert stored is not None and stored.enabled is enabled


def test_a_disabled_tenant_is_served_nothing_until_enabled(
    client: TestClient, install_signer: InstallSigner
) -> None:
    """Through the real callbacks: the instance that got `disabled` refuses at once (its tenant
    cache entry is dropped), and `enabled` authenticates the disabled tenant to turn it back."""
    install(client, install_signer)

    def toggle(event: str) -> int:
        token = page_token(
            client_key=CLIENT_KEY, secret=SECRET, method="POST", path=f"/{event}", account_id=None
        )
        body = install_payload(CLIENT_KEY, SECRET, event=event)
        return client.post(
            f"/{event}", json=body, headers={"Authorization": f"JWT {token}"}
        ).status_code

    assert me(client).status_code == 200  # the tenant is now in the cache
    assert toggle("disabled") == 204
    refused = me(client)
    assert (refused.status_code, refused.json()["error"]) == (403, "tenant_disabled")
    assert "www-authenticate" not in refused.headers
    assert toggle("enabled") == 204
    assert me(client).status_code == 200


def test_a_reinstall_enables_a_disabled_tenant(
    client: TestClient, install_signer: InstallSigner, database: Database
) -> None:
    install(client, install_signer)
    with database.session() as session:
        set_enabled(session, CLIENT_KEY, enabled=False)
    assert install(client, install_signer).status_code == 204
    assert me(client).status_code == 200


def test_lifecycle_callbacks_take_the_token_only_in_the_header(
    client: TestClient, install_signer: InstallSigner
) -> None:
    token = install_signer.token(install_claims(client_key=CLIENT_KEY, app_base_url=APP))
    response = client.post(f"/installed?jwt={token}", json=install_payload(CLIENT_KEY, SECRET))
    assert (response.status_code, response.json()["error"]) == (401, "token_in_query")


LOCAL_APP = "http://localhost:8000"

# (name, dev mode, baseUrl, expected status): http only in dev mode, other schemes never.
# The refusals outside dev mode are rows of tests/rollbook/test_attack_table.py too.
BASE_URL_CASES = [
    ("https outside dev mode", False, "https://acme.atlassian.net", 204),
    ("https with a path", False, "https://acme.atlassian.net/jira", 204),
    ("http outside dev mode", False, "http://acme.atlassian.net", 400),
    ("HTTPS upper case", False, "HTTPS://acme.atlassian.net", 204),
    ("local jirasim over http in dev mode", True, "http://localhost:2990", 204),
    ("https in dev mode", True, "https://acme.atlassian.net", 204),
    ("javascript: in dev mode", True, "javascript://localhost/%0Aalert(1)", 400),
    ("file: in dev mode", True, "file://localhost/etc/passwd", 400),
    ("gopher: in dev mode", True, "gopher://localhost:70/_x", 400),
    ("no host in dev mode", True, "http:///localhost", 400),
]


@pytest.mark.parametrize(
    ("name", "dev_mode", "base_url", "status"), BASE_URL_CASES, ids=[c[0] for c in BASE_URL_CASES]
)
def test_install_base_url_rules(
    name: str,
    dev_mode: bool,
    base_url: str,
    status: int,
    settings: Settings,
    database: Database,
    install_signer: InstallSigner,
) -> None:
    app_url = LOCAL_APP if dev_mode else APP
    app = create_app(
        settings.model_copy(update={"dev_mode": dev_mode, "base_url": app_url}), database=database
    )
    with TestClient(app, base_url=app_url) as local_client:
        claims = install_claims(client_key=CLIENT_KEY, app_base_url=app_url)
        response = install(local_client, install_signer, claims=claims, base_url=base_url)
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["error"] == "install_base_url_invalid"
        assert tenant(database) is None


@pytest.mark.parametrize(
    ("length", "status"), [(1, 400), (31, 400), (32, 204), (64, 204)], ids=lambda v: str(v)
)
def test_install_shared_secret_length(
    length: int, status: int, client: TestClient, install_signer: InstallSigner, database: Database
) -> None:
    response = install(client, install_signer, secret="s" * length)
    assert response.status_code == status, response.text
    if status == 400:
        assert response.json()["error"] == "install_secret_too_short"
        assert tenant(database) is None
