"""Installing and uninstalling a Connect app the way Jira does
(docs/platform.md#lifecycle-and-signed-install):

fetch the descriptor, make (or keep) the clientKey and a new shared secret, and POST the signed
`installed` callback to the app: RS256 with jirasim's install key (`kid` header), `iss` =
clientKey, `aud` = the app's baseUrl, `qsh` of the callback request, 180 s lifetime. The app
verifies it with the public key from `GET /_jirasim/install-keys/{kid}`. The installation only
counts once the app answered 2xx, as in Jira.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import httpx
import jwt as pyjwt

from jirasim.api.errors import JiraError
from jirasim.api.state import SimState
from jirasim.host.installations import Installation
from jirasim.host.qsh import query_string_hash
from jirasim.host.signing import CONNECT_VERSION

LIFECYCLE_TOKEN_SECONDS = 180
SERVER_VERSION = "100305"
_TIMEOUT = httpx.Timeout(10.0)


def _client(state: SimState) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=state.app_transport, timeout=_TIMEOUT)


async def fetch_descriptor(state: SimState, descriptor_url: str) -> dict[str, Any]:
    try:
        async with _client(state) as client:
            response = await client.get(descriptor_url, headers={"Accept": "application/json"})
    except httpx.HTTPError as exc:
        raise JiraError(
            400, f"The app descriptor at {descriptor_url} could not be fetched."
        ) from exc
    if response.status_code != 200:
        raise JiraError(
            400, f"The app descriptor at {descriptor_url} answered HTTP {response.status_code}."
        )
    try:
        descriptor = response.json()
    except ValueError as exc:
        raise JiraError(400, "The app descriptor is not JSON.") from exc
    if (
        not isinstance(descriptor, dict)
        or not descriptor.get("key")
        or not descriptor.get("baseUrl")
    ):
        raise JiraError(400, "The app descriptor needs at least `key` and `baseUrl`.")
    return descriptor


def lifecycle_payload(state: SimState, app: Installation, event: str) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "key": app.key,
        "clientKey": app.client_key,
        "serverVersion": SERVER_VERSION,
        "pluginsVersion": CONNECT_VERSION,
        "baseUrl": state.base_url,
        "displayUrl": state.base_url,
        "displayUrlServicedeskHelpCenter": state.base_url,
        "productType": "jira",
        "description": f"Atlassian JIRA at {state.base_url}",
        "eventType": event,
    }
    if event == "installed":
        payload["sharedSecret"] = app.shared_secret
    return payload


def lifecycle_token(state: SimState, app: Installation, path: str, *, now: float) -> str:
    """The RS256 token of a signed-install callback to `path` (relative to the app baseUrl)."""
    target = urlsplit(path)
    issued = int(now)
    claims = {
        "iss": app.client_key,
        "aud": app.base_url,
        "qsh": query_string_hash("POST", target.path, target.query),
        "iat": issued,
        "exp": issued + LIFECYCLE_TOKEN_SECONDS,
    }
    return pyjwt.encode(
        claims,
        state.install_keys.private_key,
        algorithm="RS256",
        headers={"kid": state.install_keys.kid},
    )


async def _post_lifecycle(state: SimState, app: Installation, event: str) -> None:
    lifecycle = app.descriptor.get("lifecycle") or {}
    path = str(lifecycle.get(event) or f"/{event}")
    token = lifecycle_token(state, app, path, now=state.clock())
    url = f"{app.base_url}{path}"
    try:
        async with _client(state) as client:
            response = await client.post(
                url,
                json=lifecycle_payload(state, app, event),
                headers={"Authorization": f"JWT {token}"},
            )
    except httpx.HTTPError as exc:
        raise JiraError(
            502, f"The app host could not be reached when we tried to contact it ({event})."
        ) from exc
    if not response.is_success:
        # Jira's own wording for a refused installation; other events are named.
        during = "during installation" if event == "installed" else f"({event})"
        raise JiraError(
            400,
            f"The app host returned HTTP response code {response.status_code} when we tried "
            f"to contact it {during}.",
        )


async def install_app(state: SimState, descriptor_url: str) -> Installation:
    descriptor = await fetch_descriptor(state, descriptor_url)
    app = state.installations.prepare(descriptor, site_url=state.base_url)
    await _post_lifecycle(state, app, "installed")
    state.installations.save(app)
    return app


async def uninstall_app(state: SimState, app_key: str) -> Installation:
    app = state.installations.get(app_key)
    if app is None:
        raise JiraError(404, f"No app with key '{app_key}' is installed.")
    # The app stops working even if it refuses the callback, as when Jira uninstalls it.
    state.installations.mark_uninstalled(app_key)
    await _post_lifecycle(state, app, "uninstalled")
    return app
