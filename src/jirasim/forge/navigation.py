"""Where Forge apps show up in jirasim's chrome, next to Connect apps: the Apps menu (global
pages), the project sidebar (project pages), the apps admin list (admin pages) and the dashboard
(gadgets, with an "Edit" control for those who may edit the dashboard)."""

from __future__ import annotations

from html import escape
from typing import Any

from jirasim.api.state import SimState
from jirasim.forge.context import ModuleView
from jirasim.forge.frames import container_html, frame_spec
from jirasim.forge.urls import admin_page, global_page, project_page
from jirasim.forge.views import gadget_ids, may_edit_dashboard
from jirasim.site import User


def forge_app_links(state: SimState, nav: str) -> list[str]:
    links = []
    for installation in state.forge.installations.installed():
        if not installation.manifest.modules_of("jira:globalPage"):
            continue
        target = f"forge:{installation.app_uuid}"
        active = ' class="active"' if nav == target else ""
        links.append(
            f'<a{active} data-forge-app="{escape(installation.app_id)}" '
            f'href="{escape(global_page(installation))}">'
            f"{escape(installation.name)}</a>"
        )
    return links


def forge_project_links(state: SimState, project_key: str, active: str) -> list[str]:
    links = []
    for installation in state.forge.installations.installed():
        for module in installation.manifest.modules_of("jira:projectPage"):
            target = f"forge:{installation.app_uuid}"
            css = ' class="active"' if active == target else ""
            href = escape(project_page(installation, project_key))
            label = f"{module.title} (Forge)"
            links.append(f'<a{css} href="{href}">{escape(label)}</a>')
    return links


def forge_admin_cards(state: SimState) -> list[str]:
    cards = []
    for installation in state.forge.installations.installed():
        pages = "".join(
            f'<li><a href="{escape(admin_page(installation))}">{escape(m.title)}</a></li>'
            for m in installation.manifest.modules_of("jira:adminPage")
        )
        cards.append(
            f'<section class="card"><strong>{escape(installation.name)}</strong> '
            f"<code>{escape(installation.app_id)}</code><br>"
            f'<span class="empty">Forge · installation '
            f"{escape(installation.installation_id)}</span>"
            f"<ul>{pages or '<li class=empty>No admin pages</li>'}</ul></section>"
        )
    return cards


def forge_gadgets(state: SimState, user: User) -> tuple[list[str], list[dict[str, Any]]]:
    """The dashboard's Forge gadget sections and their frame specs."""
    sections, specs = [], []
    editable = may_edit_dashboard(state, user)
    for installation, module, gadget_id in gadget_ids(state):
        view = ModuleView(installation, module, gadget_id=gadget_id, editable=editable)
        edit = (
            ModuleView(installation, module, gadget_id=gadget_id, entry_point="edit", editable=True)
            if editable and module.edit_resource
            else None
        )
        container_id = f"forge-gadget-{gadget_id}"
        specs.append(frame_spec(state, view, user, container_id=container_id, edit_view=edit))
        button = (
            f'<button type="button" class="gadget-edit" data-testid="forge-gadget-edit" '
            f'data-container="{escape(container_id)}">Edit</button>'
            if edit is not None
            else ""
        )
        title = f"<h3>{escape(module.title)} <small>(Forge)</small>{button}</h3>"
        sections.append(
            f'<section class="gadget" data-host="forge" data-gadget-id="{escape(gadget_id)}">'
            f"{title}{container_html(view, container_id)}</section>"
        )
    return sections, specs
