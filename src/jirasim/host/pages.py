"""The Jira-like host pages: dashboard (app dashboard items), projects (sidebar + app project
pages), app general pages, the apps admin page (administrators only), the issue view, and the
user switcher that sets the session cookie."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from jirasim.api.auth import SESSION_COOKIE, session_user, sign_session
from jirasim.api.dependencies import StateDep
from jirasim.api.state import SimState
from jirasim.forge.navigation import (
    forge_admin_cards,
    forge_gadgets,
    forge_project_links,
)
from jirasim.host import issue_navigator, start_page
from jirasim.host.issue_page import issue_content
from jirasim.host.modules import PageModule, find_module, modules_of
from jirasim.host.render import PageFrame, is_admin, make_embed, render_page
from jirasim.site import Project, User

router = APIRouter(tags=["host"], include_in_schema=False)
# The issue navigator (/issues/?jql=) lives in its own module.
router.include_router(issue_navigator.router)
# The demo's landing page (/start): who to act as, and buttons to open the apps as each user.
router.include_router(start_page.router)

DASHBOARD_ID = "10000"


def dashboard_item_id(index: int) -> str:
    """The id of the index-th app dashboard item on the dashboard, stable across restarts."""
    return str(10000 + index)


def _frame(request: Request, user: User | None, **values: Any) -> PageFrame:
    return PageFrame(current_path=request.url.path, user=user, **values)


def _sign_in_prompt() -> str:
    return (
        '<h1>Welcome to jirasim</h1><p class="empty">Choose a user in the top bar to sign in: '
        "the site shows what that user may see, and apps run as that user. The "
        f'<a href="{start_page.START_PATH}">start page</a> says who is who.</p>'
    )


def _not_found(state: SimState, request: Request, user: User | None, message: str) -> HTMLResponse:
    frame = _frame(request, user, title="Not found", content=f"<h1>{escape(message)}</h1>")
    return render_page(state, frame, status_code=404)


def _visible_projects(state: SimState, user: User | None) -> list[Project]:
    account_id = user.account_id if user else None
    return [p for p in state.site.projects if state.site.can_browse(account_id, p.key)]


FAVICON = Path(__file__).resolve().parent / "static" / "favicon.svg"


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    """Browsers ask every site for one; a 404 here is an error in the demo's console."""
    return FileResponse(FAVICON, media_type="image/svg+xml")


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    if user is None:
        return render_page(
            state,
            _frame(request, None, title="Dashboard", content=_sign_in_prompt(), nav="dashboard"),
        )
    embeds, gadgets = [], []
    items = [
        m for app in state.installations.installed() for m in modules_of(app, "jiraDashboardItems")
    ]
    for index, module in enumerate(items):
        item_id = dashboard_item_id(index)
        context = {
            "dashboardItem.id": item_id,
            "dashboardItem.key": module.key,
            "dashboardItem.viewType": "DEFAULT",
            "dashboard.id": DASHBOARD_ID,
        }
        embed = make_embed(
            state,
            module,
            user=user,
            container_id=f"gadget-{item_id}",
            context=context,
            connect_context={
                "jira": {"dashboard": {"id": DASHBOARD_ID}, "dashboardItem": {"id": item_id}}
            },
            # The demo dashboard belongs to the Jira administrators: only they may edit it.
            options={
                "height": "320px",
                "dashboardItemEditable": user.account_id in state.site.administrators,
            },
        )
        embeds.append(embed)
        title = f"<h3>{escape(module.name)}</h3>"
        gadgets.append(
            f'<section class="gadget" data-host="connect">{title}{embed.container_html()}</section>'
        )
    forge_sections, forge_frames = forge_gadgets(state, user)
    gadgets.extend(forge_sections)
    body = "".join(gadgets) or '<p class="empty">No app provides a dashboard item yet.</p>'
    content = f'<h1>Dashboard</h1><div class="gadgets">{body}</div>'
    frame = _frame(
        request,
        user,
        title="Dashboard",
        content=content,
        nav="dashboard",
        embeds=embeds,
        forge_frames=forge_frames,
    )
    return render_page(state, frame)


