"""Single issues: `GET /issue/{issueIdOrKey}` and `POST /issue/bulkfetch`
(docs/platform.md#bulk-fetch-and-single-issues).

Issues the caller may not browse are indistinguishable from missing ones: 404 for GET,
silently left out of bulkfetch.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from jirasim.api.dependencies import (
    ApiVersion,
    ReadCaller,
    StateDep,
    WriteCaller,
    json_body,
    string_list,
)
from jirasim.api.errors import ISSUE_NOT_FOUND, JiraError, JiraJSONResponse, bad_request
from jirasim.api.fields import IssueRenderer, check_properties, parse_expand
from jirasim.api.site_lookups import issue_project_key
from jirasim.api.v2 import to_v2

router = APIRouter(tags=["issues"])

BULKFETCH_LIMIT = 100
BULKFETCH_CHANGELOG_LIMIT = 40
BULKFETCH_FIELDS = frozenset({"issueIdsOrKeys", "fields", "expand", "fieldsByKeys", "properties"})


@router.get("/issue/{issue_id_or_key}")
def get_issue(
    issue_id_or_key: str,
    request: Request,
    state: StateDep,
    caller: ReadCaller,
    version: ApiVersion,
) -> JiraJSONResponse:
    issue = state.lookups.issue(issue_id_or_key)
    if issue is None or not caller.can_browse(state.site, issue_project_key(issue)):
        raise JiraError(404, ISSUE_NOT_FOUND)
    params = request.query_params
    renderer = IssueRenderer(
        state.field_catalog,
        state.field_catalog.select(params.getlist("fields") or None, default="*all"),
        parse_expand(params.get("expand")),
        tuple(check_properties(params.getlist("properties") or None)),
        per_issue_names=True,
    )
    body = renderer.render(issue)
    if "fields" not in body:
        # GET issue always answers with the issue envelope, even for `fields=id`.
        body = {
            "expand": issue["expand"],
            "id": issue["id"],
            "self": issue["self"],
            "key": issue["key"],
            "fields": {},
        }
    return JiraJSONResponse(to_v2(body) if version == 2 else body)


@router.post("/issue/bulkfetch")
async def bulkfetch(
    request: Request, state: StateDep, caller: WriteCaller, version: ApiVersion
) -> JiraJSONResponse:
    bean = await json_body(request, BULKFETCH_FIELDS)
    ids_or_keys = string_list(bean, "issueIdsOrKeys")
    if not ids_or_keys:
        raise bad_request("issueIdsOrKeys must not be empty.")
    if len(ids_or_keys) > BULKFETCH_LIMIT:
        raise bad_request(f"The number of issueIdsOrKeys must not exceed {BULKFETCH_LIMIT}.")
    renderer = IssueRenderer(
        state.field_catalog,
        state.field_catalog.select(string_list(bean, "fields"), default="*navigable"),
        parse_expand(string_list(bean, "expand")),
        tuple(check_properties(string_list(bean, "properties"))),
        changelog_limit=BULKFETCH_CHANGELOG_LIMIT,
        per_issue_names=True,
    )
    found: dict[str, dict[str, Any]] = {}
    for id_or_key in ids_or_keys:
        issue = state.lookups.issue(id_or_key.strip())
        if issue is not None and caller.can_browse(state.site, issue_project_key(issue)):
            found[str(issue["id"])] = issue
    ordered = [found[issue_id] for issue_id in sorted(found, key=int)]
    body: dict[str, Any] = {
        "issues": [renderer.render(issue) for issue in ordered],
        "issueErrors": [],
    }
    return JiraJSONResponse(to_v2(body) if version == 2 else body)
