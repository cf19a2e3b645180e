"""The one dependency of every `/api` route: authenticate by the `Authorization` scheme.

`JWT …` (or a `jwt` query parameter, or nothing at all) goes to Connect, `Bearer …` to Forge.
The hosts register their authenticators in the app state, so this package imports neither."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, Request

from rollbook.core.state import AppKey, app_state
from rollbook.identity.principal import Principal
from rollbook.identity.viewer import Viewer

ApiAuthenticator = Callable[[Request], Awaitable[Principal]]
# By `Authorization` scheme ("jwt", "bearer"): the hosts feed identity.
AUTHENTICATORS: AppKey[Mapping[str, ApiAuthenticator]] = AppKey("authenticators")


class AuthScheme(StrEnum):
    CONNECT_JWT = "jwt"
    BEARER = "bearer"


def auth_scheme(request: Request) -> AuthScheme:
    authorization = request.headers.get("authorization", "")
    if authorization[:7].lower() == "bearer ":
        return AuthScheme.BEARER
    # Missing credentials stay on the Connect path: its 401 is what an iframe page expects.
    return AuthScheme.CONNECT_JWT


async def require_principal(request: Request) -> Principal:
    authenticate = app_state(request)[AUTHENTICATORS][auth_scheme(request)]
    return await authenticate(request)


PrincipalDep = Annotated[Principal, Depends(require_principal)]


async def get_viewer(request: Request) -> Viewer:
    # Calls require_principal rather than declaring it a sub-dependency: each level of FastAPI's
    # dependency solving costs time on every request, and this one is on every API route.
    principal = await require_principal(request)
    budget = app_state(request).settings.jira_request_budget_seconds
    return Viewer.of(principal, jira_budget_seconds=budget)


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
