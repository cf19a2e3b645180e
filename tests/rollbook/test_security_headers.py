"""Security headers on every response (500s included), and the refusal of a plain-HTTP base URL
outside dev mode."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from rollbook.app import create_app, create_app_from_environment
from rollbook.connect.dependencies import require_page_token
from rollbook.core.db import Database
from rollbook.core.serving_rules import UnsafeSettings
from rollbook.core.settings import Settings
from rollbook.identity.dependencies import require_principal


@pytest.mark.parametrize("path", ["/atlassian-connect.json", "/api/me", "/ui/reports", "/nope"])
def test_headers_on_every_response(path: str, client: TestClient) -> None:
    response = client.get(path)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' https://connect-cdn.atl-paas.net;" in csp
    assert "frame-ancestors 'self' https://*.atlassian.net" in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_dev_mode_allows_local_jira_frames_and_drops_hsts(database: Database) -> None:
    settings = Settings(
        base_url="http://localhost:8000",
        dev_mode=True,
        connect_js_url="http://localhost:2990/connect/all.js",
    )
    client = TestClient(create_app(settings, database=database))
    response = client.get("/atlassian-connect.json")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self' http://localhost:2990;" in csp
    assert "http://localhost:*" in csp.split("frame-ancestors")[1]
    assert "strict-transport-security" not in response.headers


def test_plain_http_base_url_is_refused_outside_dev_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """By the app factory a server process uses; tests/rollbook/test_serving_rules.py has every
    rule."""
    monkeypatch.setenv("ROLLBOOK_BASE_URL", "http://rollbook.example.com")
    monkeypatch.setenv("ROLLBOOK_DEV_MODE", "false")
    with pytest.raises(UnsafeSettings, match="must be https:// outside dev mode"):
        create_app_from_environment()


SECURITY_HEADERS = [
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "strict-transport-security",
]


def _fail() -> None:
    raise RuntimeError("a bug (simulated)")


@pytest.mark.parametrize(
    ("path", "dependency"),
    [("/api/me", require_principal), ("/ui/reports", require_page_token)],
    ids=["api route", "page route"],
)
def test_an_unexpected_error_still_carries_the_headers(
    path: str, dependency: Callable[..., object], app: FastAPI
) -> None:
    """Starlette answers an unhandled exception outside every middleware, so a 500 used to go out
    without CSP, nosniff or HSTS."""
    app.dependency_overrides[dependency] = _fail
    with TestClient(app, base_url="https://rollbook.test", raise_server_exceptions=False) as client:
        response = client.get(path)
        healthy = client.get("/atlassian-connect.json")
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal_error",
        "message": "something went wrong on our side",
    }
    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == {
        name: healthy.headers[name] for name in SECURITY_HEADERS
    }


def test_settings_come_from_rollbook_environment_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ROLLBOOK_BASE_URL", "https://reports.example.com/")
    monkeypatch.setenv("ROLLBOOK_ALLOWED_JIRA_HOSTS", '["*.jira.example"]')
    settings = Settings()
    assert settings.base_url == "https://reports.example.com"
    assert settings.allowed_jira_hosts == ["*.jira.example"]
    assert settings.install_keys_url == "https://connect-install-keys.atlassian.com"
    assert settings.database_url == "sqlite:///rollbook.db"
