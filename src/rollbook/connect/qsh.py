"""Query string hash (qsh): the SHA-256 of Atlassian's canonical request
(docs/platform.md#query-string-hash-qsh).

Works on the raw, still-encoded path and query so repeated parameters and their order survive.
"""

from __future__ import annotations

import hashlib
from urllib.parse import quote, unquote_plus, urlsplit

CONTEXT_QSH = "context-qsh"


def _percent_encode(value: str) -> str:
    # RFC 3986 unreserved characters only; space becomes %20, never '+'.
    return quote(value, safe="-._~")


def canonical_uri(path: str, base_path: str = "") -> str:
    if base_path and path.startswith(base_path):
        path = path[len(base_path) :]
    if not path.startswith("/"):
        path = "/" + path
    if len(path) > 1 and path.endswith("/"):
        path = path[:-1]
    return path.replace("&", "%26")


def canonical_query(raw_query: str) -> str:
    values_by_name: dict[str, list[str]] = {}
    for pair in raw_query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        name = unquote_plus(name)
        if name == "jwt":
            continue
        values_by_name.setdefault(name, []).append(unquote_plus(value))
    encoded = []
    for name, values in values_by_name.items():
        # Values sort by their decoded form: Atlassian's own behaviour (bug JWT-20).
        joined = ",".join(_percent_encode(v) for v in sorted(values))
        encoded.append((_percent_encode(name), joined))
    return "&".join(f"{name}={values}" for name, values in sorted(encoded))


def canonical_request(method: str, path: str, raw_query: str, base_path: str = "") -> str:
    return f"{method.upper()}&{canonical_uri(path, base_path)}&{canonical_query(raw_query)}"


def query_string_hash(method: str, path: str, raw_query: str, base_path: str = "") -> str:
    canonical = canonical_request(method, path, raw_query, base_path)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def qsh_for_url(method: str, url: str, base_path: str = "") -> str:
    """qsh of a URL (absolute or relative): used when signing requests to Jira."""
    parts = urlsplit(url)
    return query_string_hash(method, parts.path, parts.query, base_path)
