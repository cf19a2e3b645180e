"""`POST /jql/parse?validation=strict|warn|none`: Jira's JQL parse endpoint, answering with the
JQL engine's structure of each query and its error messages
(docs/platform.md#error-bodies-and-jql-messages)."""

from __future__ import annotations

from typing import Literal, cast

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from jirasim.api.dependencies import ReadCaller, StateDep, json_body
from jirasim.api.errors import INVALID_PAYLOAD, JiraJSONResponse, bad_request

router = APIRouter(tags=["jql"])

VALIDATION_MODES = ("strict", "warn", "none")


@router.post("/jql/parse")
async def parse_queries(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    mode = request.query_params.get("validation", "strict")
    if mode not in VALIDATION_MODES:
        raise bad_request(f"Invalid validation mode: '{mode}'.")
    bean = await json_body(request, frozenset({"queries"}))
    queries = bean.get("queries")
    if not isinstance(queries, list) or not queries:
        raise bad_request(INVALID_PAYLOAD)
    if not all(isinstance(query, str) and query for query in queries):
        raise bad_request(INVALID_PAYLOAD)
    validation = cast(Literal["strict", "warn", "none"], mode)
    parsed = await run_in_threadpool(
        lambda: [state.search.parse(query, validation) for query in queries]
    )
    return JiraJSONResponse({"queries": parsed})