def project_sidebar(
    state: SimState, user: User | None, current: Project | None, active: str
) -> str:
    links = ['<nav class="sidebar"><h2>Projects</h2>']
    for project in _visible_projects(state, user):
        css = (
            ' class="active"'
            if current and project.key == current.key and active == "overview"
            else ""
        )
        label = f"{escape(project.name)} ({escape(project.key)})"
        links.append(f'<a{css} href="/projects/{escape(project.key)}">{label}</a>')
    if current is not None:
        links.append("<h2>Apps</h2>")
        for app in state.installations.installed():
            for module in modules_of(app, "jiraProjectPages"):
                target = f"{app.key}/{module.key}"
                css = ' class="active"' if active == target else ""
                href = (
                    f"/projects/{escape(current.key)}/apps/{escape(app.key)}/{escape(module.key)}"
                )
                links.append(f'<a{css} href="{href}">{escape(module.name)}</a>')
        links.extend(forge_project_links(state, current.key, active))
    links.append("</nav>")
    return "".join(links)


@router.get("/projects", response_class=HTMLResponse)
def projects(request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    cards = "".join(
        f'<a class="card" href="/projects/{escape(p.key)}"><strong>{escape(p.name)}</strong><br>'
        f'<span class="empty">{escape(p.key)}</span></a>'
        for p in _visible_projects(state, user)
    )
    content = f'<h1>Projects</h1><div class="cards">{cards}</div>' if user else _sign_in_prompt()
    frame = _frame(
        request,
        user,
        title="Projects",
        content=content,
        nav="projects",
        sidebar=project_sidebar(state, user, None, ""),
    )
    return render_page(state, frame)


def _browsable_project(state: SimState, user: User | None, key: str) -> Project | None:
    project = state.lookups.project(key)
    if project is None or user is None or not state.site.can_browse(user.account_id, project.key):
        return None
    return project


@router.get("/projects/{project_key}", response_class=HTMLResponse)
def project_overview(project_key: str, request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    project = _browsable_project(state, user, project_key)
    if project is None:
        return _not_found(state, request, user, "This project does not exist or you cannot see it.")
    count = sum(
        1 for issue in state.site.issues if issue["fields"]["project"]["key"] == project.key
    )
    content = (
        f'<h1>{escape(project.name)}</h1><table class="fields">'
        f"<tr><th>Key</th><td>{escape(project.key)}</td></tr>"
        f"<tr><th>Issues</th><td>{count}</td></tr></table>"
    )
    frame = _frame(
        request,
        user,
        title=project.name,
        content=content,
        nav="projects",
        sidebar=project_sidebar(state, user, project, "overview"),
    )
    return render_page(state, frame)


def _module_frame(
    request: Request,
    state: SimState,
    user: User,
    module: PageModule,
    *,
    context: dict[str, str],
    connect_context: dict[str, object],
    nav: str,
    sidebar: str = "",
) -> HTMLResponse:
    embed = make_embed(
        state,
        module,
        user=user,
        container_id="app-frame",
        context=context,
        connect_context=connect_context,
        # Full-page modules may call AP.sizeToParent() to fill the window below the top bar.
        options={"isFullPage": True},
    )
    frame = _frame(
        request,
        user,
        title=module.name,
        content=embed.container_html(),
        nav=nav,
        sidebar=sidebar,
        embeds=[embed],
        full_width=not sidebar,
    )
    return render_page(state, frame)


@router.get("/projects/{project_key}/apps/{app_key}/{module_key}", response_class=HTMLResponse)
def project_app_page(
    project_key: str, app_key: str, module_key: str, request: Request, state: StateDep
) -> HTMLResponse:
    user = session_user(request, state)
    project = _browsable_project(state, user, project_key)
    module = find_module(state.installations.installed(), app_key, module_key)
    if (
        project is None
        or user is None
        or module is None
        or module.module_type != "jiraProjectPages"
    ):
        return _not_found(state, request, user, "This page does not exist or you cannot see it.")
    return _module_frame(
        request,
        state,
        user,
        module,
        context={"project.key": project.key, "project.id": project.id},
        connect_context={"jira": {"project": {"key": project.key, "id": project.id}}},
        nav="projects",
        sidebar=project_sidebar(state, user, project, f"{app_key}/{module_key}"),
    )


@router.get("/plugins/servlet/ac/{app_key}/{module_key}", response_class=HTMLResponse)
def app_page(app_key: str, module_key: str, request: Request, state: StateDep) -> HTMLResponse:
    """General pages and admin pages, at the URL Jira gives them."""
    user = session_user(request, state)
    module = find_module(state.installations.installed(), app_key, module_key)
    if user is None:
        return render_page(state, _frame(request, None, title="Sign in", content=_sign_in_prompt()))
    if module is None or module.module_type not in {"generalPages", "adminPages"}:
        return _not_found(state, request, user, "This app page does not exist.")
    if module.admin_only and not is_admin(state, user):
        return _not_found(state, request, user, "Only Jira administrators can see this page.")
    nav = "admin" if module.module_type == "adminPages" else f"app:{app_key}/{module_key}"
    return _module_frame(
        request, state, user, module, context={}, connect_context={"jira": {}}, nav=nav
    )


@router.get("/jira/settings/apps", response_class=HTMLResponse)
def apps_admin(request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    if not is_admin(state, user):
        return _not_found(state, request, user, "Only Jira administrators can see this page.")
    rows = []
    for app in state.installations.installed():
        pages = "".join(
            f'<li><a href="/plugins/servlet/ac/{escape(app.key)}/{escape(m.key)}">'
            f"{escape(m.name)}</a></li>"
            for m in modules_of(app, "adminPages")
        )
        rows.append(
            f'<section class="card"><strong>{escape(app.name)}</strong> '
            f"<code>{escape(app.key)}</code><br>"
            f'<span class="empty">{escape(app.base_url)} · '
            f"clientKey {escape(app.client_key)}</span>"
            f"<ul>{pages or '<li class=empty>No admin pages</li>'}</ul></section>"
        )
    rows.extend(forge_admin_cards(state))
    content = "<h1>Manage apps</h1>" + ("".join(rows) or '<p class="empty">No apps installed.</p>')
    return render_page(
        state, _frame(request, user, title="Manage apps", content=content, nav="admin")
    )


@router.get("/browse/{issue_key}", response_class=HTMLResponse)
def browse_issue(issue_key: str, request: Request, state: StateDep) -> HTMLResponse:
    user = session_user(request, state)
    issue = state.lookups.issue(issue_key)
    if (
        issue is None
        or user is None
        or not state.site.can_browse(user.account_id, issue["fields"]["project"]["key"])
    ):
        return _not_found(
            state, request, user, "Issue does not exist or you do not have permission to see it."
        )
    frame = _frame(
        request,
        user,
        title=f"{issue['key']} {issue['fields'].get('summary', '')}",
        content=issue_content(issue),
        nav="projects",
    )
    return render_page(state, frame)


def _safe_next(value: str) -> str:
    # Only same-site paths: never redirect to another host.
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not value.startswith("/") or value.startswith("//"):
        return "/"
    return value


@router.post("/_jirasim/session")
async def switch_user(request: Request, state: StateDep) -> Response:
    form = parse_qs((await request.body()).decode("utf-8", "replace"))
    account_id = (form.get("account_id") or [""])[0]
    target = _safe_next((form.get("next") or ["/"])[0])
    response = RedirectResponse(target, status_code=303)
    user = state.lookups.user(account_id)
    if user is None:
        response.delete_cookie(SESSION_COOKIE)
        return response
    response.set_cookie(
        SESSION_COOKIE, sign_session(user.account_id, state.secret), httponly=True, samesite="lax"
    )
    return response
