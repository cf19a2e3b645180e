"""What a Connect install payload must hold before it is stored: site URLs the server may call
and link to, from a Jira host it trusts, and a shared secret long enough for HS256. Pure
functions; `lifecycle` applies them (docs/limits.md#tokens-installs-and-settings)."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatch
from urllib.parse import urlsplit

from rollbook.connect import exceptions as errors

# HS256 keys shorter than its 32-byte hash weaken the signature (RFC 7518 §3.2). Jira's secrets
# are far longer; jirasim's are 64 characters.
MIN_SHARED_SECRET_LENGTH = 32


def check_site_url(url: str, *, field: str, dev_mode: bool) -> None:
    """The server calls `baseUrl` with the tenant's secret and the client links to the site, so
    only https is accepted, and http only in dev mode (a local jirasim). `javascript:`, `file:`,
    `gopher:` and the like never."""
    parts = urlsplit(url)
    schemes = ("https", "http") if dev_mode else ("https",)
    if parts.scheme.lower() not in schemes:
        allowed = "https or http (dev mode)" if dev_mode else "https"
        raise errors.InstallBaseUrlInvalid(f"{field} must be an {allowed} URL")
    if not parts.hostname:
        raise errors.InstallBaseUrlInvalid(f"{field} has no host")


def check_host_allowed(base_url: str, patterns: Sequence[str]) -> None:
    host = urlsplit(base_url).hostname or ""
    if not any(fnmatch(host, pattern) for pattern in patterns):
        raise errors.HostNotAllowed("this Jira host may not install the app")


def check_shared_secret(secret: str | None) -> str:
    if not secret:
        raise errors.MissingClaim("install payload has no sharedSecret")
    if len(secret) < MIN_SHARED_SECRET_LENGTH:
        raise errors.InstallSecretTooShort(
            f"sharedSecret must be at least {MIN_SHARED_SECRET_LENGTH} characters"
        )
    return secret
