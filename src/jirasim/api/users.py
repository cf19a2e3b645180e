"""Users and groups: `/myself`, `/user`, `/user/search`, `/user/groups` and `/groups/picker` — what
an app needs to know who a user is and what a report editor's user and group pickers need."""

from __future__ import annotations

import re
import uuid
from html import escape
from typing import Any

from fastapi import APIRouter, Request

from jirasim.api.dependencies import ReadCaller, StateDep, int_param
from jirasim.api.errors import USER_NOT_FOUND, JiraError, JiraJSONResponse, bad_request
from jirasim.api.fields import split_list
from jirasim.api.state import SimState
from jirasim.site import User

router = APIRouter(tags=["users"])

# The accountId prefix Atlassian gives app users.
_APP_ACCOUNT_PREFIX = "557058:"
_APP_NAMESPACE = uuid.UUID("0b7d4b6e-2f0e-4a8b-9d7c-4d1c3f7e5a21")
DEFAULT_PICKER_RESULTS = 20


def app_account_id(app_key: str) -> str:
    return _APP_ACCOUNT_PREFIX + str(uuid.uuid5(_APP_NAMESPACE, app_key))


def _with_expansions(
    state: SimState, user: User, body: dict[str, Any], expand: str | None
) -> dict[str, Any]:
    expansions = set(split_list(expand))
    groups = state.site.groups_of(user.account_id)
    body["locale"] = "en_US"
    body["groups"] = {
        "size": len(groups),
        "items": [state.lookups.group_json(name) for name in groups]
        if "groups" in expansions
        else [],
    }
    roles = [{"key": "jira-software", "name": "Jira Software"}] if groups else []
    body["applicationRoles"] = {
        "size": len(roles),
        "items": roles if "applicationRoles" in expansions else [],
    }
    body["expand"] = "groups,applicationRoles"
    return body


@router.get("/myself")
def myself(request: Request, state: StateDep, caller: ReadCaller) -> JiraJSONResponse:
    if caller.is_app:
        assert caller.app is not None
        account_id = app_account_id(caller.app.key)
        body = {
            "self": f"{state.base_url}/rest/api/3/user?accountId={account_id}",
            "accountId": account_id,
            "accountType": "app",
            "avatarUrls": {
                s: f"{state.base_url}/avatars/app.svg" for s in ("16x16", "24x24", "32x32", "48x48")
            },
            "displayName": caller.app.name,
            "active": True,
            "timeZone": "UTC",
            "locale": "en_US",
        }
        return JiraJSONResponse(body)
    user = _require_user(state, caller.account_id)
    body = user.to_json(state.base_url)
    # Users always see their own email address.
    body["emailAddress"] = user.email
    return JiraJSONResponse(_with_expansions(state, user, body, request.query_params.get("expand")))


def _require_user(state: SimState, account_id: str | None) -> User:
    user = state.lookups.user(account_id or "")
    if user is None:
        raise JiraError(404, USER_NOT_FOUND)
    return user


@router.get("/user")
def get_user(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    account_id = request.query_params.get("accountId")
    if not account_id:
        raise bad_request("The accountId query parameter needs to be provided.")
    user = _require_user(state, account_id)
    body = user.to_json(state.base_url)
    return JiraJSONResponse(_with_expansions(state, user, body, request.query_params.get("expand")))


def _matches(user: User, query: str) -> bool:
    """Jira matches the start of any word of the display name, or the start of the email."""
    needle = query.lower()
    words = re.split(r"[\s.'-]+", user.display_name.lower())
    return (
        user.email.lower().startswith(needle)
        or any(w.startswith(needle) for w in words)
        or (user.display_name.lower().startswith(needle))
    )


@router.get("/user/search")
def search_users(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    query = request.query_params.get("query")
    account_id = request.query_params.get("accountId")
    if not query and not account_id:
        raise bad_request("One of 'query' or 'accountId' query parameters must be provided.")
    start_at = int_param(request, "startAt", 0)
    max_results = int_param(request, "maxResults", 50)
    found = [
        user
        for user in state.site.users
        if (not account_id or user.account_id == account_id)
        and (not query or _matches(user, query))
    ]
    page = found[start_at : start_at + max_results]
    return JiraJSONResponse([user.to_json(state.base_url) for user in page])


@router.get("/user/groups")
def user_groups(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    account_id = request.query_params.get("accountId")
    if not account_id:
        raise bad_request("The accountId query parameter needs to be provided.")
    user = _require_user(state, account_id)
    groups = state.site.groups_of(user.account_id)
    return JiraJSONResponse([state.lookups.group_json(name) for name in groups])


def _highlight(name: str, start: int, length: int) -> str:
    if length == 0:
        return escape(name)
    end = start + length
    return f"{escape(name[:start])}<b>{escape(name[start:end])}</b>{escape(name[end:])}"


@router.get("/groups/picker")
def groups_picker(request: Request, state: StateDep, _caller: ReadCaller) -> JiraJSONResponse:
    params = request.query_params
    query = params.get("query") or ""
    case_insensitive = params.get("caseInsensitive", "false").lower() == "true"
    excluded = set(params.getlist("exclude"))
    excluded_ids = set(params.getlist("excludeId"))
    max_results = int_param(request, "maxResults", DEFAULT_PICKER_RESULTS)
    matches: list[dict[str, Any]] = []
    for name in sorted(state.site.groups):
        if name in excluded or state.lookups.group_json(name)["groupId"] in excluded_ids:
            continue
        haystack, needle = (name.lower(), query.lower()) if case_insensitive else (name, query)
        position = haystack.find(needle)
        if position < 0:
            continue
        matches.append(
            {
                "name": name,
                "html": _highlight(name, position, len(query)),
                "labels": [],
                "groupId": state.lookups.group_json(name)["groupId"],
            }
        )
    shown = matches[:max_results]
    body = {
        "header": f"Showing {len(shown)} of {len(matches)} matching groups",
        "total": len(matches),
        "groups": shown,
    }
    return JiraJSONResponse(body)
