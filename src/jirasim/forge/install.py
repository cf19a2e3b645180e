"""Installing a Forge app on the site: read and interpolate its manifest, create the
installation, deliver the `avi:forge:installed:app` event to each trigger's endpoint on the
remote (FIT without `context`/`principal`, plus the system token), as Forge does
(docs/platform.md#forge-install-signals).
The installation only counts once the remote answered 2xx."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

import httpx

from jirasim.api.errors import JiraError
from jirasim.api.state import SimState
from jirasim.forge.fit import mint_fit
from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.manifest import ManifestError, load_manifest
from jirasim.forge.remote_calls import EVENT_TIMEOUT_SECONDS, client, forge_headers
from jirasim.forge.urls import page_of

INSTALLED_EVENT = "avi:forge:installed:app"


def installed_event(state: SimState, installation: ForgeInstallation) -> dict[str, Any]:
    return {
        "eventType": INSTALLED_EVENT,
        "id": str(uuid.uuid4()),
        "installerAccountId": installation.installer_account_id,
        "app": {"id": installation.app_id, "version": installation.app_version},
        "environment": {"id": installation.environment_id},
        "installationId": installation.installation_id,
        "context": {"cloudId": state.forge.cloud_id},
    }


async def send_event(
    state: SimState, installation: ForgeInstallation, event: str, body: dict[str, Any]
) -> None:
    """POST `body` to every trigger endpoint subscribed to `event`; raise 502 on a refusal."""
    manifest = installation.manifest
    for trigger in manifest.triggers:
        if event not in trigger.events:
            continue
        endpoint, remote = manifest.remote_of(trigger.endpoint)
        now = state.clock()
        fit = mint_fit(
            state.forge, installation, module_type="core:trigger", module_key=trigger.key, now=now
        )
        # As on Forge, the event carries an app token only when its endpoint enables one
        # (docs/platform.md#forge-install-signals).
        headers = forge_headers(state.forge, installation, endpoint, fit, now=now)
        url = f"{remote.base_url}/{(endpoint.route_path or '').lstrip('/')}"
        try:
            async with client(state.app_transport, EVENT_TIMEOUT_SECONDS) as http:
                response = await http.post(url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise JiraError(
                502, f"The {event} event could not be delivered to {url}: {type(exc).__name__}."
            ) from exc
        if not response.is_success:
            raise JiraError(
                502,
                f"The remote answered the {event} event with HTTP {response.status_code}.",
                errors={"remoteStatus": str(response.status_code)},
            )


# The install answer's name for each module type's page.
_PAGE_NAMES = {
    "jira:globalPage": "global",
    "jira:adminPage": "admin",
    "jira:projectPage": "project",
    "jira:dashboardGadget": "dashboard",
}


def page_urls(installation: ForgeInstallation) -> dict[str, str]:
    """Where each of the app's pages lives on the site; the project page with a `{projectKey}`
    placeholder, gadgets on the dashboard."""
    pages = {}
    for module in installation.manifest.modules:
        name = _PAGE_NAMES[module.type]
        pages[name] = page_of(installation, module.type, "{projectKey}") or "/"
    return pages


async def install_forge_app(
    state: SimState, manifest_path: str, variables: Mapping[str, str]
) -> ForgeInstallation:
    try:
        manifest = load_manifest(manifest_path, variables)
    except ManifestError as exc:
        raise JiraError(400, str(exc)) from exc
    installer = min(state.site.administrators, default="")
    installation = state.forge.installations.create(manifest, installer, state.forge.cloud_id)
    await send_event(state, installation, INSTALLED_EVENT, installed_event(state, installation))
    previous = state.forge.installations.by_app_uuid(installation.app_uuid)
    if previous is not None:
        state.forge.app_tokens.revoke(previous.installation_id)
    state.forge.installations.save(installation)
    return installation
