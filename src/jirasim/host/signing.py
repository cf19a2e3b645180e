"""The tokens Jira issues to a Connect app, signed with the installation's shared secret:

- iframe URLs: the module URL (context variables substituted) on the app's baseUrl, plus Jira's
  standard parameters `lic`, `cp`, `xdm_e`, `xdm_c`, `cv` and a `jwt` whose `qsh` covers all of
  them (docs/platform.md#iframe-urls-and-the-ap-bridge); 180 s lifetime.
- context tokens for `AP.context.getToken()`: `qsh` is the fixed string "context-qsh"
  (docs/platform.md#context-tokens-context-qsh); 15 min lifetime.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, urlencode, urlsplit

import jwt as pyjwt

from jirasim.host.installations import Installation
from jirasim.host.qsh import CONTEXT_QSH, query_string_hash

# Version of Connect Jira reports in `cv` and in `pluginsVersion`.
CONNECT_VERSION = "1001.0.0-SNAPSHOT"
IFRAME_TOKEN_SECONDS = 180
CONTEXT_TOKEN_SECONDS = 900
_VARIABLE = re.compile(r"\{([A-Za-z0-9_.]+)\}")


def substitute(template: str, context: Mapping[str, str]) -> str:
    """Replace `{project.key}`-style variables with URL-encoded values; unknown ones with ''."""
    return _VARIABLE.sub(lambda match: quote(context.get(match.group(1), ""), safe=""), template)


def _sign(app: Installation, claims: dict[str, object]) -> str:
    return pyjwt.encode(claims, app.shared_secret, algorithm="HS256")


def iframe_url(
    app: Installation,
    module_url: str,
    *,
    context: Mapping[str, str],
    host_base_url: str,
    account_id: str | None,
    channel: str,
    now: float,
) -> str:
    """The signed `src` of a module's iframe."""
    relative = urlsplit(substitute(module_url, context))
    path = relative.path or "/"
    standard = urlencode(
        [
            ("xdm_e", host_base_url),
            ("xdm_c", channel),
            ("cp", ""),
            ("lic", "none"),
            ("cv", CONNECT_VERSION),
        ],
        quote_via=quote,
    )
    query = f"{relative.query}&{standard}" if relative.query else standard
    issued = int(now)
    claims: dict[str, object] = {
        "iss": app.client_key,
        "iat": issued,
        "exp": issued + IFRAME_TOKEN_SECONDS,
        "qsh": query_string_hash("GET", path, query),
        "context": {},
    }
    if account_id:
        claims["sub"] = account_id
    return f"{app.base_url}{path}?{query}&jwt={_sign(app, claims)}"


def context_token(app: Installation, *, account_id: str | None, now: float) -> str:
    issued = int(now)
    claims: dict[str, object] = {
        "iss": app.client_key,
        "iat": issued,
        "exp": issued + CONTEXT_TOKEN_SECONDS,
        "qsh": CONTEXT_QSH,
        "context": {},
    }
    if account_id:
        claims["sub"] = account_id
    return _sign(app, claims)
