"""Who is calling the REST API, decided the way Jira Cloud decides it.

Three credentials are accepted, each checked by one function that raises `JiraError`:

1. HTTP Basic with a user's email and API token (direct clients such as the `jira` package).
2. `Authorization: JWT <HS256>` from an installed Connect app: `iss` is the app key, signed with
   that installation's shared secret, `qsh` the hash of this very request relative to the site
   base URL (docs/platform.md#calling-jira-as-the-app). The request runs as the app, which sees
   every project.
3. The simulator's session cookie, set by the host page's user switcher. Requests the host page
   makes on an app iframe's behalf (`AP.request`) carry `X-Jirasim-Connect-App: <app key>`: they
   run as the page's user *and* are limited to the app's scopes, as AP.request is in Jira. Forge
   frames' `requestJira` is the same with `X-Jirasim-Forge-App: <installationId>` (OAuth scopes).
4. `Authorization: Bearer <app system token>` from a Forge remote, only through the gateway path
   `/ex/jira/{cloudId}/rest/...`; the request runs as the app, within its manifest's scopes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import jwt as pyjwt
from fastapi import Request

from jirasim.api.errors import NOT_AUTHENTICATED, JiraError
from jirasim.api.state import SimState
from jirasim.forge.gateway import ORIGINAL_PATH_KEY
from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.scopes import require_forge_scope
from jirasim.host.installations import Installation
from jirasim.host.qsh import CONTEXT_QSH, query_string_hash
from jirasim.site import Site, User

SESSION_COOKIE = "jirasim_session"
BRIDGE_HEADER = "x-jirasim-connect-app"
FORGE_BRIDGE_HEADER = "x-jirasim-forge-app"
JWT_LEEWAY_SECONDS = 30
# The spec's x-atlassian-connect-scope of operations no Connect app may call (a Forge app may,
# with the operation's OAuth scope).
CONNECT_INACCESSIBLE = "INACCESSIBLE"


class AuthKind(StrEnum):
    BASIC = "basic"
    APP_JWT = "jwt"
    FORGE_APP = "forge-app"  # a Forge remote with the app system token
    BRIDGE = "bridge"  # session cookie + app header: AP.request from an iframe
    SESSION = "session"  # session cookie alone: a person's browser
    ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class Caller:
    kind: AuthKind
    account_id: str | None = None
    app: Installation | ForgeInstallation | None = None

    @property
    def is_app(self) -> bool:
        """Requests signed by the app itself run as the app: no user, every project visible."""
        return self.kind in {AuthKind.APP_JWT, AuthKind.FORGE_APP}

    def can_browse(self, site: Site, project_key: str) -> bool:
        return self.is_app or site.can_browse(self.account_id, project_key)

    def require_scope(self, scope: str, path: str = "") -> None:
        if isinstance(self.app, ForgeInstallation):
            require_forge_scope(self.app.manifest.permissions.scopes, path, scope)
            return
        if self.app is not None and scope == CONNECT_INACCESSIBLE:
            raise JiraError(
                403,
                f"The app '{self.app.key}' is not allowed to call this API: Connect apps "
                "cannot use it.",
            )
        if self.app is not None and not self.app.allows(scope):
            raise JiraError(
                403,
                f"The app '{self.app.key}' is not allowed to call this API: "
                f"it needs the {scope} scope.",
            )


# --- session cookie ---------------------------------------------------------------------------


def sign_session(account_id: str, secret: bytes) -> str:
    mac = hmac.new(secret, account_id.encode(), hashlib.sha256).hexdigest()
    return f"{account_id}.{mac}"


def read_session(value: str | None, secret: bytes) -> str | None:
    if not value or "." not in value:
        return None
    account_id, _, mac = value.rpartition(".")
    expected = hmac.new(secret, account_id.encode(), hashlib.sha256).hexdigest()
    return account_id if hmac.compare_digest(mac, expected) else None


def session_user(request: Request, state: SimState) -> User | None:
    account_id = read_session(request.cookies.get(SESSION_COOKIE), state.secret)
    user = state.site.user(account_id) if account_id else None
    return user if user is not None and user.active else None


# --- the three credentials --------------------------------------------------------------------


def _unauthenticated(detail: str | None = None) -> JiraError:
    headers = {"WWW-Authenticate": 'Basic realm="jirasim", JWT'}
    return JiraError(401, detail or NOT_AUTHENTICATED, headers=headers)


def _basic(credentials: str, state: SimState) -> Caller:
    try:
        email, _, token = base64.b64decode(credentials, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise _unauthenticated() from exc
    user = next((u for u in state.site.users if u.email.lower() == email.lower()), None)
    if user is None or not user.active or not user.api_token:
        raise _unauthenticated()
    if not hmac.compare_digest(user.api_token.encode(), token.encode()):
        raise _unauthenticated()
    return Caller(AuthKind.BASIC, account_id=user.account_id)


def _request_qsh(request: Request, state: SimState) -> str:
    raw_path = (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
    raw_query = request.scope.get("query_string", b"").decode("latin-1")
    return query_string_hash(request.method, raw_path, raw_query, state.base_path)


def _app_jwt(token: str, request: Request, state: SimState) -> Caller:
    try:
        header = pyjwt.get_unverified_header(token)
        unverified: dict[str, Any] = pyjwt.decode(token, options={"verify_signature": False})
    except pyjwt.PyJWTError as exc:
        raise _unauthenticated("The JWT could not be decoded.") from exc
    if header.get("alg") != "HS256":
        raise _unauthenticated("Only HS256 JWTs are accepted from apps.")
    issuer = unverified.get("iss")
    app = state.installations.get(str(issuer)) if issuer else None
    if app is None:
        raise _unauthenticated("The JWT issuer is not an installed app.")
    try:
        claims: dict[str, Any] = pyjwt.decode(
            token,
            app.shared_secret,
            algorithms=["HS256"],
            options={"verify_exp": False, "verify_iat": False, "verify_aud": False},
        )
    except pyjwt.PyJWTError as exc:
        raise _unauthenticated("The JWT signature does not verify.") from exc
    now = state.clock()
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or not isinstance(iat, int | float):
        raise _unauthenticated("The JWT needs numeric exp and iat claims.")
    if now > exp + JWT_LEEWAY_SECONDS:
        raise _unauthenticated("The JWT has expired.")
    if iat > now + JWT_LEEWAY_SECONDS:
        raise _unauthenticated("The JWT was issued in the future.")
    qsh = claims.get("qsh")
    # A context token (qsh "context-qsh") is for the app's own server, never for Jira's API.
    if not isinstance(qsh, str) or qsh == CONTEXT_QSH:
        raise _unauthenticated("The JWT has no query string hash for this request.")
    if not hmac.compare_digest(qsh, _request_qsh(request, state)):
        raise _unauthenticated("The JWT query string hash does not match the request.")
    return Caller(AuthKind.APP_JWT, app=app)


def _forge_app_token(token: str, request: Request, state: SimState) -> Caller:
    # App tokens are for the API gateway only, as on Atlassian's cloud (api.atlassian.com).
    if not getattr(request.state, ORIGINAL_PATH_KEY, None):
        raise _unauthenticated()
    installation_id = state.forge.app_tokens.installation_of(token, now=state.clock())
    found = state.forge.installations.by_installation_id(installation_id or "")
    if found is None:
        raise _unauthenticated()
    return Caller(AuthKind.FORGE_APP, app=found)


def _session(request: Request, state: SimState) -> Caller | None:
    user = session_user(request, state)
    if user is None:
        return None
    installation_id = request.headers.get(FORGE_BRIDGE_HEADER)
    if installation_id:
        forge_app = state.forge.installations.by_installation_id(installation_id)
        if forge_app is None:
            raise JiraError(403, "The Forge app is not installed.")
        return Caller(AuthKind.BRIDGE, account_id=user.account_id, app=forge_app)
    app_key = request.headers.get(BRIDGE_HEADER)
    if app_key:
        app = state.installations.get(app_key)
        if app is None:
            raise JiraError(403, f"The app '{app_key}' is not installed.")
        return Caller(AuthKind.BRIDGE, account_id=user.account_id, app=app)
    # Cookie-authenticated writes need Jira's XSRF header; the bridge header counts as one
    # because a cross-site form cannot set custom headers.
    unsafe = request.method not in {"GET", "HEAD", "OPTIONS"}
    if unsafe and request.headers.get("x-atlassian-token", "").lower() != "no-check":
        raise JiraError(403, "XSRF check failed")
    return Caller(AuthKind.SESSION, account_id=user.account_id)


def identify(request: Request, state: SimState) -> Caller:
    """The caller, or anonymous when no credentials were sent; bad credentials raise 401."""
    authorization = request.headers.get("authorization", "")
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "basic" and value:
        return _basic(value.strip(), state)
    if scheme.lower() == "jwt" and value:
        return _app_jwt(value.strip(), request, state)
    if scheme.lower() == "bearer" and value:
        return _forge_app_token(value.strip(), request, state)
    if authorization:
        raise _unauthenticated()
    query_token = request.query_params.get("jwt")
    if query_token:
        return _app_jwt(query_token, request, state)
    return _session(request, state) or Caller(AuthKind.ANONYMOUS)


def authenticate(request: Request, state: SimState, *, scope: str = "READ") -> Caller:
    """The authenticated caller of a REST route that needs `scope`; anonymous callers get 401.

    The kind is left on `request.state` for the request log."""
    caller = identify(request, state)
    request.state.jirasim_auth = caller.kind.value
    request.state.jirasim_app = caller.app.key if caller.app else None
    if caller.kind is AuthKind.ANONYMOUS:
        raise _unauthenticated()
    caller.require_scope(scope, request.url.path)
    return caller
