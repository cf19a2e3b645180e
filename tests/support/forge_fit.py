"""Forge Invocation Tokens (FIT) for Rollbook's server tests, minted with the test's own RS256
key and served from a JWKS over an httpx MockTransport. Nothing here comes from jirasim."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi.testclient import TestClient

from rollbook.forge.jwks import JwksKeySource

APP_ID = "ari:cloud:ecosystem::app/5d3c7c1e-8f0a-4b7e-9c43-0f6a1d2b3c4d"
JWKS_URL = "https://forge.jwks.test/.well-known/jwks.json"
APP_TOKEN = "forge-app-token-0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@dataclass
class ForgeSigner:
    """Plays Forge's part: an RSA key pair published in a JWKS under a kid."""

    kid: str = field(default_factory=lambda: f"forge-{uuid.uuid4()}")
    private_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    def jwk(self) -> dict[str, Any]:
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True)
        return {**public, "kid": self.kid, "alg": "RS256", "use": "sig"}

    def sign(self, claims: dict[str, Any], *, kid: str | None = None) -> str:
        return jwt.encode(
            claims, self.private_key, algorithm="RS256", headers={"kid": kid or self.kid}
        )


@dataclass
class ForgeSite:
    """One Forge installation on one Jira site, as FIT claims name it."""

    name: str = "acme"
    installation_id: str = field(
        default_factory=lambda: f"ari:cloud:ecosystem::installation/{uuid.uuid4()}"
    )
    cloud_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    environment_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def site_url(self) -> str:
        return f"https://{self.name}.atlassian.net"

    @property
    def api_base_url(self) -> str:
        return f"https://api.atlassian.com/ex/jira/{self.cloud_id}"


def fit_claims(
    site: ForgeSite,
    *,
    account_id: str | None = "acc-forge-user",
    ui: bool = True,
    now: float | None = None,
    ttl: int = 60,
    app_id: str = APP_ID,
) -> dict[str, Any]:
    """The claims of docs/platform.md#forge-invocation-token-fit: a UI invocation (context +
    principal), or a trigger's."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, Any] = {
        "iss": "forge/invocation-token",
        "aud": app_id,
        "iat": issued,
        "nbf": issued,
        "exp": issued + ttl,
        "jti": str(uuid.uuid4()),
        "app": {
            "id": app_id,
            "appVersion": "1.0.0",
            "installationId": site.installation_id,
            "apiBaseUrl": site.api_base_url,
            "installation": {
                "id": site.installation_id,
                "contexts": [
                    {
                        "name": f"ari:cloud:jira::site/{site.cloud_id}",
                        "apiBaseUrl": site.api_base_url,
                        "cloudId": site.cloud_id,
                    }
                ],
            },
            "environment": {"type": "DEVELOPMENT", "id": site.environment_id},
            "module": {"type": "jira:globalPage" if ui else "trigger", "key": "rollbook-global"},
        },
    }
    if ui:
        claims["context"] = {
            "localId": str(uuid.uuid4()),
            "cloudId": site.cloud_id,
            "moduleKey": "rollbook-global",
            "siteUrl": site.site_url,
            "extension": {"type": "jira:globalPage"},
        }
        if account_id is not None:
            claims["principal"] = account_id
    return claims


@dataclass
class JwksServer:
    """A JWKS URL on an httpx MockTransport that counts its fetches and can be made to fail."""

    signers: list[ForgeSigner]
    failing: bool = False
    fetches: int = 0

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.fetches += 1
        if self.failing:
            return httpx.Response(503, text="unavailable")
        return httpx.Response(200, json={"keys": [signer.jwk() for signer in self.signers]})

    def key_source(self, *, refresh_seconds: float = 30.0, **kwargs: Any) -> JwksKeySource:
        return JwksKeySource(
            JWKS_URL,
            refresh_seconds=refresh_seconds,
            transport=httpx.MockTransport(self.handler),
            **kwargs,
        )


class ForgeUserClient:
    """Calls the API as one user of one Forge installation: a fresh FIT per request, plus the
    app token header Forge adds when the endpoint enables `appSystemToken`."""

    def __init__(
        self,
        client: TestClient,
        signer: ForgeSigner,
        site: ForgeSite,
        account_id: str | None,
        *,
        app_token: str | None = APP_TOKEN,
    ) -> None:
        self.client, self.signer, self.site = client, signer, site
        self.account_id, self.app_token = account_id, app_token

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        token = self.signer.sign(fit_claims(self.site, account_id=self.account_id))
        headers = {"Authorization": f"Bearer {token}"}
        if self.app_token is not None:
            headers["x-forge-oauth-system"] = self.app_token
        return {**headers, **(extra or {})}

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        headers = self.headers(kwargs.pop("headers", None))
        return self.client.request(method, url, headers=headers, **kwargs)

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.request("PUT", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> Any:
        return self.request("DELETE", url, **kwargs)
