"""FastAPI glue for Connect authentication: thin wrappers around `connect.jwt`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Annotated

from fastapi import Depends, Request

from rollbook.connect import exceptions as errors
from rollbook.connect.jwt import RequestTarget, RouteKind, TenantCredentials, verify_tenant_token
from rollbook.core.state import AppState, app_state
from rollbook.identity.principal import Principal
from rollbook.jira.directory import JIRA_DIRECTORY
from rollbook.tenancy.cache import TENANT_CACHE, TenantSnapshot
from rollbook.tenancy.models import HostKind


@dataclass(frozen=True)
class ConnectCaller:
    """A verified Connect request: the tenant (Jira site) and, for user requests, an account id."""

    client_key: str
    base_url: str
    account_id: str | None
    enabled: bool = True


class TokenPlace(Enum):
    """Where a route takes its token from."""

    HEADER = "header"  # API routes and lifecycle callbacks: `Authorization: JWT <token>`
    HEADER_OR_QUERY = "header-or-query"  # iframe pages: Jira puts the token in the page URL


def _header_token(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    if authorization[:4].lower() == "jwt ":
        return authorization[4:].strip()
    return None


def token_from_request(request: Request, place: TokenPlace) -> str:
    query_token = request.query_params.get("jwt")
    if place is TokenPlace.HEADER and query_token is not None:
        # Refused even beside a good header: a URL with a token in it lands in access logs,
        # history and Referer headers, and a client that sends one should learn at once.
        raise errors.TokenInQuery(
            "send the token in the Authorization header (JWT <token>), not in the jwt parameter"
        )
    token = _header_token(request)
    if token:
        return token
    if place is TokenPlace.HEADER_OR_QUERY and query_token:
        return query_token
    if place is TokenPlace.HEADER:
        raise errors.MissingToken("no JWT in the Authorization header")
    raise errors.MissingToken("no JWT in the Authorization header or the jwt parameter")


def request_target(request: Request, state: AppState) -> RequestTarget:
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    return RequestTarget(
        method=request.method,
        path=raw_path.decode("latin-1"),
        raw_query=request.scope.get("query_string", b"").decode("latin-1"),
        base_path=state.base_path,
    )


def connect_tenant(snapshot: TenantSnapshot | None) -> TenantSnapshot | None:
    """Only a Connect tenant with a shared secret can verify a Connect JWT; a Forge tenant's
    row (no secret) is as good as unknown here."""
    if snapshot is None or snapshot.host is not HostKind.CONNECT or not snapshot.shared_secret:
        return None
    return snapshot


def authenticate(request: Request, kind: RouteKind, place: TokenPlace) -> ConnectCaller:
    """Verifies the token; a disabled tenant passes (the `enabled` callback needs it to)."""
    state = app_state(request)
    token = token_from_request(request, place)
    found: list[TenantSnapshot] = []

    def find_tenant(client_key: str) -> TenantCredentials | None:
        snapshot = connect_tenant(state[TENANT_CACHE].get(client_key))
        if snapshot is not None:
            found.append(snapshot)
        return snapshot

    verified = verify_tenant_token(
        token,
        kind=kind,
        target=request_target(request, state),
        find_tenant=find_tenant,
        leeway=state.settings.jwt_leeway_seconds,
        now=state.clock(),
    )
    tenant = found[0]
    return ConnectCaller(tenant.client_key, tenant.base_url, verified.account_id, tenant.enabled)


def require_enabled(caller: ConnectCaller) -> ConnectCaller:
    """API and pages serve only enabled tenants. Checked after the token verified, so only the
    site itself learns that it is disabled."""
    if not caller.enabled:
        raise errors.TenantDisabled("the app is disabled on this Jira site")
    return caller


# Async so they run on the event loop: verification is CPU-only but for a cache miss, which
# reads one row; a thread hop per dependency would cost more than that read.
async def authenticate_api(request: Request) -> Principal:
    """API routes: a context JWT (qsh "context-qsh") of a signed-in user. The `JWT` authenticator
    of the identity dependency."""
    caller = require_enabled(authenticate(request, RouteKind.CONTEXT, TokenPlace.HEADER))
    if caller.account_id is None:
        raise errors.MissingClaim("API requests need a user (sub claim)")
    return Principal(
        tenant_key=caller.client_key,
        account_id=caller.account_id,
        host=HostKind.CONNECT,
        site_url=caller.base_url,
        jira=app_state(request)[JIRA_DIRECTORY],
    )


async def require_page_token(request: Request) -> ConnectCaller:
    """Iframe pages: a URL-bound JWT whose qsh is the hash of this very request. A disabled
    tenant gets the same 403 as on the API: Jira shows no module of a disabled app, so only a
    stale or forged page load gets here, and an empty shell would only fail on its API calls."""
    return require_enabled(authenticate(request, RouteKind.URL_BOUND, TokenPlace.HEADER_OR_QUERY))


PageUser = Annotated[ConnectCaller, Depends(require_page_token)]
