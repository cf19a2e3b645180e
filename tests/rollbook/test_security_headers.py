"""Security headers on every response, and the refusal of a plain-HTTP base URL outside dev mode."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings


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


def test_plain_http_base_url_is_refused_outside_dev_mode() -> None:
    with pytest.raises(ValidationError, match="must be https:// outside dev mode"):
        Settings(base_url="http://rollbook.example.com", dev_mode=False)


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
