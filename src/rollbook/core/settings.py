"""Runtime configuration, read from `ROLLBOOK_*` environment variables (one Settings class)."""

from __future__ import annotations

import re

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROLLBOOK_", extra="ignore")

    base_url: str = "http://localhost:8000"
    database_url: str = "sqlite:///rollbook.db"
    install_keys_url: str = "https://connect-install-keys.atlassian.com"
    connect_js_url: str = "https://connect-cdn.atl-paas.net/all.js"
    # fnmatch-style host patterns of Jira sites allowed to install the app and to frame its pages.
    allowed_jira_hosts: list[str] = Field(default_factory=lambda: ["*.atlassian.net"])
    dev_mode: bool = False
    app_key: str = "com.rollbook.reports"
    app_name: str = "Rollbook"
    vendor_name: str = "Rollbook"
    vendor_url: str = "https://rollbook.example.com"
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

    @model_validator(mode="after")
    def _require_https_outside_dev(self) -> Settings:
        if not self.dev_mode and not self.base_url.startswith("https://"):
            # Privacy promise 8: outside development all traffic is TLS.
            raise ValueError(
                f"ROLLBOOK_BASE_URL must be https:// outside dev mode (got {self.base_url!r}); "
                "set ROLLBOOK_DEV_MODE=true for local development"
            )
        if not self.dev_mode and not self.forge_jwks_url.startswith("https://"):
            # The keys that authenticate every Forge request must not be open to tampering.
            raise ValueError(
                "ROLLBOOK_FORGE_JWKS_URL must be https:// outside dev mode "
                f"(got {self.forge_jwks_url!r})"
            )
        return self
