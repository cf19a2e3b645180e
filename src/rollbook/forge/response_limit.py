"""Forge Remote drops an answer over 5 MB (docs/platform.md#invokeremote-and-the-response-contract)
and the frame would see only a failed
invocation. For Forge calls, an answer that declares a larger body is replaced by a 413 with a
JSON error the client can show (a site export that large needs the operator CLI instead)."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

FORGE_RESPONSE_LIMIT = 5 * 1024 * 1024


def is_forge_call(scope: Scope) -> bool:
    headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
    return any(
        name == b"authorization" and value[:7].lower() == b"bearer " for name, value in headers
    )


class ForgeResponseLimitMiddleware:
    def __init__(self, app: ASGIApp, limit: int = FORGE_RESPONSE_LIMIT) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_forge_call(scope):
            await self.app(scope, receive, send)
            return
        refused = False

        async def limited_send(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start":
                length = dict(message.get("headers", [])).get(b"content-length", b"0")
                if int(length or 0) > self.limit:
                    refused = True
                    await self._refuse(send)
                    return
            if not refused:
                await send(message)

        await self.app(scope, receive, limited_send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": "response_too_large",
                "message": "The answer is over Forge's 5 MB limit; use the rollbook CLI "
                "(rollbook export) for a site this large.",
            }
        ).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
