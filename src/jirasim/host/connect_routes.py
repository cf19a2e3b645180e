"""jirasim's Connect plumbing endpoints:

- `POST /_jirasim/apps/install {"descriptorUrl": ...}` and `POST /_jirasim/apps/{key}/uninstall`
  (admin: loopback or admin token), `GET /_jirasim/apps`;
- `GET /_jirasim/install-keys/{kid}`: the PEM public key of signed installs, like
  connect-install-keys.atlassian.com (for Rollbook:
  `ROLLBOOK_INSTALL_KEYS_URL=<site>/_jirasim/install-keys`);
- bridge calls the host page's JS makes for an app iframe as the signed-in user:
  `POST /_jirasim/bridge/context-token` (AP.context.getToken) and
  `GET /_jirasim/bridge/iframe-url?module=...` (signed URL of a dialog module);
- the Connect JS: `/atlassian-connect/all.js` (alias `/connect/all.js`; the app's iframe
  library) and the host's `connect-host.js`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, PlainTextResponse

from jirasim.api.admin import require_admin
from jirasim.api.auth import BRIDGE_HEADER, session_user
from jirasim.api.dependencies import StateDep, json_body
from jirasim.api.errors import JiraError, JiraJSONResponse
from jirasim.api.state import SimState
from jirasim.host.installations import Installation
from jirasim.host.lifecycle import install_app, uninstall_app
from jirasim.host.modules import find_module
from jirasim.host.render import make_embed
from jirasim.host.signing import context_token
from jirasim.site import User

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).resolve().parent / "static"
# atlassian-connect-js 5.3.190 from npm, vendored by the repository (vendor/connect-js).
CONNECT_JS_DIR = Path(
    os.environ.get(
        "JIRASIM_CONNECT_JS_DIR",
        Path(__file__).resolve().parents[3]
        / "vendor/connect-js/node_modules/atlassian-connect-js/dist",
    )
)


def _app_json(app: Installation) -> dict[str, Any]:
    return {
        "key": app.key,
        "name": app.name,
        "baseUrl": app.base_url,
        "clientKey": app.client_key,
        # Returned to the simulator's admin so tests can sign app → Jira requests.
        "sharedSecret": app.shared_secret,
        "scopes": sorted(app.scopes),
    }


@router.post("/_jirasim/apps/install")
async def install(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    body = await json_body(request, frozenset({"descriptorUrl"}))
    descriptor_url = body.get("descriptorUrl")
    if not isinstance(descriptor_url, str) or not descriptor_url:
        raise JiraError(400, "descriptorUrl is required.")
    app = await install_app(state, descriptor_url)
    return JiraJSONResponse(_app_json(app))


@router.post("/_jirasim/apps/{app_key}/uninstall")
async def uninstall(app_key: str, request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    app = await uninstall_app(state, app_key)
    return JiraJSONResponse({"key": app.key, "uninstalled": True})


@router.get("/_jirasim/apps")
def list_apps(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    return JiraJSONResponse([_app_json(app) for app in state.installations.installed()])


@router.get("/_jirasim/install-keys/{kid}")
def install_key(kid: str, state: StateDep) -> PlainTextResponse:
    if kid != state.install_keys.kid:
        return PlainTextResponse("not found", status_code=404)
    return PlainTextResponse(state.install_keys.public_pem)


def _bridge_caller(request: Request, state: SimState) -> tuple[User, Installation]:
    user = session_user(request, state)
    if user is None:
        raise JiraError(401, "No user is signed in to the host page.")
    app = state.installations.get(request.headers.get(BRIDGE_HEADER, ""))
    if app is None:
        raise JiraError(404, "The app is not installed.")
    return user, app


@router.post("/_jirasim/bridge/context-token")
def bridge_context_token(request: Request, state: StateDep) -> JiraJSONResponse:
    user, app = _bridge_caller(request, state)
    token = context_token(app, account_id=user.account_id, now=state.clock())
    return JiraJSONResponse({"token": token})


@router.get("/_jirasim/bridge/iframe-url")
def bridge_iframe_url(request: Request, state: StateDep) -> JiraJSONResponse:
    user, app = _bridge_caller(request, state)
    module = find_module([app], app.key, request.query_params.get("module", ""))
    if module is None:
        raise JiraError(404, "The app has no such module.")
    embed = make_embed(
        state, module, user=user, container_id="dialog", context={}, connect_context={"jira": {}}
    )
    return JiraJSONResponse({"url": embed.url})


def _script(path: Path) -> FileResponse:
    if not path.is_file():
        raise JiraError(404, f"{path.name} is missing; see vendor/connect-js.")
    return FileResponse(path, media_type="application/javascript")


@router.get("/atlassian-connect/all.js")
@router.get("/connect/all.js")
def connect_all_js() -> FileResponse:
    # Prefer /atlassian-connect/all.js: all.js reads its `data-options` (sizeToParent, margin)
    # only from a script whose src contains "/atlassian-connect/all" or the Atlassian CDN path.
    return _script(CONNECT_JS_DIR / "iframe.js")


@router.get("/_jirasim/static/connect-host.js")
def connect_host_js() -> FileResponse:
    return _script(CONNECT_JS_DIR / "connect-host.js")


@router.get("/_jirasim/static/{name}")
def host_asset(name: str) -> FileResponse:
    if name not in {"host.js", "host.css", "ajs-shim.js", "feature-gates.js"}:
        raise JiraError(404, "No such asset.")
    media = "application/javascript" if name.endswith(".js") else "text/css"
    return FileResponse(STATIC / name, media_type=media)
