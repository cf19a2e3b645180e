"""Every way a request to an API route or an iframe page can fail authentication, one case each."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollbook.connect.qsh import query_string_hash
from rollbook.connect.tenants import InstallPayload, mark_uninstalled, save_installation
from rollbook.core.db import Database
from support.connect import page_token, tenant_token

TENANT_A = ("tenant-a-client-key", "secret-of-tenant-a-0123456789abcdef")
TENANT_B = ("tenant-b-client-key", "secret-of-tenant-b-0123456789abcdef")
GONE = ("tenant-gone-client-key", "secret-of-gone-tenant-0123456789abc")
PAGE_PATH, PAGE_QUERY = "/ui/reports", "xdm_e=https%3A%2F%2Fa.atlassian.net&cp=&lic=none"


@pytest.fixture(autouse=True)
def tenants(database: Database) -> None:
    with database.session() as session:
        for key, secret in (TENANT_A, TENANT_B, GONE):
            save_installation(session, InstallPayload(key, secret, f"https://{key}.atlassian.net"))
        mark_uninstalled(session, GONE[0])


def _api(token: str | None) -> tuple[str, dict[str, str]]:
    return "/api/me", {"Authorization": f"JWT {token}"} if token else {}


def _page(token: str | None) -> tuple[str, dict[str, str]]:
    url = f"{PAGE_PATH}?{PAGE_QUERY}" + (f"&jwt={token}" if token else "")
    return url, {}


def _url_qsh() -> str:
    return query_string_hash("GET", PAGE_PATH, PAGE_QUERY)


def _issued(offset: float) -> float:
    # Evaluated when a case runs, not at import: the suite runs for minutes.
    return time.time() + offset


def _tamper(token: str) -> str:
    head, body, signature = token.split(".")
    return f"{head}.{body}.{signature[:-4]}AAAA"


key_a, secret_a = TENANT_A
key_b, secret_b = TENANT_B


# (name, token for the API route, token for the page route, expected error code)
CASES: list[tuple[str, Callable[[], str | None], Callable[[], str | None], str]] = [
    ("missing token", lambda: None, lambda: None, "token_missing"),
    ("not a jwt", lambda: "not-a-jwt", lambda: "not-a-jwt", "token_malformed"),
    (
        "bad signature",
        lambda: _tamper(tenant_token(client_key=key_a, secret=secret_a)),
        lambda: _tamper(tenant_token(client_key=key_a, secret=secret_a, qsh=_url_qsh())),
        "signature_invalid",
    ),
    (
        "expired",
        lambda: tenant_token(client_key=key_a, secret=secret_a, iat=_issued(-400)),
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh=_url_qsh(), iat=_issued(-400)),
        "token_expired",
    ),
    (
        "iat in the future beyond leeway",
        lambda: tenant_token(client_key=key_a, secret=secret_a, iat=_issued(120)),
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh=_url_qsh(), iat=_issued(120)),
        "token_issued_in_future",
    ),
    (
        "wrong qsh",
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh="0" * 64),
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh="0" * 64),
        "context_token_required|qsh_invalid",
    ),
    (
        "missing qsh",
        lambda: tenant_token(client_key=key_a, secret=secret_a, extra={"qsh": None}),
        lambda: tenant_token(client_key=key_a, secret=secret_a, extra={"qsh": None}),
        "claim_missing",
    ),
    (
        # json.loads reads NaN, and no time is later than NaN: such a token never expired.
        "exp is NaN",
        lambda: tenant_token(client_key=key_a, secret=secret_a, extra={"exp": float("nan")}),
        lambda: tenant_token(
            client_key=key_a, secret=secret_a, qsh=_url_qsh(), extra={"exp": float("nan")}
        ),
        "token_malformed",
    ),
    (
        "token of the other route class",
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh=_url_qsh()),
        lambda: tenant_token(client_key=key_a, secret=secret_a),
        "context_token_required|context_token_not_allowed",
    ),
    (
        "unknown tenant",
        lambda: tenant_token(client_key="nobody", secret=secret_a),
        lambda: tenant_token(client_key="nobody", secret=secret_a, qsh=_url_qsh()),
        "tenant_unknown",
    ),
    (
        "uninstalled tenant",
        lambda: tenant_token(client_key=GONE[0], secret=GONE[1]),
        lambda: tenant_token(client_key=GONE[0], secret=GONE[1], qsh=_url_qsh()),
        "tenant_uninstalled",
    ),
    (
        "signed with tenant A's secret claiming tenant B",
        lambda: tenant_token(client_key=key_b, secret=secret_a),
        lambda: tenant_token(client_key=key_b, secret=secret_a, qsh=_url_qsh()),
        "signature_invalid",
    ),
    (
        "HS512 instead of HS256",
        lambda: tenant_token(client_key=key_a, secret=secret_a, algorithm="HS512"),
        lambda: tenant_token(client_key=key_a, secret=secret_a, qsh=_url_qsh(), algorithm="HS512"),
        "algorithm_not_allowed",
    ),
]


@pytest.mark.parametrize("route", ["api", "page"])
@pytest.mark.parametrize(
    ("name", "api_token", "page_token_", "codes"), CASES, ids=[case[0] for case in CASES]
)
def test_request_is_refused(
    route: str,
    name: str,
    api_token: Callable[[], str | None],
    page_token_: Callable[[], str | None],
    codes: str,
    client: TestClient,
) -> None:
    api_code, _, page_code = codes.partition("|")
    if route == "api":
        url, headers = _api(api_token())
        expected = api_code
    else:
        url, headers = _page(page_token_())
        expected = page_code or api_code
    response = client.get(url, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["error"] == expected
    assert response.headers["www-authenticate"] == "JWT"


def test_api_route_accepts_a_context_token(client: TestClient) -> None:
    url, headers = _api(tenant_token(client_key=key_a, secret=secret_a))
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.json()["client_key"] == key_a


def test_api_route_needs_a_user(client: TestClient) -> None:
    url, headers = _api(tenant_token(client_key=key_a, secret=secret_a, account_id=None))
    assert client.get(url, headers=headers).json()["error"] == "claim_missing"


def test_iframe_page_accepts_its_url_bound_token(client: TestClient) -> None:
    token = page_token(
        client_key=key_a, secret=secret_a, method="GET", path=PAGE_PATH, query=PAGE_QUERY
    )
    response = client.get(f"{PAGE_PATH}?{PAGE_QUERY}&jwt={token}")
    assert response.status_code == 200
    assert 'data-page="reports"' in response.text
    assert "https://connect-cdn.atl-paas.net/all.js" in response.text


@pytest.mark.parametrize("page", ["reports", "project", "admin", "gadget"])
def test_every_iframe_page_is_protected(page: str, client: TestClient) -> None:
    assert client.get(f"/ui/{page}").status_code == 401


@pytest.mark.parametrize("with_header", [False, True], ids=["query only", "query and header"])
def test_api_routes_refuse_a_token_in_the_query(with_header: bool, client: TestClient) -> None:
    """URLs land in access logs, browser history and Referer headers: API routes take the token
    only in the Authorization header (tests/rollbook/test_attack_table.py has the same rows)."""
    token = tenant_token(client_key=key_a, secret=secret_a)
    headers = {"Authorization": f"JWT {token}"} if with_header else {}
    response = client.get(f"/api/me?jwt={token}", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "token_in_query"
    assert "Authorization header" in response.json()["message"]


def test_iframe_pages_keep_the_query_token_and_take_the_header(client: TestClient) -> None:
    token = page_token(
        client_key=key_a, secret=secret_a, method="GET", path=PAGE_PATH, query=PAGE_QUERY
    )
    in_query = client.get(f"{PAGE_PATH}?{PAGE_QUERY}&jwt={token}")
    in_header = client.get(f"{PAGE_PATH}?{PAGE_QUERY}", headers={"Authorization": f"JWT {token}"})
    assert (in_query.status_code, in_header.status_code) == (200, 200)


@pytest.mark.parametrize(
    "token",
    [None, lambda: tenant_token(client_key=key_a, secret=secret_b)],
    ids=["no token", "other tenant's secret"],
)
def test_every_api_operation_requires_a_valid_token(
    token: Callable[[], str] | None, app: FastAPI, client: TestClient
) -> None:
    """Walks the app's own OpenAPI paths, so a route added later is covered without a new case."""
    operations = sorted(
        (method.upper(), path)
        for path, methods in app.openapi()["paths"].items()
        if path.startswith("/api")
        for method in methods
    )
    assert ("PUT", "/api/gadgets/{dashboard_item_id}") in operations
    assert len(operations) >= 15
    headers = {"Authorization": f"JWT {token()}"} if token else {}
    answered = {
        (method, path): client.request(
            method, re.sub(r"\{[^}]+\}", "1", path), headers=headers, json={}
        )
        for method, path in operations
    }
    refused = {"token_missing", "signature_invalid"}
    accepted = [
        f"{method} {path}: {response.status_code}"
        for (method, path), response in answered.items()
        if response.status_code != 401 or response.json()["error"] not in refused
    ]
    assert accepted == []
