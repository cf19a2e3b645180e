"""Forge settings: the app id is an app ARI or unset; the JWKS URL is https outside dev mode."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rollbook.core.serving_rules import UnsafeSettings, require_safe_for_serving
from rollbook.core.settings import Settings
from support.forge_fit import APP_ID

HTTPS = {"base_url": "https://rollbook.example.com"}


def test_defaults_leave_forge_off_with_atlassians_jwks() -> None:
    settings = Settings(**HTTPS)
    assert settings.forge_app_id is None
    assert settings.forge_jwks_url == (
        "https://forge.cdn.prod.atlassian-dev.net/.well-known/jwks.json"
    )


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLBOOK_FORGE_APP_ID", APP_ID)
    monkeypatch.setenv("ROLLBOOK_FORGE_JWKS_URL", "https://jwks.example.com/keys.json")
    settings = Settings(**HTTPS)
    assert settings.forge_app_id == APP_ID
    assert settings.forge_jwks_url == "https://jwks.example.com/keys.json"


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_app_id_means_unset(value: str) -> None:
    assert Settings(**HTTPS, forge_app_id=value).forge_app_id is None


@pytest.mark.parametrize("value", ["5d3c7c1e-8f0a", "ari:cloud:ecosystem::installation/1"])
def test_an_app_id_must_be_an_app_ari(value: str) -> None:
    with pytest.raises(ValidationError, match="ari:cloud:ecosystem::app/"):
        Settings(**HTTPS, forge_app_id=value)


def test_the_jwks_needs_https_outside_dev_mode() -> None:
    # A serving rule (core/serving_rules.py): the operator commands build Settings too.
    with pytest.raises(UnsafeSettings, match="ROLLBOOK_FORGE_JWKS_URL"):
        require_safe_for_serving(Settings(**HTTPS, forge_jwks_url="http://localhost:9000/j.json"))
    local = Settings(
        base_url="http://localhost:8000", dev_mode=True, forge_jwks_url="http://localhost:9/j"
    )
    require_safe_for_serving(local)
