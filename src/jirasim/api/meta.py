"""Site metadata: `/serverInfo`, `/field` (the field catalog), `/project/search`,
`/priority/search` (priorities in the site's order, highest first) and `/resolution/search`."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlencode

from fastapi import APIRouter, Request

from jirasim.api.auth import identify
from jirasim.api.dependencies import ReadCaller, StateDep, int_param
from jirasim.api.errors import JiraJSONResponse, bad_request
from jirasim.api.fields import split_list
from jirasim.dataset.catalog import (
    DEFAULT_PRIORITY,
    PRIORITIES,
    RESOLUTIONS,
    priority_details_json,
    resolution_json,
)
from jirasim.site import JsonDict

router = APIRouter(tags=["meta"])

# What Jira Cloud reports about itself (a Cloud build; Connect's own version is separate).
SERVER_VERSION = "1001.0.0-SNAPSHOT"
BUILD_NUMBER = 100305
BUILD_DATE = "2026-11-01T00:00:00.000+0000"


def _jira_time(timestamp: float) -> str:
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


@router.get("/serverInfo")
def server_info(request: Request, state: StateDep) -> JiraJSONResponse:
    # Answered anonymously, as on Jira Cloud; bad credentials are still refused.
    request.state.jirasim_auth = identify(request, state).kind.value
    body = {
        "baseUrl": state.base_url,
        "displayUrl": state.base_url,
        "version": SERVER_VERSION,
        "versionNumbers": [1001, 0, 0],
        "deploymentType": "Cloud",
        "buildNumber": BUILD_NUMBER,
        "buildDate": BUILD_DATE,
        "serverTime": _jira_time(state.clock()),
        "scmInfo": "jirasim",
        "serverTitle": "Jira",
        "serverTimeZone": "Etc/UTC",
    }
    return JiraJSONResponse(body)


@router.get("/field")
def fields(state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    return JiraJSONResponse(state.site.fields)


_PROJECT_ORDERS = {"key", "name", "category", "owner", "issueCount", "lastIssueUpdatedDate"}


@router.get("/project/search")
def search_projects(request: Request, state: StateDep, caller: ReadCaller) -> JiraJSONResponse:
    params = request.query_params
    start_at = int_param(request, "startAt", 0)
    max_results = int_param(request, "maxResults", 50)
    order_by = params.get("orderBy", "key")
    descending = order_by.startswith("-")
    order_field = order_by.lstrip("+-")
    if order_field not in _PROJECT_ORDERS:
        raise bad_request(f"Invalid orderBy value: {order_by}")
    keys = {key.upper() for key in split_list(params.getlist("keys"))}
    ids = set(split_list(params.getlist("id")))
    query = (params.get("query") or "").lower()
    type_key = params.get("typeKey")
    projects = [
        state.lookups.project_json(project)
        for project in state.site.projects
        if caller.can_browse(state.site, project.key)
        and (not keys or project.key.upper() in keys)
        and (not ids or project.id in ids)
        and (not query or query in project.key.lower() or query in project.name.lower())
    ]
    if type_key:
        wanted = set(split_list(type_key))
        projects = [p for p in projects if p["projectTypeKey"] in wanted]
    sort_key = "name" if order_field == "name" else "key"
    projects.sort(key=lambda p: str(p[sort_key]).lower(), reverse=descending)
    base = f"{state.base_url}/rest/api/3/project/search"
    return JiraJSONResponse(_page(base, projects, start_at, max_results))


@router.get("/priority/search")
def search_priorities(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    params = request.query_params
    start_at = int_param(request, "startAt", 0)
    max_results = int_param(request, "maxResults", 50)
    ids = set(split_list(params.getlist("id")))
    name = (params.get("priorityName") or "").lower()
    only_default = params.get("onlyDefault", "false").lower() == "true"
    priorities = [
        priority_details_json(priority, state.base_url)
        for priority in PRIORITIES
        if (not ids or priority.id in ids)
        and name in priority.name.lower()
        and (not only_default or priority is DEFAULT_PRIORITY)
    ]
    base = f"{state.base_url}/rest/api/3/priority/search"
    return JiraJSONResponse(_page(base, priorities, start_at, max_results))


@router.get("/resolution/search")
def search_resolutions(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    """Resolutions in the site's order (`ResolutionJsonBean`); the site sets no default one, so
    `onlyDefault=true` finds none."""
    params = request.query_params
    ids = set(split_list(params.getlist("id")))
    only_default = params.get("onlyDefault", "false").lower() == "true"
    resolutions = [
        {**resolution_json(resolution, state.base_url), "default": False}
        for resolution in RESOLUTIONS
        if (not ids or resolution.id in ids) and not only_default
    ]
    base = f"{state.base_url}/rest/api/3/resolution/search"
    start_at = int_param(request, "startAt", 0)
    max_results = int_param(request, "maxResults", 50)
    return JiraJSONResponse(_page(base, resolutions, start_at, max_results))


def _page(base: str, items: list[JsonDict], start_at: int, max_results: int) -> JsonDict:
    """Jira's offset page (`PageBean…`): `values`, `total`, `isLast` and a `nextPage` link."""
    page = items[start_at : start_at + max_results]
    is_last = start_at + len(page) >= len(items)
    body: JsonDict = {
        "self": f"{base}?{urlencode({'startAt': start_at, 'maxResults': max_results})}",
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(items),
        "isLast": is_last,
        "values": page,
    }
    if not is_last:
        following = {"startAt": start_at + len(page), "maxResults": max_results}
        body["nextPage"] = f"{base}?{urlencode(following)}"
    return body
