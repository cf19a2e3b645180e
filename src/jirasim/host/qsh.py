"""jirasim's own query string hash (qsh) of Atlassian's canonical request
(docs/platform.md#query-string-hash-qsh).

Written for jirasim, not shared with the product: Jira and the app must not check each other
with the same code, or a bug in one would hide in the other.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote, unquote_plus

CONTEXT_QSH = "context-qsh"
# RFC 3986 unreserved characters stay as they are; everything else is %XX (space is %20).
_UNRESERVED = "-._~"


def _encode(text: str) -> str:
    return quote(text, safe=_UNRESERVED)


def _canonical_path(path: str, base_path: str) -> str:
    relative = path[len(base_path) :] if base_path and path.startswith(base_path) else path
    relative = relative if relative.startswith("/") else "/" + relative
    if len(relative) > 1 and relative.endswith("/"):
        relative = relative[:-1]
    # '&' separates the canonical request's parts, so it must not appear raw in the path.
    return relative.replace("&", "%26")


def _canonical_query(raw_query: str) -> str:
    grouped: dict[str, list[str]] = {}
    for pair in filter(None, raw_query.split("&")):
        raw_name, _, raw_value = pair.partition("=")
        name = unquote_plus(raw_name)
        if name != "jwt":
            grouped.setdefault(name, []).append(unquote_plus(raw_value))
    # Repeated parameters: values sorted (decoded), joined by ',' after encoding.
    parts = sorted(
        (_encode(name), ",".join(_encode(value) for value in sorted(values)))
        for name, values in grouped.items()
    )
    return "&".join(f"{name}={value}" for name, value in parts)


def query_string_hash(method: str, path: str, raw_query: str, base_path: str = "") -> str:
    """SHA-256 (hex) of `METHOD&path&query` for a raw (still encoded) path and query."""
    canonical = "&".join(
        (method.upper(), _canonical_path(path, base_path), _canonical_query(raw_query))
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
