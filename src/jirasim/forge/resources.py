"""Serving an installation's Custom UI resource folders, only on the resource origin: every
file under the CSP of `csp.py`, and `index.html` with the bridge script first in `<head>`, as
the Forge CLI rewrites it at packaging (docs/platform.md#custom-ui-hosting-csp-and-sandbox)."""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.responses import Response

from jirasim.api.errors import JiraError
from jirasim.api.state import SimState
from jirasim.forge.csp import content_security_policy
from jirasim.forge.installations import ForgeInstallation

BRIDGE_SCRIPT_PATH = "/_jirasim/forge/global-bridge.js"
RESOURCES_PATH = "/_jirasim/forge/resources"
_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
_HTML = re.compile(rb"<html(\s[^>]*)?>", re.IGNORECASE)


def resource_url(state: SimState, installation: ForgeInstallation, resource: str) -> str:
    """Where the frame loads a module's resource (its `index.html`)."""
    key = resource.split("/")[0]
    return (
        f"{state.forge.resource_origin}{RESOURCES_PATH}/{installation.app_uuid}/"
        f"{installation.environment_id}/{key}/"
    )


def require_resource_origin(request: Request, state: SimState) -> None:
    """Resources are cross-origin to the pages, as on a real site; refuse them on the page host
    so an app cannot pass a test only because it shares the page's origin."""
    expected = urlsplit(state.forge.resource_origin).netloc
    if request.headers.get("host", "") != expected:
        raise JiraError(404, f"Custom UI resources are served from {state.forge.resource_origin}.")


def inject_bridge(html: bytes) -> bytes:
    tag = f'<script src="{BRIDGE_SCRIPT_PATH}"></script>'.encode()
    head = _HEAD.search(html)
    if head:
        return html[: head.end()] + tag + html[head.end() :]
    root = _HTML.search(html)
    if root is None:
        # The Forge CLI refuses such an entry point (MalformedHtmlEntrypointError).
        raise JiraError(500, "The resource's index.html has no <html> element.")
    return html[: root.end()] + b"<head>" + tag + b"</head>" + html[root.end() :]


def _file_in(folder: Path, relative: str) -> Path:
    target = (folder / (relative or "index.html")).resolve()
    if not target.is_relative_to(folder) or not target.is_file():
        raise JiraError(404, "No such file in the resource.")
    return target


def serve_resource(
    state: SimState, installation: ForgeInstallation, resource_key: str, relative: str
) -> Response:
    folder = installation.manifest.resources.get(resource_key)
    if folder is None:
        raise JiraError(404, f"The app has no resource '{resource_key}'.")
    target = _file_in(folder, relative)
    content = target.read_bytes()
    media_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if target.name == "index.html" and target.parent == folder:
        content = inject_bridge(content)
    headers = {
        "Content-Security-Policy": content_security_policy(
            installation.manifest.permissions, page_origin=state.forge.base_url_origin
        ),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }
    return Response(content, media_type=media_type, headers=headers)
