"""The iframe pages. Each requires a URL-bound JWT from Jira and renders a small HTML shell;
everything else happens in the client bundle."""

from __future__ import annotations

import json
from functools import cache
from html import escape
from pathlib import Path
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from rollbook.connect.dependencies import PageUser
from rollbook.core.state import app_state

router = APIRouter(tags=["pages"])
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
PageName = Literal["reports", "project", "admin", "gadget", "confirm"]


@cache
def _bundle_assets(manifest_path: Path) -> tuple[list[str], list[str]]:
    """Script and stylesheet URLs of the client entry, from Vite's build manifest."""
    if not manifest_path.exists():
        return [], []
    manifest = json.loads(manifest_path.read_text())
    entry = next((item for item in manifest.values() if item.get("isEntry")), None)
    if entry is None:
        return [], []
    return [f"/static/app/{entry['file']}"], [f"/static/app/{css}" for css in entry.get("css", [])]


def render_page(page: str, connect_js_url: str, context: dict[str, str]) -> str:
    scripts, styles = _bundle_assets(STATIC_DIR / "app" / ".vite" / "manifest.json")
    data_attributes = " ".join(
        f'data-{escape(key)}="{escape(value)}"' for key, value in sorted(context.items())
    )
    style_tags = "".join(f'<link rel="stylesheet" href="{escape(href)}">' for href in styles)
    script_tags = "".join(f'<script type="module" src="{escape(src)}"></script>' for src in scripts)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<title>Rollbook</title><link rel="icon" href="/favicon.ico" type="image/svg+xml">'
        f"{style_tags}"
        f'<script src="{escape(connect_js_url)}" data-options="sizeToParent:true;margin:false">'
        "</script></head>"
        f'<body><div id="root" class="ac-content" data-page="{escape(page)}" {data_attributes}>'
        f"</div>{script_tags}</body></html>"
    )


def _page(request: Request, page: PageName) -> HTMLResponse:
    allowed = {"projectKey", "projectId", "dashboardItemId", "dashboardId", "view"}
    context = {key: value for key, value in request.query_params.items() if key in allowed}
    html = render_page(page, app_state(request).settings.connect_js_url, context)
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


@router.get("/ui/reports", response_class=HTMLResponse)
def reports_page(request: Request, _user: PageUser) -> HTMLResponse:
    return _page(request, "reports")


@router.get("/ui/project", response_class=HTMLResponse)
def project_page(request: Request, _user: PageUser) -> HTMLResponse:
    return _page(request, "project")


@router.get("/ui/admin", response_class=HTMLResponse)
def admin_page(request: Request, _user: PageUser) -> HTMLResponse:
    return _page(request, "admin")


@router.get("/ui/gadget", response_class=HTMLResponse)
def gadget_page(request: Request, _user: PageUser) -> HTMLResponse:
    return _page(request, "gadget")


@router.get("/ui/confirm", response_class=HTMLResponse)
def confirm_page(request: Request, _user: PageUser) -> HTMLResponse:
    """The `confirm` dialog module: a question the app asks in Jira's modal dialog."""
    return _page(request, "confirm")


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> FileResponse:
    """Rollbook's icon (the descriptor's too), for a page opened on its own: browsers ask every
    site for /favicon.ico, and a 404 is an error in the console."""
    return FileResponse(STATIC_DIR / "icon.svg", media_type="image/svg+xml")
