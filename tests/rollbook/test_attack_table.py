"""The security attack cases of issue 11 as one table: one attack, one row, each refused with its
own status and error code.

A row is `Attack(name, send, status, code)`: `send` gets a `Stage` (an app serving Connect and
Forge, an installed Connect tenant, a disabled one, the signers of Atlassian's keys) and returns
the response. Adding a case is adding one `Attack(...)` entry to `ATTACKS`.

The JWT attacks that were already refused before this table exist stay in their own tables and
are not repeated here:
- Connect context and iframe tokens: tests/rollbook/connect/test_route_auth.py (CASES);
- Connect signed installs: tests/rollbook/connect/test_lifecycle.py (test_install_is_refused);
- Forge Invocation Tokens: tests/rollbook/forge/test_fit_attacks.py (CASES).
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from rollbook.connect.qsh import query_string_hash
from rollbook.connect.tenants import set_enabled
from rollbook.core.db import Database
from rollbook.site.transfer import purge_tenant
from support.connect import InstallSigner, install_claims, install_payload, tenant_token
from support.forge_fit import ForgeSigner, ForgeSite, fit_claims
from support.reports import Tenant, full_report, install_tenant

APP = "https://rollbook.test"
PAGE_PATH, PAGE_QUERY = "/ui/reports", "xdm_e=https%3A%2F%2Fa.atlassian.net&cp=&lic=none"
INSTALL_CLIENT_KEY = "attack-install-client-key"
INSTALL_SECRET = "attack-install-secret-0123456789abcdef"
DEEP = 5_000


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def _compact(header: str, claims: str) -> str:
    return f"{_b64(header.encode())}.{_b64(claims.encode())}.{_b64(b'signature')}"


@dataclass
class Stage:
    client: TestClient
    tenant: Tenant
    disabled: Tenant
    purged: Tenant
    install_signer: InstallSigner
    forge_signer: ForgeSigner
    forge_site: ForgeSite

    # --- tokens -------------------------------------------------------------------------------
    def context_token(self, tenant: Tenant | None = None) -> str:
        tenant = tenant or self.tenant
        return tenant_token(client_key=tenant.client_key, secret=tenant.secret)

    def page_token(self, tenant: Tenant | None = None) -> str:
        tenant = tenant or self.tenant
        qsh = query_string_hash("GET", PAGE_PATH, PAGE_QUERY)
        return tenant_token(client_key=tenant.client_key, secret=tenant.secret, qsh=qsh)

    def raw(self, header: str, claims: str | None = None) -> str:
        """A token from raw JSON text (the attacks need JSON no encoder would write), with the
        claims of a context token of the tenant unless given; the signature is junk."""
        claims = claims or json.dumps(
            {"iss": self.tenant.client_key, "sub": "acc-1", "qsh": "context-qsh", "iat": 1}
        )
        return _compact(header, claims)

    def fit_header(self) -> str:
        return _header("RS256", kid=self.forge_signer.kid)

    def padded_fit(self, padding: int) -> str:
        """A validly signed FIT made long by one more claim."""
        return self.forge_signer.sign({**fit_claims(self.forge_site), "padding": "a" * padding})

    # --- requests -----------------------------------------------------------------------------
    def api(self, token: str | None, *, query_token: str | None = None) -> httpx.Response:
        headers = {"Authorization": f"JWT {token}"} if token else {}
        url = f"/api/me?jwt={query_token}" if query_token else "/api/me"
        return self.client.get(url, headers=headers)

    def signed_in(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Any request as a signed-in user of the tenant (a fresh context token in the header),
        for rows about what follows authentication: `s.signed_in("POST", "/api/reports", ...)`."""
        headers = {"Authorization": f"JWT {self.context_token()}", **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def page(self, token: str) -> httpx.Response:
        return self.client.get(f"{PAGE_PATH}?{PAGE_QUERY}&jwt={token}")

    def forge_api(self, token: str) -> httpx.Response:
        return self.client.get("/api/me", headers={"Authorization": f"Bearer {token}"})

    def install(
        self, *, token: str | None = None, kid: str | None = None, **payload: Any
    ) -> httpx.Response:
        """A signed install, valid unless the row changes the token, its kid or the payload."""
        claims = install_claims(client_key=INSTALL_CLIENT_KEY, app_base_url=APP)
        token = token or self.install_signer.token(claims, kid=kid)
        body = {**install_payload(INSTALL_CLIENT_KEY, INSTALL_SECRET), **payload}
        return self.client.post("/installed", json=body, headers={"Authorization": f"JWT {token}"})

    def install_flood(self, count: int) -> httpx.Response:
        """`count` installs, each with a new random kid: the first answer that is not the
        expected refusal, else the last one."""
        response = self.install(kid=str(uuid.uuid4()))
        for _ in range(count - 1):
            if response.status_code != 401:
                break
            response = self.install(kid=str(uuid.uuid4()))
        return response

    def unsigned_body(self, path: str, size: int) -> httpx.Response:
        """A body of `size` bytes and no token, streamed in 1 MiB chunks (no Content-Length),
        so only the bytes read count."""
        chunk = b"x" * (1 << 20)
        chunks = [chunk] * (size // len(chunk)) + [b"x" * (size % len(chunk))]
        return self.client.post(path, content=iter(chunks))


@dataclass(frozen=True)
class Attack:
    name: str
    send: Callable[[Stage], httpx.Response]
    status: int
    code: str


def _header(alg: str, **extra: str) -> str:
    return json.dumps({"alg": alg, **extra})


HS256_NESTED = '{"alg":"HS256","x":' + _nested(DEEP) + "}"
RS256_NESTED = '{"alg":"RS256","x":' + _nested(DEEP) + "}"
HS256_64_KIB = _header("HS256", x="a" * 65_536)
RS256_64_KIB = _header("RS256", x="a" * 65_536)
NESTED_CLAIMS = '{"iss":' + _nested(DEEP) + "}"
MIB = 1 << 20
JAVASCRIPT_URL = "javascript://acme.atlassian.net/%0Aalert(document.domain)"
BASE_URL_INVALID = "install_base_url_invalid"

ATTACKS = [
    # Request and token handling: malformed tokens are 401s, never 500s.
    Attack(
        "Connect JWT header nested 5,000 deep, API",
        lambda s: s.api(s.raw(HS256_NESTED)),
        401,
        "token_malformed",
    ),
    Attack(
        "Connect JWT header nested 5,000 deep, page",
        lambda s: s.page(s.raw(HS256_NESTED)),
        401,
        "token_malformed",
    ),
    Attack(
        "Connect JWT header is a bare nested array",
        lambda s: s.api(s.raw(_nested(DEEP))),
        401,
        "token_malformed",
    ),
    Attack(
        "Connect JWT claims nested 5,000 deep",
        lambda s: s.api(s.raw(_header("HS256"), NESTED_CLAIMS)),
        401,
        "token_malformed",
    ),
    Attack(
        "Connect JWT header of 64 KiB", lambda s: s.api(s.raw(HS256_64_KIB)), 401, "token_malformed"
    ),
    Attack(
        "Connect JWT header is a JSON string",
        lambda s: s.api(s.raw('"HS256"')),
        401,
        "token_malformed",
    ),
    Attack(
        "install JWT header nested 5,000 deep",
        lambda s: s.install(token=s.raw(RS256_NESTED)),
        401,
        "token_malformed",
    ),
    Attack(
        "FIT header nested 5,000 deep",
        lambda s: s.forge_api(s.raw(RS256_NESTED)),
        401,
        "fit_malformed",
    ),
    Attack(
        "FIT claims nested 5,000 deep",
        lambda s: s.forge_api(s.raw(s.fit_header(), NESTED_CLAIMS)),
        401,
        "fit_malformed",
    ),
    Attack(
        "FIT header of 64 KiB", lambda s: s.forge_api(s.raw(RS256_64_KIB)), 401, "fit_malformed"
    ),
    Attack(
        "FIT header is a JSON array",
        lambda s: s.forge_api(s.raw('["RS256"]')),
        401,
        "fit_malformed",
    ),
    Attack(
        "FIT of 64 KiB with a valid signature",
        lambda s: s.forge_api(s.padded_fit(65_536)),
        401,
        "fit_malformed",
    ),
    # Tokens only in the Authorization header on API routes.
    Attack(
        "context token in ?jwt= on an API route",
        lambda s: s.api(None, query_token=s.context_token()),
        401,
        "token_in_query",
    ),
    Attack(
        "context token in ?jwt= and in the header",
        lambda s: s.api(s.context_token(), query_token=s.context_token()),
        401,
        "token_in_query",
    ),
    # A disabled tenant is served nothing.
    Attack(
        "disabled tenant's token on the API",
        lambda s: s.api(s.context_token(s.disabled)),
        403,
        "tenant_disabled",
    ),
    Attack(
        "disabled tenant's token on an iframe page",
        lambda s: s.page(s.page_token(s.disabled)),
        403,
        "tenant_disabled",
    ),
    # Install payloads: site URLs we may call and link to, secrets long enough for HS256.
    Attack(
        "install with a javascript: baseUrl",
        lambda s: s.install(baseUrl=JAVASCRIPT_URL),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with a file: baseUrl",
        lambda s: s.install(baseUrl="file://acme.atlassian.net/etc/passwd"),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with a gopher: baseUrl",
        lambda s: s.install(baseUrl="gopher://acme.atlassian.net:70/_x"),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with an http: baseUrl outside dev mode",
        lambda s: s.install(baseUrl="http://acme.atlassian.net"),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with a baseUrl without a host",
        lambda s: s.install(baseUrl="https:///acme.atlassian.net"),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with a javascript: displayUrl",
        lambda s: s.install(displayUrl="javascript:alert(1)"),
        400,
        BASE_URL_INVALID,
    ),
    Attack(
        "install with a 1-character shared secret",
        lambda s: s.install(sharedSecret="x"),
        400,
        "install_secret_too_short",
    ),
    Attack(
        "install with a 31-character shared secret",
        lambda s: s.install(sharedSecret="s" * 31),
        400,
        "install_secret_too_short",
    ),
    Attack(
        "install flood with unknown kids", lambda s: s.install_flood(20), 401, "install_key_unknown"
    ),
    # Limits: bodies are refused before they are read or authenticated.
    Attack(
        "2 MiB report write without a token",
        lambda s: s.client.post("/api/reports", content=b"x" * 2 * MIB),
        413,
        "payload_too_large",
    ),
    Attack(
        "100 MiB streamed report write without a token",
        lambda s: s.unsigned_body("/api/reports", 100 * MIB),
        413,
        "payload_too_large",
    ),
    Attack(
        # The import authenticates before it reads its (streamed) body: not one byte is read.
        "65 MiB streamed import without a token",
        lambda s: s.unsigned_body("/api/import", 65 * MIB),
        401,
        "token_missing",
    ),
    Attack(
        "2 MiB report write by a signed-in user",
        lambda s: s.signed_in("POST", "/api/reports", content=b"x" * 2 * MIB),
        413,
        "payload_too_large",
    ),
    # A purged site's tokens: refused, never a 500 or an empty 200.
    Attack(
        "purged tenant's token, read",
        lambda s: s.client.get(
            "/api/reports", headers={"Authorization": f"JWT {s.context_token(s.purged)}"}
        ),
        401,
        "tenant_unknown",
    ),
    Attack(
        "purged tenant's token, write",
        lambda s: s.client.post(
            "/api/reports",
            json=full_report(),
            headers={"Authorization": f"JWT {s.context_token(s.purged)}"},
        ),
        401,
        "tenant_unknown",
    ),
]


@pytest.fixture
def stage(
    api: TestClient,
    database: Database,
    install_signer: InstallSigner,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
) -> Stage:
    tenant = install_tenant(database, "attack-target")
    disabled = install_tenant(database, "attack-disabled")
    purged = install_tenant(database, "attack-purged")
    with database.session() as session:
        set_enabled(session, disabled.client_key, enabled=False)
    assert stage_sees(api, purged)  # cached by the app before the purge, as a live one would be
    with database.session() as session:
        purge_tenant(session, purged.client_key)
    return Stage(api, tenant, disabled, purged, install_signer, forge_signer, forge_site)


def stage_sees(api: TestClient, tenant: Tenant) -> bool:
    token = tenant_token(client_key=tenant.client_key, secret=tenant.secret)
    return api.get("/api/reports", headers={"Authorization": f"JWT {token}"}).status_code == 200


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.name for attack in ATTACKS])
def test_attack_is_refused(attack: Attack, stage: Stage) -> None:
    response = attack.send(stage)
    assert response.status_code == attack.status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == attack.code
    assert response.json()["message"]


def test_the_stage_accepts_what_the_attacks_bend(stage: Stage) -> None:
    """Each attack changes one thing of a request that works: the baseline passes."""
    assert stage.api(stage.context_token()).status_code == 200
    assert stage.signed_in("GET", "/api/reports").status_code == 200
    assert stage.page(stage.page_token()).status_code == 200
    assert stage.forge_api(stage.forge_signer.sign(fit_claims(stage.forge_site))).status_code == 200
    assert stage.install().status_code == 204
