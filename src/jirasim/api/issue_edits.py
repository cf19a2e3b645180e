"""Editing an issue: `PUT /issue/{issueIdOrKey}` (Jira's "Edit issue", Connect scope WRITE).

jirasim edits the summary only, set through `fields` or `update` (`[{"set": ...}]`): enough for
a test to give an issue a long changelog the way a Jira user would. Any other field gets Jira's
own 400 for a field that is not on the edit screen. As in Jira, an edit that changes the value
adds one change history (by the caller, now) and moves `updated`; one that changes nothing adds
none; either way the answer is 204 with no body. `returnIssue` and issue properties are not
supported (400).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from jirasim.api.dependencies import StateDep, WriteCaller, json_body
from jirasim.api.errors import INVALID_PAYLOAD, ISSUE_NOT_FOUND, JiraError
from jirasim.api.site_lookups import issue_project_key
from jirasim.api.state import SimState
from jirasim.dataset.clock import format_timestamp

router = APIRouter(tags=["issues"])

EDIT_BEAN_FIELDS = frozenset({"fields", "update", "historyMetadata", "properties", "transition"})
EDITABLE = "summary"
SUMMARY_LIMIT = 255


def _not_editable(field_ids: list[str]) -> JiraError:
    message = "Field '{}' cannot be set. It is not on the appropriate screen, or unknown."
    return JiraError(400, [], errors={f: message.format(f) for f in field_ids})


def _new_summary(bean: dict[str, Any]) -> str | None:
    """The summary the body sets (None: it sets nothing); 400 for anything else it edits."""
    fields = bean.get("fields") or {}
    update = bean.get("update") or {}
    if not isinstance(fields, dict) or not isinstance(update, dict):
        raise JiraError(400, INVALID_PAYLOAD)
    if bean.get("properties"):
        raise JiraError(400, "jirasim does not store issue properties.")
    others = sorted({*fields, *update} - {EDITABLE})
    if others:
        raise _not_editable(others)
    if EDITABLE in fields and EDITABLE in update:
        raise JiraError(
            400, [], errors={EDITABLE: "Field summary is set in both 'fields' and 'update'."}
        )
    value: Any = fields.get(EDITABLE)
    if EDITABLE in update:
        operations = update[EDITABLE]
        one_set = (
            isinstance(operations, list)
            and len(operations) == 1
            and isinstance(operations[0], dict)
            and list(operations[0]) == ["set"]
        )
        if not one_set:
            raise JiraError(400, [], errors={EDITABLE: "The summary can only be set."})
        value = operations[0]["set"]
    elif EDITABLE not in fields:
        return None
    if not isinstance(value, str) or not value.strip():
        raise JiraError(400, [], errors={EDITABLE: "You must specify a summary of the issue."})
    if len(value) > SUMMARY_LIMIT:
        raise JiraError(400, [], errors={EDITABLE: "Summary must be less than 255 characters."})
    return value


def _next_history_id(state: SimState) -> int:
    """History ids grow with time across the site (a linear scan: edits are rare)."""
    return 1 + max(
        (
            int(history["id"])
            for issue in state.site.issues
            for history in (issue.get("changelog") or {}).get("histories") or ()
        ),
        default=0,
    )


def _record_edit(state: SimState, issue: dict[str, Any], old: str, new: str, author: Any) -> None:
    """Stores the new summary and its change history. The stored issues share sub-objects, so
    the issue gets new `fields` and `changelog` dicts rather than edits of the old ones."""
    now = format_timestamp(int(state.clock() * 1000))
    history: dict[str, Any] = {"id": str(_next_history_id(state))}
    if author is not None:
        history["author"] = author
    history["created"] = now
    history["items"] = [
        {
            "field": "summary",
            "fieldtype": "jira",
            "fieldId": "summary",
            "from": None,
            "fromString": old,
            "to": None,
            "toString": new,
        }
    ]
    # Stored most recent first, as `expand=changelog` returns them.
    histories = [history, *((issue.get("changelog") or {}).get("histories") or ())]
    issue["fields"] = {**issue["fields"], "summary": new, "updated": now}
    issue["changelog"] = {
        "startAt": 0,
        "maxResults": len(histories),
        "total": len(histories),
        "histories": histories,
    }
    state.search.issues_edited()


@router.put("/issue/{issue_id_or_key}", status_code=204)
async def edit_issue(
    issue_id_or_key: str, request: Request, state: StateDep, caller: WriteCaller
) -> Response:
    issue = state.lookups.issue(issue_id_or_key)
    if issue is None or not caller.can_browse(state.site, issue_project_key(issue)):
        raise JiraError(404, ISSUE_NOT_FOUND)
    bean = await json_body(request, EDIT_BEAN_FIELDS)
    if request.query_params.get("returnIssue") == "true":
        raise JiraError(400, "jirasim does not return the edited issue.")
    summary = _new_summary(bean)
    old = str(issue["fields"].get("summary") or "")
    if summary is not None and summary != old:
        user = state.lookups.user(caller.account_id or "")
        author = user.to_json(state.base_url) if user else None
        _record_edit(state, issue, old, summary, author)
    return Response(status_code=204)
