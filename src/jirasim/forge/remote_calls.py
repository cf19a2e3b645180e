"""Calls from jirasim to an app's remote, as Forge makes them
(docs/platform.md#invokeremote-and-the-response-contract,
docs/platform.md#forge-invocation-token-fit, docs/platform.md#forge-install-signals):
`Authorization: Bearer <FIT>`, the app system token in `x-forge-oauth-system` when the endpoint
enables it, tracing headers. UI invocations (`invokeRemote`) have 25 s; event triggers 5 s."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

import httpx

from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.manifest import Endpoint, Remote
from jirasim.forge.state import ForgeState

UI_TIMEOUT_SECONDS = 25.0
EVENT_TIMEOUT_SECONDS = 5.0
# Headers the app may not set on an invocation: Forge owns authentication and framing.
_RESERVED_HEADERS = frozenset(
    {
        "authorization",
        "x-forge-oauth-system",
        "x-forge-oauth-user",
        "host",
        "content-length",
        "connection",
        "transfer-encoding",
        "cookie",
    }
)


@dataclass(frozen=True)
class RemoteTarget:
    endpoint: Endpoint
    remote: Remote

    def url(self, path: str) -> str:
        return f"{self.remote.base_url}/{path.lstrip('/')}"


def forge_headers(
    forge: ForgeState,
    installation: ForgeInstallation,
    endpoint: Endpoint,
    fit: str,
    *,
    now: float,
) -> dict[str, str]:
    """Forge's headers on a call to the remote; the system token when the endpoint enables it."""
    headers = {
        "Authorization": f"Bearer {fit}",
        "x-b3-traceid": secrets.token_hex(16),
        "x-b3-spanid": secrets.token_hex(8),
    }
    if endpoint.app_system_token:
        headers["x-forge-oauth-system"] = forge.app_tokens.issue(
            installation.installation_id, now=now
        )
    return headers


def app_headers(headers: Any) -> dict[str, str]:
    """The custom headers an `invokeRemote` call passed, minus the ones Forge owns."""
    if not isinstance(headers, dict):
        return {}
    return {
        str(name): str(value)
        for name, value in headers.items()
        if str(name).lower() not in _RESERVED_HEADERS and isinstance(value, str | int | float)
    }


def client(transport: httpx.AsyncBaseTransport | None, timeout: float) -> httpx.AsyncClient:
    # No redirects: Forge does not follow 3xx from a remote
    # (docs/platform.md#invokeremote-and-the-response-contract).
    return httpx.AsyncClient(
        transport=transport, timeout=httpx.Timeout(timeout), follow_redirects=False
    )
