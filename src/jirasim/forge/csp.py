"""Forge's Custom UI Content Security Policy, built from the manifest's `permissions`
(docs/platform.md#custom-ui-hosting-csp-and-sandbox): scripts, styles and connections from the
resource itself only, plus what
`content.*` and `external.*` declare; frames only inside the Jira page; violations reported to
jirasim so a test fails on them as the app would fail on a real site."""

from __future__ import annotations

import re

from jirasim.forge.manifest import Permissions

REPORT_PATH = "/_jirasim/forge/csp-report"
# A CSP source must not smuggle in another directive or source list.
_SAFE_SOURCE = re.compile(r"^[A-Za-z0-9*.:/_\-\[\]%?=&~+]+$")
_SCRIPT_KEYWORDS = {"unsafe-inline", "unsafe-eval", "unsafe-hashes"}


def _sources(addresses: tuple[str, ...]) -> list[str]:
    return [address for address in addresses if _SAFE_SOURCE.match(address)]


def _script_source(value: str) -> str | None:
    if value in _SCRIPT_KEYWORDS or re.match(r"^sha(256|384|512)-[A-Za-z0-9+/=]+$", value):
        return f"'{value}'"
    if value == "blob:":
        return value
    return None


def content_security_policy(permissions: Permissions, *, page_origin: str) -> str:
    external = permissions.external
    scripts = ["'self'"]
    scripts += [s for s in map(_script_source, permissions.content_scripts) if s]
    scripts += _sources(external.get("scripts", ()))
    styles = ["'self'"]
    if "unsafe-inline" in permissions.content_styles:
        styles.append("'unsafe-inline'")
    styles += _sources(external.get("styles", ()))
    directives = {
        "default-src": ["'self'"],
        "script-src": scripts,
        "style-src": styles,
        "connect-src": ["'self'", *_sources(external.get("fetch.client", ()))],
        # The page origin stands for Atlassian's own image hosts (avatar CDN, the site's icons),
        # which Forge allows by default: jirasim serves avatars and icons from the site itself.
        "img-src": [
            "'self'",
            "data:",
            "blob:",
            page_origin,
            *_sources(external.get("images", ())),
        ],
        "font-src": ["'self'", *_sources(external.get("fonts", ()))],
        "media-src": ["'self'", *_sources(external.get("media", ()))],
        "frame-src": _sources(external.get("frames", ())) or ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": [page_origin],
        "report-uri": [REPORT_PATH],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())
