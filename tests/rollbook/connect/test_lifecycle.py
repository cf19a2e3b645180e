"""Signed install and uninstall (RS256), enabled/disabled (HS256 + qsh), secret rotation."""

from __future__ import annotations

import time
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from rollbook.core.db import Database
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
