"""Every way a Forge Invocation Token can fail, one case each: refused with 401, a JSON body
with the check's own code, and `WWW-Authenticate: Bearer`, on an API route and on the trigger."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from fastapi.testclient import TestClient

from support.forge_fit import ForgeSigner, ForgeSite, JwksServer, fit_claims


@dataclass
class Forge:
    signer: ForgeSigner
    site: ForgeSite
    jwks: JwksServer

    def claims(self, **changes: Any) -> dict[str, Any]:
        claims = fit_claims(self.site)
        for name, value in changes.items():
            if value is _DROP:
                claims.pop(name, None)
            else:
                claims[name] = value
        return claims

    def sign(self, **changes: Any) -> str:
        return self.signer.sign(self.claims(**changes))


_DROP = object()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _compact(header: dict[str, Any], claims: dict[str, Any], sign: Callable[[bytes], bytes]) -> str:
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{_b64(sign(signing_input.encode()))}"


def _alg_none(forge: Forge) -> str:
    return _compact({"alg": "none", "kid": forge.signer.kid}, forge.claims(), lambda _: b"")


def _hs256_with_public_key(forge: Forge) -> str:
    # The classic confusion: the RSA public key, which anyone can fetch, used as an HMAC secret.
    public_pem = forge.signer.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return _compact(
        {"alg": "HS256", "typ": "JWT", "kid": forge.signer.kid},
        forge.claims(),
        lambda data: hmac.new(public_pem, data, hashlib.sha256).digest(),
    )


def _tampered_signature(forge: Forge) -> str:
    head, body, signature = forge.sign().split(".")
    flipped = "A" if signature[10] != "A" else "B"
    return f"{head}.{body}.{signature[:10]}{flipped}{signature[11:]}"


def _tampered_claims(forge: Forge) -> str:
    head, _, signature = forge.sign().split(".")
    claims = forge.claims()
    claims["principal"] = "acc-someone-else"
    return f"{head}.{_b64(json.dumps(claims).encode())}.{signature}"


def _same_kid_other_key(forge: Forge) -> str:
    impostor = ForgeSigner(kid=forge.signer.kid)
    return impostor.sign(forge.claims())


def _jwks_down(forge: Forge) -> str:
    forge.jwks.failing = True
    return forge.sign()


def _missing_app_claims(forge: Forge) -> str:
    claims = forge.claims()
    del claims["app"]["installationId"]
    return forge.signer.sign(claims)


def _issued(offset: float) -> int:
    # Evaluated when a case runs, not at import.
    return int(time.time() + offset)


# (name, token maker, expected error code)
CASES: list[tuple[str, Callable[[Forge], str], str]] = [
    ("not a jwt", lambda forge: "not-a-jwt", "fit_malformed"),
    ("alg none", _alg_none, "fit_algorithm_not_allowed"),
    ("HS256 signed with the RSA public key", _hs256_with_public_key, "fit_algorithm_not_allowed"),
    (
        "no kid",
        lambda forge: _compact({"alg": "RS256"}, forge.claims(), lambda _: b"sig"),
        "fit_kid_missing",
    ),
    (
        "unknown kid",
        lambda forge: forge.signer.sign(forge.claims(), kid="kid-nobody-knows"),
        "fit_kid_unknown",
    ),
    ("JWKS fetch failure", _jwks_down, "fit_jwks_unavailable"),
    ("tampered signature", _tampered_signature, "fit_signature_invalid"),
    ("tampered claims", _tampered_claims, "fit_signature_invalid"),
    ("another key with the same kid", _same_kid_other_key, "fit_signature_invalid"),
    ("wrong iss", lambda forge: forge.sign(iss="forge/something-else"), "fit_issuer_invalid"),
    (
        "wrong aud",
        lambda forge: forge.sign(
            aud="ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000"
        ),
        "fit_audience_invalid",
    ),
    ("no aud", lambda forge: forge.sign(aud=_DROP), "fit_audience_invalid"),
    (
        "expired",
        lambda forge: forge.sign(iat=_issued(-400), nbf=_issued(-400), exp=_issued(-340)),
        "fit_expired",
    ),
    ("nbf in the future", lambda forge: forge.sign(nbf=_issued(120)), "fit_not_yet_valid"),
    ("iat in the future", lambda forge: forge.sign(iat=_issued(120)), "fit_not_yet_valid"),
    ("missing jti", lambda forge: forge.sign(jti=_DROP), "fit_claim_missing"),
    ("empty jti", lambda forge: forge.sign(jti=""), "fit_claim_missing"),
    ("missing iat", lambda forge: forge.sign(iat=_DROP), "fit_claim_missing"),
    ("missing nbf", lambda forge: forge.sign(nbf=_DROP), "fit_claim_missing"),
    ("missing exp", lambda forge: forge.sign(exp=_DROP), "fit_claim_missing"),
    ("bad icLabel ../evil", lambda forge: forge.sign(icLabel="../evil"), "fit_ic_label_invalid"),
    ("bad icLabel upper case", lambda forge: forge.sign(icLabel="Evil"), "fit_ic_label_invalid"),
    ("bad icLabel too long", lambda forge: forge.sign(icLabel="a" * 51), "fit_ic_label_invalid"),
    ("icLabel not a string", lambda forge: forge.sign(icLabel=7), "fit_ic_label_invalid"),
    (
        "valid icLabel (Isolated Cloud)",
        lambda forge: forge.sign(icLabel="acme-ic_1"),
        "fit_isolated_cloud_unsupported",
    ),
    ("no installationId", _missing_app_claims, "fit_app_claims_invalid"),
]

ROUTES = [("GET", "/api/me"), ("POST", "/forge/events/installed"), ("GET", "/api/reports")]


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[path for _, path in ROUTES])
@pytest.mark.parametrize(("name", "make_token", "code"), CASES, ids=[case[0] for case in CASES])
def test_token_is_refused(
    method: str,
    path: str,
    name: str,
    make_token: Callable[[Forge], str],
    code: str,
    api: TestClient,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
    jwks: JwksServer,
) -> None:
    token = make_token(Forge(forge_signer, forge_site, jwks))
    response = api.request(method, path, headers={"Authorization": f"Bearer {token}"}, json={})
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == code
    assert response.json()["message"]
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_valid_token_is_accepted(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    token = forge_signer.sign(fit_claims(forge_site, account_id="acc-7"))
    response = api.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    assert response.json() == {
        "client_key": forge_site.installation_id,
        "base_url": forge_site.site_url,
        "account_id": "acc-7",
    }


def test_a_token_within_the_leeway_is_accepted(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    claims = fit_claims(forge_site, now=time.time() - 65)  # expired 5 s ago; leeway is 10 s
    response = api.get("/api/me", headers={"Authorization": f"Bearer {forge_signer.sign(claims)}"})
    assert response.status_code == 200, response.text


def test_the_scheme_is_case_insensitive(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    token = forge_signer.sign(fit_claims(forge_site))
    assert api.get("/api/me", headers={"Authorization": f"bearer {token}"}).status_code == 200
