"""jirasim's Forge endpoints under `/_jirasim/forge`:

- `POST /install {"manifestPath", "variables"}`, `GET /apps`, `POST /apps/{appUuid}/uninstall`
  (simulator admin: loopback or admin token);
- `GET /jwks.json`: the FIT signing key (Rollbook: `ROLLBOOK_FORGE_JWKS_URL`);
- calls the host page makes for a frame as the signed-in user: `POST /invoke` (invokeRemote) and
  `POST /gadget-configuration` (view.submit in a gadget's edit view);
- the frame side, on the resource origin: `GET /global-bridge.js`, `GET /resources/...`,
  `POST /csp-report`;
- `GET|DELETE /csp-violations` for tests, `POST /csp-violations` from the host page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from jirasim.api.admin import require_admin
from jirasim.api.auth import session_user
from jirasim.api.dependencies import StateDep, json_body
from jirasim.api.errors import JiraError, JiraJSONResponse
from jirasim.api.state import SimState
from jirasim.forge.context import ModuleView, bridge_context
from jirasim.forge.install import install_forge_app, page_urls
from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.invoke import InvokeFailure, invoke_remote
from jirasim.forge.resources import require_resource_origin, serve_resource
from jirasim.forge.views import resolve_view
from jirasim.site import User

router = APIRouter(prefix="/_jirasim/forge", include_in_schema=False)
STATIC = Path(__file__).resolve().parent / "static"
_VIEW_FIELDS = ("appUuid", "environmentId", "moduleKey", "projectKey", "gadgetId", "entryPoint")


def installation_json(state: SimState, installation: ForgeInstallation) -> dict[str, Any]:
    return {
        "installationId": installation.installation_id,
        "appId": installation.app_id,
        "environmentId": installation.environment_id,
        "cloudId": state.forge.cloud_id,
        "name": installation.name,
        "pages": page_urls(installation),
    }


@router.post("/install")
async def install(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    body = await json_body(request, frozenset({"manifestPath", "variables"}))
    manifest_path, variables = body.get("manifestPath"), body.get("variables") or {}
    if not isinstance(manifest_path, str) or not manifest_path:
        raise JiraError(400, "manifestPath is required.")
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        raise JiraError(400, "variables must map names to strings.")
    installation = await install_forge_app(state, manifest_path, variables)
    return JiraJSONResponse(installation_json(state, installation))


@router.get("/apps")
def list_apps(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    return JiraJSONResponse(
        [installation_json(state, i) for i in state.forge.installations.installed()]
    )


@router.post("/apps/{app_uuid}/uninstall")
def uninstall(app_uuid: str, request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    removed = state.forge.installations.remove(app_uuid)
    if removed is None:
        raise JiraError(404, "No such Forge app is installed.")
    state.forge.app_tokens.revoke(removed.installation_id)
    return JiraJSONResponse({"installationId": removed.installation_id, "uninstalled": True})


@router.get("/app-tokens")
def issued_app_tokens(request: Request, state: StateDep) -> JiraJSONResponse:
    """The app tokens jirasim has handed to remotes (admin only): tests look for them in logs."""
    require_admin(request, state)
    return JiraJSONResponse({"tokens": state.forge.app_tokens.issued()})


@router.get("/jwks.json")
def jwks(state: StateDep) -> JiraJSONResponse:
    return JiraJSONResponse(state.forge.signing_key.jwks())


# --- calls the host page makes for a frame ----------------------------------------------------


def _signed_in(request: Request, state: SimState) -> User:
    user = session_user(request, state)
    if user is None:
        raise JiraError(401, "No user is signed in to the host page.")
    return user


def _view_of(state: SimState, user: User, ref: Any) -> ModuleView:
    if not isinstance(ref, dict):
        raise JiraError(400, "view must name the module view.")
    values = {name: ref.get(name) for name in _VIEW_FIELDS}
    if not all(v is None or isinstance(v, str) for v in values.values()):
        raise JiraError(400, "view members must be strings.")
    return resolve_view(
        state,
        user,
        app_uuid=values["appUuid"] or "",
        environment_id=values["environmentId"] or "",
        module_key=values["moduleKey"] or "",
        project_key=values["projectKey"],
        gadget_id=values["gadgetId"],
        entry_point=values["entryPoint"],
    )


@router.post("/invoke")
async def invoke(request: Request, state: StateDep) -> JiraJSONResponse:
    # JSON only: a cross-site form cannot send it, so the session cookie alone is safe here.
    body = await json_body(request, frozenset({"view", "call"}))
    user = _signed_in(request, state)
    view = _view_of(state, user, body.get("view"))
    call = body.get("call")
    if not isinstance(call, dict):
        raise JiraError(400, "call must be the invoke payload.")
    try:
        payload = await invoke_remote(state, view, user, call)
    except InvokeFailure as failure:
        return JiraJSONResponse({"ok": False, "error": str(failure)})
    return JiraJSONResponse({"ok": True, "payload": payload})


@router.post("/gadget-configuration")
async def save_gadget_configuration(request: Request, state: StateDep) -> JiraJSONResponse:
    body = await json_body(request, frozenset({"view", "configuration"}))
    user = _signed_in(request, state)
    view = _view_of(state, user, body.get("view"))
    configuration = body.get("configuration")
    if view.gadget_id is None or view.entry_point != "edit":
        raise JiraError(400, "Only a gadget's edit view can submit a configuration.")
    if not isinstance(configuration, dict):
        raise JiraError(400, "The gadget configuration must be an object.")
    view.installation.gadget_configurations[view.gadget_id] = configuration
    shown = ModuleView(
        installation=view.installation,
        module=view.module,
        gadget_id=view.gadget_id,
        editable=view.editable,
    )
    return JiraJSONResponse({"context": bridge_context(state.forge, shown, user)})


# --- the frame's side, on the resource origin -------------------------------------------------


@router.get("/global-bridge.js")
def global_bridge(request: Request, state: StateDep) -> Response:
    require_resource_origin(request, state)
    script = (STATIC / "global-bridge.js").read_text(encoding="utf-8")
    # The one page origin the frame talks to, fixed when the script is served.
    script = script.replace("__JIRASIM_PAGE_ORIGIN__", json.dumps(state.forge.base_url_origin))
    return Response(
        script, media_type="application/javascript", headers={"Cache-Control": "no-store"}
    )


@router.get("/resources/{app_uuid}/{environment_id}/{resource_key}/{relative:path}")
def resource_file(
    app_uuid: str,
    environment_id: str,
    resource_key: str,
    relative: str,
    request: Request,
    state: StateDep,
) -> Response:
    require_resource_origin(request, state)
    installation = state.forge.installations.page(app_uuid, environment_id)
    if installation is None:
        raise JiraError(404, "This app is not installed.")
    return serve_resource(state, installation, resource_key, relative)


def _violation(raw: Any, source: str) -> dict[str, Any]:
    report = raw.get("csp-report", raw) if isinstance(raw, dict) else {}
    keep = {
        str(key): value
        for key, value in (report or {}).items()
        if isinstance(value, str | int | float) and len(str(value)) < 2000
    }
    return {**keep, "source": source}


@router.post("/csp-report")
async def csp_report(request: Request, state: StateDep) -> Response:
    try:
        raw = json.loads(await request.body())
    except ValueError as exc:
        raise JiraError(400, "A CSP report is JSON.") from exc
    state.forge.csp_violations.record(_violation(raw, "report-uri"))
    return Response(status_code=204)


@router.post("/csp-violations")
async def forwarded_violation(request: Request, state: StateDep) -> Response:
    body = await json_body(request, frozenset({"violation"}))
    state.forge.csp_violations.record(_violation(body.get("violation"), "bridge"))
    return Response(status_code=204)


@router.get("/csp-violations")
def csp_violations(request: Request, state: StateDep) -> JiraJSONResponse:
    require_admin(request, state)
    return JiraJSONResponse({"violations": state.forge.csp_violations.entries()})


@router.delete("/csp-violations", status_code=204)
def clear_csp_violations(request: Request, state: StateDep) -> None:
    require_admin(request, state)
    state.forge.csp_violations.clear()


@router.get("/static/forge-host.js")
def forge_host_js() -> FileResponse:
    return FileResponse(STATIC / "forge-host.js", media_type="application/javascript")
