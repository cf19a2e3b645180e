"""The simulator's own control endpoints under `/_jirasim` (not part of Jira's API):

- `GET /_jirasim/faults`, `POST /_jirasim/faults` with `{latency_ms, rate_429, rate_5xx, seed,
  retry_after_seconds, near_limit, hold, paths}` (missing members keep their value; posting restarts
  the seeded sequence; `paths` limits latency, 429 and 5xx to REST paths with those prefixes).
  `GET` also counts the REST requests `held` while `hold` is on.
- `GET /_jirasim/requests?since=SEQ&path_prefix=/rest/api/3/search` and `DELETE` to clear it.

They answer callers on the loopback interface, or anyone sending the configured admin token in
`X-Jirasim-Admin-Token` (printed by `jirasim serve`).
"""

from __future__ import annotations

import hmac
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request

from jirasim.api.dependencies import StateDep, int_param, json_body
from jirasim.api.errors import JiraError, JiraJSONResponse
from jirasim.api.faults import FaultConfig
from jirasim.api.state import SimState

router = APIRouter(prefix="/_jirasim", tags=["simulator"])

ADMIN_TOKEN_HEADER = "x-jirasim-admin-token"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


def require_admin(request: Request, state: SimState) -> None:
    token = request.headers.get(ADMIN_TOKEN_HEADER)
    if token and state.admin_token and hmac.compare_digest(token, state.admin_token):
        return
    host = request.client.host if request.client else ""
    if host in _LOOPBACK:
        return
    raise JiraError(403, "The jirasim admin endpoints answer loopback clients or the admin token.")


def _paths(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(p, str) for p in value):
        raise TypeError("paths must be a list of REST path prefixes")
    return tuple(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("near_limit and hold must be true or false")
    return value


@router.get("/faults")
def get_faults(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    return JiraJSONResponse({**state.faults.config.to_json(), "held": state.faults.held})


@router.post("/faults")
async def set_faults(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    names = frozenset(asdict(FaultConfig()))
    body = await json_body(request, names)
    values: dict[str, Any] = {**state.faults.config.to_json(), **body}
    try:
        config = FaultConfig(
            latency_ms=int(values["latency_ms"]),
            rate_429=float(values["rate_429"]),
            rate_5xx=float(values["rate_5xx"]),
            seed=int(values["seed"]),
            retry_after_seconds=int(values["retry_after_seconds"]),
            near_limit=_boolean(values["near_limit"]),
            hold=_boolean(values["hold"]),
            paths=_paths(values["paths"]),
        )
    except (TypeError, ValueError) as exc:
        raise JiraError(400, str(exc)) from exc
    state.faults.configure(config)
    return JiraJSONResponse(config.to_json())


@router.get("/requests")
def get_requests(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    since = int_param(request, "since", 0)
    prefix = request.query_params.get("path_prefix", "")
    entries = state.request_log.entries(since=since, path_prefix=prefix)
    return JiraJSONResponse({"requests": [entry.to_json() for entry in entries]})


@router.delete("/requests", status_code=204)
def clear_requests(request: Request, state: StateDep) -> None:
    require_admin(request, state)
    state.request_log.clear()
