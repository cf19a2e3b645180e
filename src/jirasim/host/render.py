"""HTML of the host page: the shared layout (top bar, user switcher, sidebar) and the app iframe
containers, whose signed URLs and Connect options travel to `host.js` as page data."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path
from string import Template
from typing import Any

from fastapi.responses import HTMLResponse

from jirasim.api.state import SimState
from jirasim.forge.navigation import forge_app_links
from jirasim.host.modules import PageModule, modules_of
from jirasim.host.signing import iframe_url
from jirasim.site import User

TEMPLATES = Path(__file__).resolve().parent / "templates"
# The user switcher offers these accounts (the dataset's fixed demo users) when present.
DEMO_EMAILS = ("admin@example.com", "member@example.com", "outsider@example.com")


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


@dataclass
class Embed:
    """One app iframe on the page."""

    module: PageModule
    container_id: str
    url: str
    options: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "container": self.container_id,
            "addon_key": self.module.app.key,
            "key": self.module.key,
            "url": self.url,
            "options": self.options,
        }

    def container_html(self) -> str:
        return (
            f'<div class="app-container" id="{escape(self.container_id)}" data-bridge="pending" '
            f'data-addon-key="{escape(self.module.app.key)}" '
            f'data-module-key="{escape(self.module.key)}"></div>'
        )


def make_embed(
    state: SimState,
    module: PageModule,
    *,
    user: User | None,
    container_id: str,
    context: dict[str, str],
    connect_context: dict[str, Any],
    options: dict[str, Any] | None = None,
) -> Embed:
    url = iframe_url(
        module.app,
        module.url,
        context=context,
        host_base_url=state.base_url,
        account_id=user.account_id if user else None,
        channel=f"channel-{module.app.key}__{module.key}",
        now=state.clock(),
    )
    merged: dict[str, Any] = {
        "moduleType": module.module_type,
        "moduleLocation": module.location,
        # Tells connect-host not to look the iframe up through jQuery (the host has none).
        "noDOM": True,
        "width": "100%",
        # What AP.context.getContext() answers inside this iframe.
        "jirasimContext": connect_context,
    }
    merged.update(options or {})
    return Embed(module, container_id, url, merged)


@dataclass
class PageFrame:
    title: str
    content: str
    current_path: str
    user: User | None
    nav: str = ""
    sidebar: str = ""
    embeds: list[Embed] = field(default_factory=list)
    full_width: bool = False
    # Forge app frames (specs for forge-host.js, see jirasim.forge.frames)
    forge_frames: list[dict[str, Any]] = field(default_factory=list)


def _user_options(state: SimState, current: User | None) -> str:
    demo = [u for email in DEMO_EMAILS for u in state.site.users if u.email == email]
    users = demo or state.site.users[:3]
    options = [] if current else ['<option value="" selected>Choose a user…</option>']
    for user in users:
        selected = " selected" if current and user.account_id == current.account_id else ""
        options.append(
            f'<option value="{escape(user.account_id)}"{selected}>'
            f"{escape(user.display_name)} ({escape(user.email)})</option>"
        )
    if current and current not in users:
        options.append(
            f'<option value="{escape(current.account_id)}" selected>'
            f"{escape(current.display_name)}</option>"
        )
    return "\n      ".join(options)


def is_admin(state: SimState, user: User | None) -> bool:
    return user is not None and user.account_id in state.site.administrators


def _app_links(state: SimState, nav: str) -> str:
    links = []
    for app in state.installations.installed():
        for module in modules_of(app, "generalPages"):
            if not module.in_top_bar:
                continue
            target = f"app:{app.key}/{module.key}"
            active = ' class="active"' if nav == target else ""
            links.append(
                f'<a{active} href="/plugins/servlet/ac/{escape(app.key)}/{escape(module.key)}">'
                f"{escape(module.name)}</a>"
            )
    links.extend(forge_app_links(state, nav))
    return "\n    ".join(links)


def _script_json(data: Any) -> str:
    # Inside <script>, "</" would end the element: escape "<" as JSON allows.
    return json.dumps(data).replace("<", "\\u003c")


def _dialog_modules(state: SimState) -> dict[str, dict[str, Any]]:
    """Each app's `dialogs` modules with their descriptor options, as Jira gives connect-host in
    `window._AP.dialogModules`: AP.dialog.create merges them (chrome defaults to true there)."""
    return {
        app.key: {
            module.key: {"options": module.descriptor.get("options") or {}}
            for module in modules_of(app, "dialogs")
        }
        for app in state.installations.installed()
    }


def render_page(state: SimState, frame: PageFrame, *, status_code: int = 200) -> HTMLResponse:
    user = frame.user
    admin_link = (
        f'<a href="/jira/settings/apps" class="{"active" if frame.nav == "admin" else ""}">'
        "Apps admin</a>"
        if is_admin(state, user)
        else ""
    )
    page_data = {
        "baseUrl": state.base_url,
        "user": (
            {
                "accountId": user.account_id,
                "displayName": user.display_name,
                "timeZone": user.time_zone,
            }
            if user
            else None
        ),
        "embeds": [embed.to_json() for embed in frame.embeds],
        "forge": frame.forge_frames,
        "dialogModules": _dialog_modules(state),
    }
    html = _template("layout.html").substitute(
        title=escape(frame.title),
        body_class="full" if frame.full_width else "",
        nav_dashboard="active" if frame.nav == "dashboard" else "",
        nav_projects="active" if frame.nav == "projects" else "",
        app_links=_app_links(state, frame.nav),
        admin_link=admin_link,
        current_path=escape(frame.current_path),
        user_options=_user_options(state, user),
        sidebar=frame.sidebar,
        content=frame.content,
        page_data=_script_json(page_data),
    )
    return HTMLResponse(html, status_code=status_code, headers={"Cache-Control": "no-store"})
