"""The start page at `/start`, where the demo lands: who the three demo users are, what each may
do, and one button per user and installed app that signs in as that user and opens the app
(Connect general pages and Forge global pages alike)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jirasim.api.auth import session_user
from jirasim.api.dependencies import StateDep
from jirasim.api.state import SimState
from jirasim.dataset import DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER
from jirasim.forge.urls import global_page
from jirasim.host.modules import modules_of
from jirasim.host.render import PageFrame, render_page
from jirasim.site import User

router = APIRouter(tags=["host"], include_in_schema=False)
START_PATH = "/start"

# What each demo user is for, in the words a person trying the demo needs.
ROLES = {
    DEMO_ADMIN.account_id: (
        "Administrator",
        "Jira administrator: administers the example reports (edit, share, delete), sees the "
        "apps' admin pages and every project, the restricted SEC project included.",
    ),
    DEMO_MEMBER.account_id: (
        "Member",
        "A team member (jira-software-users, team-platform, team-web): views the reports open "
        "to everyone and makes their own; cannot see the restricted SEC project.",
    ),
    DEMO_OUTSIDER.account_id: (
        "Outsider",
        "In no group: sees only reports open to everyone, cannot see SEC, and is nobody's "
        "assignee. Shows what a report looks like to someone with little access.",
    ),
}


@dataclass(frozen=True)
class AppEntry:
    """Where one installed app's main page is, and on which host."""

    name: str
    host: str
    path: str


def app_entries(state: SimState) -> list[AppEntry]:
    """The installed apps' main pages: each Connect app's first general page, each Forge app's
    global page."""
    entries = []
    for app in state.installations.installed():
        pages = modules_of(app, "generalPages")
        if pages:
            page = pages[0]
            path = f"/plugins/servlet/ac/{app.key}/{page.key}"
            entries.append(AppEntry(app.name, "Connect", path))
    for installation in state.forge.installations.installed():
        global_pages = installation.manifest.modules_of("jira:globalPage")
        if global_pages:
            entries.append(AppEntry(global_pages[0].title, "Forge", global_page(installation)))
    return entries


def _open_button(user: User, entry: AppEntry) -> str:
    """A form that signs in as `user` (the user switcher's own route) and goes to the app."""
    label = f"Open {entry.name} on {entry.host} as {user.display_name}"
    return (
        '<form method="post" action="/_jirasim/session" class="start-open">'
        f'<input type="hidden" name="account_id" value="{escape(user.account_id)}">'
        f'<input type="hidden" name="next" value="{escape(entry.path)}">'
        f'<button type="submit" aria-label="{escape(label)}" data-testid="start-open">'
        f"{escape(entry.name)} on {escape(entry.host)}</button></form>"
    )


def _demo_users(state: SimState) -> list[User]:
    return [user for user in state.site.users if user.account_id in ROLES]


def start_content(state: SimState) -> str:
    entries = app_entries(state)
    rows = []
    for user in _demo_users(state):
        role, what = ROLES[user.account_id]
        buttons = "".join(_open_button(user, entry) for entry in entries) or (
            '<span class="empty">No app is installed yet.</span>'
        )
        rows.append(
            f'<tr data-testid="start-user" data-account-id="{escape(user.account_id)}">'
            f'<th scope="row">{escape(user.display_name)}<br>'
            f'<span class="empty">{escape(user.email)} · API token '
            f"<code>{escape(user.api_token)}</code></span></th>"
            f"<td><strong>{escape(role)}</strong><br>{escape(what)}</td>"
            f"<td>{buttons}</td></tr>"
        )
    return (
        "<h1>Start here: choose who to act as</h1>"
        "<p>This is jirasim, a simulated Jira Cloud site with generated issues. Each button "
        "signs you in as that user and opens the app; the user switcher in the top bar changes "
        "user at any time. Apps run as the signed-in user, so each user sees what their Jira "
        "permissions allow.</p>"
        '<table class="start-users"><thead><tr><th scope="col">User</th>'
        '<th scope="col">Role</th><th scope="col">Open</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


@router.get(START_PATH, response_class=HTMLResponse)
def start(request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    frame = PageFrame(
        title="Start here",
        content=start_content(state),
        current_path=request.url.path,
        user=user,
    )
    return render_page(state, frame)
