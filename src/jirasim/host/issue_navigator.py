"""The issue navigator at `/issues/?jql=...` (where apps send users to see a search's issues):
the query in an editable box, the number of issues it finds for the signed-in user and their keys.
It runs the same search, with the same user's time zone and permissions, as `/search/jql`."""

from __future__ import annotations

from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jirasim.api.auth import session_user
from jirasim.api.dependencies import StateDep
from jirasim.api.errors import JiraError
from jirasim.api.searching import Viewer
from jirasim.api.state import SimState
from jirasim.host.render import PageFrame, render_page
from jirasim.site import User

router = APIRouter(tags=["host"], include_in_schema=False)

# Jira's navigator pages its list; one long page is enough for a simulator.
SHOWN_KEYS = 1000


def _search_form(jql: str) -> str:
    return (
        '<form class="issue-search" method="get" action="/issues/" role="search">'
        '<label for="navigator-jql">JQL</label> '
        f'<textarea id="navigator-jql" name="jql" rows="3" cols="80" '
        f'data-testid="navigator-jql">{escape(jql)}</textarea> '
        '<button type="submit">Search</button></form>'
    )


def _results(issues: list[dict[str, Any]]) -> str:
    count = len(issues)
    noun = "issue" if count == 1 else "issues"
    items = "".join(
        f'<li><a href="/browse/{escape(issue["key"])}" data-testid="navigator-issue">'
        f"{escape(issue['key'])}</a> {escape(str(issue['fields'].get('summary') or ''))}</li>"
        for issue in issues[:SHOWN_KEYS]
    )
    more = f'<p class="empty">Showing the first {SHOWN_KEYS}.</p>' if count > SHOWN_KEYS else ""
    return (
        f'<p data-testid="navigator-count" data-count="{count}">{count} {noun}</p>'
        f'<ul class="issue-list">{items}</ul>{more}'
    )


def navigator_content(state: SimState, user: User, jql: str) -> str:
    viewer = Viewer(account_id=user.account_id, time_zone=user.time_zone)
    try:
        issues = state.search.search(jql, viewer, now=state.clock())
    except JiraError as problem:
        messages = "".join(f"<li>{escape(message)}</li>" for message in problem.messages)
        body = f'<ul class="error" role="alert" data-testid="navigator-error">{messages}</ul>'
    else:
        body = _results(issues)
    return f"<h1>Search issues</h1>{_search_form(jql)}{body}"


@router.get("/issues/", response_class=HTMLResponse)
@router.get("/issues", response_class=HTMLResponse)
def issue_navigator(request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    jql = request.query_params.get("jql", "")
    content = (
        navigator_content(state, user, jql)
        if user is not None
        else '<h1>Search issues</h1><p class="empty">Choose a user in the top bar to search.</p>'
    )
    frame = PageFrame(
        title="Search issues", content=content, current_path=request.url.path, user=user
    )
    return render_page(state, frame)
