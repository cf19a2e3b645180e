"""Runtime configuration, read from `ROLLBOOK_*` environment variables (one Settings class)."""

from __future__ import annotations

import re

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from rollbook.core.security_contact import SecurityContact


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROLLBOOK_", extra="ignore")

    base_url: str = "http://localhost:8000"
    database_url: str = "sqlite:///rollbook.db"
    install_keys_url: str = "https://connect-install-keys.atlassian.com"
    connect_js_url: str = "https://connect-cdn.atl-paas.net/all.js"
    # fnmatch-style host patterns of Jira sites allowed to install the app and to frame its pages.
    allowed_jira_hosts: list[str] = Field(default_factory=lambda: ["*.atlassian.net"])
    dev_mode: bool = False
    # Addresses of the reverse proxies whose X-Forwarded-For/-Proto headers `serve` believes
    # (comma-separated IPs or networks, uvicorn's --forwarded-allow-ips; "*" trusts anyone).
    # Headers from any other peer are ignored (docs/operations.md#deployment).
    forwarded_allow_ips: str = "127.0.0.1"
    app_key: str = "com.rollbook.reports"
    app_name: str = "Rollbook"
    vendor_name: str = "Rollbook"
    vendor_url: str = "https://rollbook.example.com"
    # Where to report a vulnerability: an email address or an https:// URL, shown on the admin
    # page (docs/operations.md#security-contacts). Unset: the admin page says "not configured".
    security_contact: SecurityContact = None
    # Seconds of clock skew accepted on exp/iat (Atlassian's Java library uses 30).
    jwt_leeway_seconds: int = 30
    # How long a user's Jira group memberships are trusted before asking Jira again.
    group_cache_seconds: int = 60
    # Forge: the app's ARI (`ari:cloud:ecosystem::app/<uuid>`), the FIT audience. Unset: every
    # Bearer (Forge) request is refused with 401 "Forge is not configured".
    forge_app_id: str | None = None
    forge_jwks_url: str = "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json"
    # An unknown kid refreshes the JWKS at most once per this many seconds.
    forge_jwks_refresh_seconds: float = 30.0
    # Clock skew accepted on a FIT's exp/nbf/iat; FITs live 25 s, so keep it small.
    forge_token_leeway_seconds: int = 10
    # Data at rest (docs/operations.md#secrets-at-rest): comma-separated Fernet keys; the first
    # seals tenants' shared secrets and keys the audit log's actor hashes, all of them open.
    # Required outside dev mode (checked when the app is built, not by the CLI's data commands).
    secret_key: SecretStr | None = None
    # Calls to Jira and the install-keys server (docs/limits.md#jira-calls): one tenant's slow
    # or rate-limited Jira must not slow the others.
    # Seconds a failed group look-up is remembered per (site, user) before Jira is asked again.
    jira_failure_cache_seconds: float = Field(default=10.0, ge=0)
    # Calls to one site's Jira in flight at once; one more fails fast with 503 + Retry-After: 1.
    jira_calls_per_tenant: int = Field(default=4, ge=1)
    # Seconds one request may wait on Jira, all its look-ups together.
    jira_request_budget_seconds: float = Field(default=5.0, gt=0)
    # Install-key fetches (signed installs): at once, per minute, and how long a kid the keys
    # server did not know is remembered.
    install_key_fetches_in_flight: int = Field(default=2, ge=1)
    install_key_fetches_per_minute: int = Field(default=5, ge=1)
    install_key_failure_cache_seconds: float = Field(default=60.0, ge=0)
    # Request and data limits (docs/limits.md#request-and-data-limits).
    # Bytes of any request body; larger is refused with 413 before it is read.
    max_request_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Bytes of a site import (POST /api/import): an export file of a whole site.
    max_import_body_bytes: int = Field(default=64 * 1024 * 1024, ge=1024)
    # Live (not deleted) reports one site may hold; create, duplicate, restore and import stop.
    max_reports_per_site: int = Field(default=10_000, ge=1)
    # Bytes of one report's stored definition (its JSON, people included).
    max_definition_bytes: int = Field(default=256 * 1024, ge=4096)

    @property
    def jira_host_patterns(self) -> list[str]:
        """Hosts of Jira sites we trust; dev mode adds the local jirasim."""
        local = ["localhost", "127.0.0.1"] if self.dev_mode else []
        return [*self.allowed_jira_hosts, *local]

    @field_validator("base_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @field_validator("forge_app_id")
    @classmethod
    def _app_id_is_an_ari(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not re.fullmatch(r"ari:cloud:ecosystem::app/\S+", value.strip()):
            raise ValueError("ROLLBOOK_FORGE_APP_ID must be the app ARI ari:cloud:ecosystem::app/…")
        return value.strip()

    @field_validator("dev_mode", mode="before")
    @classmethod
    def _dev_mode_is_explicit(cls, value: object) -> object:
        # pydantic's bool would take "1", "yes", "on", "y"…: a stray value must not turn the
        # production checks off, so only the exact words are accepted.
        if isinstance(value, bool) or value in ("true", "false"):
            return value
        raise ValueError("ROLLBOOK_DEV_MODE must be exactly true or false")

    # The https and host rules of serving are in core/serving_rules.py: the operator commands
    # (backup, export, purge…) serve nothing and need none of them.
