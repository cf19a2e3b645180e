"""Settings that cannot end up unsafe: what a serving process refuses outside dev mode, one case
per rule, and dev mode only for an explicit `true`."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from rollbook.core.keyring import Keyring
from rollbook.core.serving_rules import (
    UnsafeSettings,
    require_safe_for_serving,
    serving_problems,
)
from rollbook.core.settings import Settings

SAFE: dict[str, Any] = {
    "base_url": "https://rollbook.example.com",
    "secret_key": Keyring.generate_key(),
}
LOCAL: dict[str, Any] = {"base_url": "http://localhost:8000", "dev_mode": True}

# (name, settings beyond SAFE, the variable the refusal names)
REFUSED = [
    ("http base URL", {"base_url": "http://rollbook.example.com"}, "ROLLBOOK_BASE_URL"),
    ("base URL without a host", {"base_url": "https://"}, "ROLLBOOK_BASE_URL has no host"),
    ("base URL of only a path", {"base_url": "/rollbook"}, "ROLLBOOK_BASE_URL has no host"),
    (
        "http install-keys URL",
        {"install_keys_url": "http://connect-install-keys.atlassian.com"},
        "ROLLBOOK_INSTALL_KEYS_URL",
    ),
    (
        "http Connect JS URL",
        {"connect_js_url": "http://connect-cdn.atl-paas.net/all.js"},
        "ROLLBOOK_CONNECT_JS_URL",
    ),
    (
        "http Forge JWKS URL",
        {"forge_jwks_url": "http://localhost:9000/jwks.json"},
        "ROLLBOOK_FORGE_JWKS_URL",
    ),
    ("no secret key", {"secret_key": None}, "ROLLBOOK_SECRET_KEY is required"),
    ("a secret key that is not a Fernet key", {"secret_key": "hunter2"}, "ROLLBOOK_SECRET_KEY"),
    ("bare * in allowed Jira hosts", {"allowed_jira_hosts": ["*"]}, "ROLLBOOK_ALLOWED_JIRA_HOSTS"),
    (
        "* beside a good pattern",
        {"allowed_jira_hosts": ["*.atlassian.net", "*"]},
        "ROLLBOOK_ALLOWED_JIRA_HOSTS",
    ),
    ("any .net host", {"allowed_jira_hosts": ["*.net"]}, "ROLLBOOK_ALLOWED_JIRA_HOSTS"),
    ("wildcard domain", {"allowed_jira_hosts": ["jira.*"]}, "ROLLBOOK_ALLOWED_JIRA_HOSTS"),
    ("? in the domain", {"allowed_jira_hosts": ["*.atlassian.ne?"]}, "ROLLBOOK_ALLOWED_JIRA_HOSTS"),
]


@pytest.mark.parametrize(("name", "changes", "named"), REFUSED, ids=[case[0] for case in REFUSED])
def test_unsafe_settings_are_refused_outside_dev_mode(
    name: str, changes: dict[str, Any], named: str
) -> None:
    settings = Settings(**{**SAFE, **changes})  # building them is fine: only serving refuses
    with pytest.raises(UnsafeSettings, match=named):
        require_safe_for_serving(settings)


ACCEPTED = [
    ("defaults with an https base URL", SAFE),
    ("base URL with a path", {**SAFE, "base_url": "https://apps.example.com/rollbook"}),
    ("own Jira domain", {**SAFE, "allowed_jira_hosts": ["jira.example.com", "*.jira.example"]}),
    ("no Jira host at all", {**SAFE, "allowed_jira_hosts": []}),
    ("dev mode with local http URLs", {**LOCAL, "install_keys_url": "http://localhost:2990/k"}),
    ("dev mode with a bare *", {**LOCAL, "allowed_jira_hosts": ["*"]}),
    ("dev mode with an http JWKS URL", {**LOCAL, "forge_jwks_url": "http://localhost:9/j"}),
]


@pytest.mark.parametrize(("name", "values"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_safe_settings_serve(name: str, values: dict[str, Any]) -> None:
    assert serving_problems(Settings(**values)) == []


def test_a_base_url_without_a_host_is_refused_in_dev_mode_too() -> None:
    assert serving_problems(Settings(base_url="http://", dev_mode=True)) == [
        "ROLLBOOK_BASE_URL has no host (got 'http:')"
    ]


def test_every_problem_is_named_at_once() -> None:
    settings = Settings(
        base_url="http://rollbook.example.com",
        connect_js_url="http://cdn.example.com/all.js",
        allowed_jira_hosts=["*"],
    )  # and no secret key
    assert len(serving_problems(settings)) == 4


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False)])
def test_dev_mode_takes_exactly_true_or_false(
    value: str, expected: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLLBOOK_DEV_MODE", value)
    assert Settings().dev_mode is expected


@pytest.mark.parametrize("value", ["1", "yes", "on", "y", "t", "True", "TRUE", "0", "no", ""])
def test_dev_mode_refuses_every_other_spelling(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLBOOK_DEV_MODE", value)
    with pytest.raises(ValidationError, match="ROLLBOOK_DEV_MODE must be exactly true or false"):
        Settings()


def test_dev_mode_is_off_when_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLLBOOK_DEV_MODE", raising=False)
    assert Settings().dev_mode is False
