"""The Forge app frame on a host page: the container element tests wait on and the data
`forge-host.js` needs to mount the sandboxed iframe and answer its bridge calls."""

from __future__ import annotations

from html import escape
from typing import Any

from jirasim.api.state import SimState
from jirasim.forge.context import ModuleView, bridge_context
from jirasim.forge.resources import resource_url
from jirasim.forge.urls import page_of
from jirasim.site import User

# Forge's Custom UI iframe sandbox (docs/platform.md#custom-ui-hosting-csp-and-sandbox), with
# popups for router.open.
SANDBOX = "allow-scripts allow-same-origin allow-forms allow-downloads allow-modals allow-popups"


def view_ref(view: ModuleView) -> dict[str, str | None]:
    """How the host page names a view to jirasim's server (invoke, gadget configuration)."""
    return {
        "appUuid": view.installation.app_uuid,
        "environmentId": view.installation.environment_id,
        "moduleKey": view.module.key,
        "projectKey": view.project.key if view.project else None,
        "gadgetId": view.gadget_id,
        "entryPoint": view.entry_point,
    }


def module_pages(view: ModuleView) -> dict[str, str]:
    """Page URL of each page module of the app, for `navigate({target: 'module'})`; a project
    page only from a view of a project (it needs one)."""
    pages = {}
    for module in view.installation.manifest.modules:
        if module.type == "jira:projectPage" and view.project is None:
            continue
        project_key = view.project.key if view.project else ""
        page = page_of(view.installation, module.type, project_key)
        if page is not None:
            pages[module.key] = page
    return pages


def frame_spec(
    state: SimState,
    view: ModuleView,
    user: User,
    *,
    container_id: str,
    page_path: str | None = None,
    edit_view: ModuleView | None = None,
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "container": container_id,
        "sandbox": SANDBOX,
        "resourceOrigin": state.forge.resource_origin,
        "title": view.module.title,
        "modulePages": module_pages(view),
        # Set on full pages: the page URL the app's history paths are appended to.
        "pagePath": page_path,
        "view": {
            "frameUrl": resource_url(state, view.installation, view.resource),
            "ref": view_ref(view),
            "context": bridge_context(state.forge, view, user),
        },
        "appId": view.installation.app_id,
        "installationId": view.installation.installation_id,
    }
    if edit_view is not None:
        spec["edit"] = {
            "frameUrl": resource_url(state, edit_view.installation, edit_view.resource),
            "ref": view_ref(edit_view),
            "context": bridge_context(state.forge, edit_view, user),
        }
    return spec


def container_html(view: ModuleView, container_id: str) -> str:
    installation = view.installation
    return (
        f'<div class="app-container forge-container" id="{escape(container_id)}" '
        f'data-host="forge" data-bridge="pending" '
        f'data-app-id="{escape(installation.app_id)}" '
        f'data-module-key="{escape(view.module.key)}"></div>'
    )
