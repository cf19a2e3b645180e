"""Issue search: `/search/jql` (GET and POST), `/search/approximate-count`, and the removed
`/search` endpoints that now answer 410 (docs/platform.md#issue-search)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from jirasim.api.auth import Caller
from jirasim.api.dependencies import (
    ApiVersion,
    ReadCaller,
    StateDep,
    json_body,
    string_list,
    viewer_of,
)
from jirasim.api.errors import (
    INVALID_PAYLOAD,
    MAX_RESULTS_RANGE,
    REMOVED_SEARCH_API,
    JiraError,
    JiraJSONResponse,
    bad_request,
)
from jirasim.api.fields import IssueRenderer, check_properties, parse_expand
from jirasim.api.page_tokens import decode_page_token, encode_page_token
from jirasim.api.state import SimState
from jirasim.api.v2 import to_v2

router = APIRouter(tags=["search"])

SEARCH_BEAN_FIELDS = frozenset(
    {
        "jql",
        "nextPageToken",
        "maxResults",
        "fields",
        "expand",
        "properties",
        "fieldsByKeys",
        "failFast",
        "reconcileIssues",
    }
)
DEFAULT_MAX_RESULTS = 50
MAX_RESULTS_LIMIT = 5000
# Embedded changelogs in search results are cut to this many entries
# (docs/platform.md#enhanced-search).
SEARCH_CHANGELOG_LIMIT = 20


def _max_results(value: Any) -> int:
    if value is None:
        return DEFAULT_MAX_RESULTS
    if isinstance(value, bool):
        raise bad_request(MAX_RESULTS_RANGE)
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise bad_request(MAX_RESULTS_RANGE) from exc
    if not 1 <= number <= MAX_RESULTS_LIMIT:
        raise bad_request(MAX_RESULTS_RANGE)
    return number


def search_page(
    state: SimState,
    caller: Caller,
    version: int,
    *,
    jql: str,
    token: str | None,
    max_results: Any,
    fields: list[str] | None,
    expand: str | None,
    properties: list[str] | None,
) -> dict[str, Any]:
    """One page of a search, in the order Jira checks a request: page token, maxResults, JQL."""
    now = state.clock()
    offset = decode_page_token(token, jql, secret=state.secret, now=now) if token else 0
    requested = _max_results(max_results)
    selection = state.field_catalog.select(fields, default="id")
    expansions = parse_expand(expand)
    renderer = IssueRenderer(
        state.field_catalog,
        selection,
        expansions,
        tuple(check_properties(properties)),
        changelog_limit=SEARCH_CHANGELOG_LIMIT,
    )
    issues = state.search.search(jql, viewer_of(caller, state), now=now)
    # Jira returns at most 100 issues per page once fields or changelogs are asked for.
    cap = selection.page_cap if "changelog" not in expansions else 100
    page = issues[offset : offset + min(requested, cap)]
    body: dict[str, Any] = {"issues": [renderer.render(issue) for issue in page]}
    body.update(renderer.page_expansions())
    end = offset + len(page)
    if end < len(issues):
        body["nextPageToken"] = encode_page_token(end, jql, secret=state.secret, now=now)
        body["isLast"] = False
    else:
        body["isLast"] = True
    return to_v2(body) if version == 2 else body


@router.get("/search/jql")
def search_get(
    request: Request, state: StateDep, caller: ReadCaller, version: ApiVersion
) -> JiraJSONResponse:
    params = request.query_params
    body = search_page(
        state,
        caller,
        version,
        jql=params.get("jql", ""),
        token=params.get("nextPageToken") or None,
        max_results=params.get("maxResults"),
        fields=params.getlist("fields") or None,
        expand=params.get("expand"),
        properties=params.getlist("properties") or None,
    )
    return JiraJSONResponse(body)


@router.post("/search/jql")
async def search_post(
    request: Request, state: StateDep, caller: ReadCaller, version: ApiVersion
) -> JiraJSONResponse:
    bean = await json_body(request, SEARCH_BEAN_FIELDS)
    jql, token, expand = bean.get("jql"), bean.get("nextPageToken"), bean.get("expand")
    if not all(value is None or isinstance(value, str) for value in (jql, token, expand)):
        raise bad_request(INVALID_PAYLOAD)
    # The query runs in the threadpool, as GET's does: a long search must not block the loop.
    body = await run_in_threadpool(
        search_page,
        state,
        caller,
        version,
        jql=jql or "",
        token=token or None,
        max_results=bean.get("maxResults"),
        fields=string_list(bean, "fields"),
        expand=expand,
        properties=string_list(bean, "properties"),
    )
    return JiraJSONResponse(body)


@router.post("/search/approximate-count")
async def approximate_count(
    request: Request, state: StateDep, caller: ReadCaller
) -> JiraJSONResponse:
    bean = await json_body(request, frozenset({"jql"}))
    jql = bean.get("jql")
    if jql is not None and not isinstance(jql, str):
        raise bad_request(INVALID_PAYLOAD)
    issues = await run_in_threadpool(
        state.search.search, jql or "", viewer_of(caller, state), now=state.clock()
    )
    return JiraJSONResponse({"count": len(issues)})


@router.api_route("/search", methods=["GET", "POST"])
def removed_search() -> JiraJSONResponse:
    # Answered before authentication: the endpoint is gone for everyone.
    raise JiraError(410, REMOVED_SEARCH_API)
