"""FastAPI glue shared by the REST routes: typed dependency aliases for the simulator state, the
authenticated caller (per Connect scope) and the REST API version of the request."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Request

from jirasim.api.auth import Caller, authenticate
from jirasim.api.errors import INVALID_PAYLOAD, JiraError, UnsupportedMediaType
from jirasim.api.searching import Viewer
from jirasim.api.state import SimState, sim_state


def _read_caller(request: Request) -> Caller:
    return authenticate(request, sim_state(request), scope="READ")


def _write_caller(request: Request) -> Caller:
    return authenticate(request, sim_state(request), scope="WRITE")


def _api_version(request: Request) -> int:
    return 2 if request.url.path.startswith("/rest/api/2/") else 3


StateDep = Annotated[SimState, Depends(sim_state)]
# Connect scope each endpoint needs, from the spec's x-atlassian-connect-scope
# (docs/platform.md#app-descriptor-and-scopes).
ReadCaller = Annotated[Caller, Depends(_read_caller)]
WriteCaller = Annotated[Caller, Depends(_write_caller)]
ApiVersion = Annotated[int, Depends(_api_version)]


def viewer_of(caller: Caller, state: SimState) -> Viewer:
    if caller.is_app:
        return Viewer(account_id=None, sees_all_projects=True)
    user = state.lookups.user(caller.account_id or "")
    return Viewer(account_id=caller.account_id, time_zone=user.time_zone if user else "UTC")


async def json_body(request: Request, allowed: frozenset[str]) -> dict[str, Any]:
    """A POST body as Jira's Jackson beans read it: JSON content type, an object, known keys."""
    content_type = request.headers.get("content-type")
    if not content_type or "json" not in content_type.lower():
        # Measured on Jira Cloud: a body-less POST is refused as an unsupported media type.
        raise UnsupportedMediaType(content_type, request.url.path)
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError as exc:
        raise JiraError(400, INVALID_PAYLOAD) from exc
    if not isinstance(body, dict):
        raise JiraError(400, INVALID_PAYLOAD)
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise JiraError(400, f'Unrecognized field "{unknown[0]}" (not marked as ignorable)')
    return body


def string_list(body: dict[str, Any], key: str) -> list[str] | None:
    """A body member that must be a list of strings (or absent/null)."""
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise JiraError(400, INVALID_PAYLOAD)
    return value


def int_param(request: Request, name: str, default: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise JiraError(400, f"The '{name}' parameter must be a number.") from exc
    if value < 0:
        raise JiraError(400, f"The '{name}' parameter must not be negative.")
    return value
