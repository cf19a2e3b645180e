"""The Forge module pages at Jira's URLs (docs/platform.md#forge-ui-modules-and-page-urls), each
with any sub-path after it (the
app's own routes through `view.createHistory`):

- global page  `/jira/apps/{appUuid}/{envId}[/...]`
- project page `/jira/software/projects/{projectKey}/apps/{appUuid}/{envId}[/...]`
- admin page   `/jira/settings/apps/{appUuid}/{envId}[/...]` (Jira administrators only)
"""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jirasim.api.auth import session_user
from jirasim.api.dependencies import StateDep
from jirasim.api.errors import JiraError
from jirasim.api.state import SimState
from jirasim.forge.frames import container_html, frame_spec
from jirasim.forge.urls import page_of
from jirasim.forge.views import resolve_view
from jirasim.host.pages import project_sidebar
from jirasim.host.render import PageFrame, render_page
from jirasim.site import User

router = APIRouter(tags=["forge"], include_in_schema=False)
CONTAINER_ID = "forge-app-frame"
_SIGN_IN = (
    '<h1>Welcome to jirasim</h1><p class="empty">Choose a user in the top bar to sign in: '
    "the site shows what that user may see, and apps run as that user.</p>"
)


def _page(
    request: Request,
    state: SimState,
    *,
    module_type: str,
    app_uuid: str,
    environment_id: str,
    nav: str,
    project_key: str | None = None,
    sidebar: str = "",
) -> HTMLResponse:
    user: User | None = session_user(request, state)
    path = request.url.path
    if user is None:
        frame = PageFrame(title="Sign in", content=_SIGN_IN, current_path=path, user=None)
        return render_page(state, frame)
    try:
        view = resolve_view(
            state,
            user,
            app_uuid=app_uuid,
            environment_id=environment_id,
            module_type=module_type,
            project_key=project_key,
        )
    except JiraError as error:
        content = f"<h1>{escape(error.messages[0])}</h1>"
        frame = PageFrame(title="Not found", content=content, current_path=path, user=user)
        return render_page(state, frame, status_code=404)
    page_path = page_of(view.installation, module_type, project_key or "")
    spec = frame_spec(state, view, user, container_id=CONTAINER_ID, page_path=page_path)
    frame = PageFrame(
        title=view.installation.name,
        content=container_html(view, CONTAINER_ID),
        current_path=path,
        user=user,
        nav=nav,
        sidebar=sidebar,
        full_width=not sidebar,
        forge_frames=[spec],
    )
    return render_page(state, frame)


@router.get("/jira/apps/{app_uuid}/{environment_id}", response_class=HTMLResponse)
@router.get("/jira/apps/{app_uuid}/{environment_id}/{sub_path:path}", response_class=HTMLResponse)
def global_page(
    app_uuid: str, environment_id: str, request: Request, state: StateDep, sub_path: str = ""
) -> HTMLResponse:
    return _page(
        request,
        state,
        module_type="jira:globalPage",
        app_uuid=app_uuid,
        environment_id=environment_id,
        nav=f"forge:{app_uuid}",
    )


@router.get("/jira/settings/apps/{app_uuid}/{environment_id}", response_class=HTMLResponse)
@router.get(
    "/jira/settings/apps/{app_uuid}/{environment_id}/{sub_path:path}", response_class=HTMLResponse
)
def admin_page(
    app_uuid: str, environment_id: str, request: Request, state: StateDep, sub_path: str = ""
) -> HTMLResponse:
    return _page(
        request,
        state,
        module_type="jira:adminPage",
        app_uuid=app_uuid,
        environment_id=environment_id,
        nav="admin",
    )


@router.get(
    "/jira/software/projects/{project_key}/apps/{app_uuid}/{environment_id}",
    response_class=HTMLResponse,
)
@router.get(
    "/jira/software/projects/{project_key}/apps/{app_uuid}/{environment_id}/{sub_path:path}",
    response_class=HTMLResponse,
)
def project_page(
    project_key: str,
    app_uuid: str,
    environment_id: str,
    request: Request,
    state: StateDep,
    sub_path: str = "",
) -> HTMLResponse:
    user = session_user(request, state)
    project = state.lookups.project(project_key)
    sidebar = (
        project_sidebar(state, user, project, f"forge:{app_uuid}")
        if project is not None and user is not None
        else ""
    )
    return _page(
        request,
        state,
        module_type="jira:projectPage",
        app_uuid=app_uuid,
        environment_id=environment_id,
        nav="projects",
        project_key=project_key,
        sidebar=sidebar,
    )
