"""`invokeRemote` from a Custom UI frame (docs/platform.md#invokeremote-and-the-response-contract):
the call goes to the module's resolver
endpoint's remote with a FIT whose `context` and `principal` name the view and the signed-in
user. Answers with a JSON body (any status but 401) resolve; 401, a non-JSON body, 3xx, a
network error, a timeout (25 s) or an answer over 5 MB reject, as Forge's docs say."""

from __future__ import annotations

import json
from typing import Any

import httpx

from jirasim.api.state import SimState
from jirasim.forge.context import ModuleView, fit_context
from jirasim.forge.fit import mint_fit
from jirasim.forge.remote_calls import (
    UI_TIMEOUT_SECONDS,
    RemoteTarget,
    app_headers,
    client,
    forge_headers,
)
from jirasim.site import User

MAX_REQUEST_BYTES = 500 * 1024
MAX_RESPONSE_BYTES = 5 * 1024 * 1024
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})


class InvokeFailure(Exception):
    """The invocation rejects in the frame with this message."""


def _request_body(call: dict[str, Any]) -> bytes | None:
    body = call.get("body")
    if body is None:
        return None
    encoded = json.dumps(body).encode()
    if len(encoded) > MAX_REQUEST_BYTES:
        raise InvokeFailure("The invocation payload is over 500 KB.")
    return encoded


def _answer(response: httpx.Response) -> dict[str, Any]:
    if response.status_code == 401:
        raise InvokeFailure("Remote could not verify the Forge Invocation Token")
    if 300 <= response.status_code < 400:
        raise InvokeFailure(f"The remote answered a redirect ({response.status_code}).")
    if len(response.content) > MAX_RESPONSE_BYTES:
        raise InvokeFailure("The remote's answer is over 5 MB.")
    body: Any = None
    if response.content:
        content_type = response.headers.get("content-type", "application/json")
        if "json" not in content_type.lower():
            raise InvokeFailure(f"The remote answered with content type {content_type}.")
        try:
            body = response.json()
        except ValueError as exc:
            raise InvokeFailure("The remote's answer is not JSON.") from exc
    headers: dict[str, list[str]] = {}
    for name, value in response.headers.multi_items():
        headers.setdefault(name.lower(), []).append(value)
    payload: dict[str, Any] = {"status": response.status_code, "headers": headers}
    if body is not None:
        payload["body"] = body
    return payload


async def invoke_remote(
    state: SimState, view: ModuleView, user: User, call: dict[str, Any]
) -> dict[str, Any]:
    """Forward one `invoke` call; the payload `{status, headers, body}` or InvokeFailure."""
    endpoint_key = view.module.resolver_endpoint
    if endpoint_key is None:
        raise InvokeFailure(f"Module '{view.module.key}' has no resolver endpoint.")
    if call.get("invokeType") != "ui-remote-fetch":
        raise InvokeFailure(f"Unsupported invokeType {call.get('invokeType')!r}.")
    path, method = call.get("path"), str(call.get("method") or "GET").upper()
    if not isinstance(path, str) or not path.startswith("/") or method not in METHODS:
        raise InvokeFailure("invokeRemote needs a path starting with '/' and a known method.")
    target = RemoteTarget(*view.installation.manifest.remote_of(endpoint_key))
    now = state.clock()
    fit = mint_fit(
        state.forge,
        view.installation,
        module_type=view.module.type,
        module_key=view.module.key,
        now=now,
        context=fit_context(state.forge, view),
        principal=user.account_id,
    )
    content = _request_body(call)
    headers = app_headers(call.get("headers"))
    if content is not None:
        headers.setdefault("Content-Type", "application/json")
    headers.update(forge_headers(state.forge, view.installation, target.endpoint, fit, now=now))
    try:
        async with client(state.app_transport, UI_TIMEOUT_SECONDS) as http:
            response = await http.request(
                method, target.url(path), content=content, headers=headers
            )
    except httpx.TimeoutException as exc:
        raise InvokeFailure("The remote did not answer within 25 seconds.") from exc
    except httpx.HTTPError as exc:
        raise InvokeFailure(f"The remote could not be reached: {type(exc).__name__}.") from exc
    return _answer(response)
