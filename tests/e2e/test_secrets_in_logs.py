"""No credential reaches a log: after real traffic on both hosts (Connect pages and API calls
with JWTs, Forge calls with FITs and app tokens, the server's own Jira look-ups with those
tokens), neither the Rollbook server's log nor jirasim's holds a JWT or FIT, a Forge app token
or the Connect shared secret."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from jirasim.dataset import DEMO_ADMIN, DEMO_MEMBER
from support.hosts import ConnectHost, ForgeHost

pytestmark = pytest.mark.browser

# A compact JWS: base64url header and payload (both JSON objects, so "eyJ") and a signature.
COMPACT_JWT = re.compile(r"eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}")


def secrets_in(text: str, secrets: list[str]) -> list[str]:
    found = COMPACT_JWT.findall(text)
    return found + [secret for secret in secrets if secret in text]


def test_the_secret_detector_finds_what_it_looks_for() -> None:
    token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJmb3JnZSJ9.c2lnbmF0dXJlLWJ5dGVz"
    assert secrets_in(f"GET /x?jwt={token} 200", []) == [token]
    assert secrets_in("x-forge-oauth-system: abc123secret", ["abc123secret"]) == ["abc123secret"]
    assert secrets_in("GET /x?jwt=[redacted] 200", ["abc123secret"]) == []


def test_no_token_or_secret_in_any_log(stack: Any, page: Any) -> None:
    connect, forge = ConnectHost(stack), ForgeHost(stack)
    # Forge: pages, API calls that need the app token (a group-shared report, the admin export).
    with forge.api(DEMO_ADMIN.account_id) as api:
        shared = {
            "name": "Shared with a group",
            "jql": "project = OPS",
            "people": {"access": "limited", "viewer_groups": ["jira-software-users"]},
        }
        assert api.post("/api/reports", json=shared).status_code == 201
        assert api.get("/api/admin/export").status_code == 200
    with forge.api(DEMO_MEMBER.account_id) as api:
        assert api.get("/api/reports").status_code == 200
    frame = forge.open_reports(page, "admin")
    expect(frame.get_by_test_id("report-list")).to_be_visible()
    # Connect: an iframe page (JWT in the URL) and API calls (JWT in the header).
    frame = connect.open_reports(page, "admin")
    expect(frame.get_by_role("heading", name="Reports", level=1)).to_be_visible()

    tokens = httpx.get(f"{stack.jira_url}/_jirasim/forge/app-tokens", timeout=10).json()["tokens"]
    assert tokens, "jirasim handed out no app token: the Forge calls above did not run"
    secrets = [*tokens, stack.tenant().shared_secret]
    logs = {name: (stack.workdir / name).read_text() for name in ("rollbook.log", "jirasim.log")}
    # The server logs every request, so the calls above are in its log to be checked.
    assert logs["rollbook.log"].count("/api/") >= 4
    for name, text in logs.items():
        assert secrets_in(text, secrets) == [], name
