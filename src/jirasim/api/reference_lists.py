"""The unpaged reference lists `/project`, `/priority`, `/status` and `/issuetype`.

Jira Cloud deprecated the first two in favour of `/project/search` and `/priority/search`, but
still serves them, and the `jira` package (REST v2 by default) reads all three. They hold the
same items as the paged forms: `Project`, `Priority` and `StatusDetails` of the OpenAPI spec.
`/issuetype` lists `IssueTypeDetails` as issues embed them.
"""

from __future__ import annotations

from fastapi import APIRouter

from jirasim.api.dependencies import ApiVersion, ReadCaller, StateDep
from jirasim.api.errors import JiraJSONResponse
from jirasim.api.v2 import to_v2
from jirasim.dataset.catalog import (
    ISSUE_TYPES,
    PRIORITIES,
    STATUSES,
    issue_type_json,
    priority_details_json,
    status_json,
)
from jirasim.site import JsonDict

router = APIRouter(tags=["meta"])


def _answer(items: list[JsonDict], version: int) -> JiraJSONResponse:
    # v2 differs only in the `self` links here: none of these items hold rich text.
    return JiraJSONResponse(to_v2(items) if version == 2 else items)


@router.get("/project")
def all_projects(state: StateDep, caller: ReadCaller, version: ApiVersion) -> JiraJSONResponse:
    """Every project the caller may browse, in key order like `/project/search`'s default.
    `expand`, `recent` and `properties` are accepted and ignored (the short form is returned)."""
    projects = [
        state.lookups.project_json(project)
        for project in sorted(state.site.projects, key=lambda p: p.key.lower())
        if caller.can_browse(state.site, project.key)
    ]
    return _answer(projects, version)


@router.get("/priority")
def all_priorities(state: StateDep, _caller: ReadCaller, version: ApiVersion) -> JiraJSONResponse:
    """Every priority, highest first (Jira's order), as `/priority/search` lists them."""
    return _answer([priority_details_json(p, state.base_url) for p in PRIORITIES], version)


@router.get("/status")
def all_statuses(state: StateDep, _caller: ReadCaller, version: ApiVersion) -> JiraJSONResponse:
    """Every status of the site's workflow, in id order, as issues embed them."""
    return _answer([status_json(s, state.base_url) for s in STATUSES], version)


@router.get("/issuetype")
def all_issue_types(state: StateDep, _caller: ReadCaller, version: ApiVersion) -> JiraJSONResponse:
    """Every issue type of the site (all projects use the same scheme), in id order."""
    return _answer([issue_type_json(t, state.base_url) for t in ISSUE_TYPES], version)
