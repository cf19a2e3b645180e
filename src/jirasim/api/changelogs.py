"""Issue changelogs: `GET /issue/{issueIdOrKey}/changelog` (one issue, offset pages) and
`POST /changelog/bulkfetch` (up to 1,000 issues, token pages, filtered by field ids)
(docs/platform.md#changelogs).

Both serve the histories the dataset generated, the ones `expand=changelog` and the JQL engine's
WAS/CHANGED read. Issues the caller may not browse are missing ones: 404 for the single issue,
silently left out of bulkfetch.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import orjson
from fastapi import APIRouter, Request

from jirasim.api.auth import CONNECT_INACCESSIBLE, Caller, authenticate
from jirasim.api.changelog_pages import bulk_entries, group_by_issue, oldest_first
from jirasim.api.dependencies import ReadCaller, StateDep, int_param, json_body, string_list
from jirasim.api.errors import INVALID_PAYLOAD, ISSUE_NOT_FOUND, JiraError, JiraJSONResponse
from jirasim.api.page_tokens import decode_page_token, encode_page_token
from jirasim.api.site_lookups import issue_project_key
from jirasim.api.state import sim_state

router = APIRouter(tags=["changelogs"])

# Jira's page size for one issue's changelog: the default and the most it returns.
ISSUE_CHANGELOG_PAGE = 100
# BulkChangelogRequestBean limits in the OpenAPI spec.
BULK_ISSUE_LIMIT = 1000
BULK_FIELD_LIMIT = 10
BULK_DEFAULT_PAGE = 1000
BULK_MAX_PAGE = 10000
BULK_BEAN_FIELDS = frozenset({"issueIdsOrKeys", "fieldIds", "maxResults", "nextPageToken"})


@router.get("/issue/{issue_id_or_key}/changelog")
def issue_changelog(
    issue_id_or_key: str, request: Request, state: StateDep, caller: ReadCaller
) -> JiraJSONResponse:
    issue = state.lookups.issue(issue_id_or_key)
    if issue is None or not caller.can_browse(state.site, issue_project_key(issue)):
        raise JiraError(404, ISSUE_NOT_FOUND)
    start_at = int_param(request, "startAt", 0)
    # Jira quietly answers at most a full page whatever maxResults asks for.
    max_results = min(int_param(request, "maxResults", ISSUE_CHANGELOG_PAGE), ISSUE_CHANGELOG_PAGE)
    histories = oldest_first(issue)
    values = histories[start_at : start_at + max_results]
    page_url = f"{state.base_url}{request.url.path}"
    body: dict[str, Any] = {
        "self": f"{page_url}?{urlencode({'startAt': start_at, 'maxResults': max_results})}",
        "maxResults": max_results,
        "startAt": start_at,
        "total": len(histories),
        "isLast": start_at + max_results >= len(histories),
        "values": values,
    }
    if not body["isLast"]:
        following = {"startAt": start_at + max_results, "maxResults": max_results}
        body["nextPage"] = f"{page_url}?{urlencode(following)}"
    return JiraJSONResponse(body)


def _bulk_caller(request: Request) -> Caller:
    # x-atlassian-connect-scope INACCESSIBLE: no Connect app may call it, whatever its scopes
    # (JWT or AP.request); people and Forge apps (read:jira-work) may.
    return authenticate(request, sim_state(request), scope=CONNECT_INACCESSIBLE)


def _request_key(ids_or_keys: list[str], field_ids: list[str] | None) -> str:
    """What a page token is bound to: the same issues and fields (maxResults may change)."""
    return orjson.dumps({"i": ids_or_keys, "f": field_ids}).decode()


def _bulk_max_results(bean: dict[str, Any]) -> int:
    value = bean.get("maxResults")
    if value is None:
        return BULK_DEFAULT_PAGE
    if isinstance(value, bool) or not isinstance(value, int):
        raise JiraError(400, INVALID_PAYLOAD)
    if not 1 <= value <= BULK_MAX_PAGE:
        raise JiraError(400, f"maxResults must be between 1 and {BULK_MAX_PAGE}.")
    return value


@router.post("/changelog/bulkfetch")
async def bulk_changelogs(request: Request, state: StateDep) -> JiraJSONResponse:
    caller = _bulk_caller(request)
    bean = await json_body(request, BULK_BEAN_FIELDS)
    ids_or_keys = string_list(bean, "issueIdsOrKeys")
    field_ids = string_list(bean, "fieldIds")
    token = bean.get("nextPageToken")
    if token is not None and not isinstance(token, str):
        raise JiraError(400, INVALID_PAYLOAD)
    if not ids_or_keys:
        raise JiraError(400, "issueIdsOrKeys must not be empty.")
    if len(ids_or_keys) > BULK_ISSUE_LIMIT:
        raise JiraError(400, f"The number of issueIdsOrKeys must not exceed {BULK_ISSUE_LIMIT}.")
    if field_ids is not None and len(field_ids) > BULK_FIELD_LIMIT:
        raise JiraError(400, f"The number of fieldIds must not exceed {BULK_FIELD_LIMIT}.")
    max_results = _bulk_max_results(bean)
    now = state.clock()
    key = _request_key(ids_or_keys, field_ids)
    offset = decode_page_token(token, key, secret=state.secret, now=now) if token else 0
    found: dict[str, dict[str, Any]] = {}
    for id_or_key in ids_or_keys:
        issue = state.lookups.issue(id_or_key.strip())
        if issue is not None and caller.can_browse(state.site, issue_project_key(issue)):
            found[str(issue["id"])] = issue
    # An empty fieldIds list filters nothing, as an absent one.
    wanted = frozenset(field_ids) if field_ids else None
    entries = bulk_entries(found.values(), wanted)
    page = entries[offset : offset + max_results]
    body: dict[str, Any] = {"issueChangeLogs": group_by_issue(page)}
    end = offset + len(page)
    if end < len(entries):
        body["nextPageToken"] = encode_page_token(end, key, secret=state.secret, now=now)
    return JiraJSONResponse(body)
