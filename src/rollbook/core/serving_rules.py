"""The settings a serving process must have: outside dev mode every URL the server trusts is
https, the base URL has a host, and no Jira host pattern lets any site in. Checked by
`rollbook serve` and the app factory only; the operator commands (backup, export, purge…) serve
nothing, so they need none of it (docs/limits.md#tokens-installs-and-settings)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from rollbook.core.keyring import SecretKeyError, keyring_for
from rollbook.core.settings import Settings

log = logging.getLogger("rollbook.settings")

# Characters that make an fnmatch pattern match more than one name.
_WILDCARDS = set("*?[]")


class UnsafeSettings(ValueError):
    """The settings would serve over plain HTTP, trust any Jira site, or cannot be served."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("refusing to serve: " + "; ".join(problems))
        self.problems = problems


def _is_https(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and bool(parts.hostname)


def _matches_any_domain(pattern: str) -> bool:
    """True for `*`, `*.com`, `jira.*`: the pattern's last two labels (the registrable domain)
    must be literal, so only sites under a domain someone controls can install and frame us."""
    labels = pattern.split(".")
    return len(labels) < 2 or any(set(label) & _WILDCARDS for label in labels[-2:])


def serving_problems(settings: Settings) -> list[str]:
    """Every reason the settings must not serve; empty when they may."""
    problems = []
    if not urlsplit(settings.base_url).hostname:
        problems.append(f"ROLLBOOK_BASE_URL has no host (got {settings.base_url!r})")
    try:
        keyring_for(settings)
    except SecretKeyError as exc:  # missing outside dev mode, or not a Fernet key
        problems.append(str(exc))
    if settings.dev_mode:
        return problems
    # Privacy promise 8: outside development all traffic is TLS, the server's own fetches too
    # (the keys and the script that authenticate requests must not be open to tampering).
    for variable, url in (
        ("ROLLBOOK_BASE_URL", settings.base_url),
        ("ROLLBOOK_INSTALL_KEYS_URL", settings.install_keys_url),
        ("ROLLBOOK_CONNECT_JS_URL", settings.connect_js_url),
        ("ROLLBOOK_FORGE_JWKS_URL", settings.forge_jwks_url),
    ):
        if not _is_https(url):
            problems.append(f"{variable} must be https:// outside dev mode (got {url!r})")
    wide = [pattern for pattern in settings.allowed_jira_hosts if _matches_any_domain(pattern)]
    if wide:
        problems.append(
            "ROLLBOOK_ALLOWED_JIRA_HOSTS must name hosts under a domain, like *.atlassian.net "
            f"(got {wide!r}): these patterns let any site install the app and frame its pages"
        )
    return problems


def require_safe_for_serving(settings: Settings) -> None:
    problems = serving_problems(settings)
    if problems:
        raise UnsafeSettings(problems)


def warn_if_dev_mode(settings: Settings) -> None:
    if settings.dev_mode:
        log.warning(
            "DEV MODE IS ON: plain HTTP and local Jira sites are accepted and HSTS is off. "
            "Never run ROLLBOOK_DEV_MODE=true in production."
        )
