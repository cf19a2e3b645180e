"""A request body size limit enforced before the app reads or authenticates anything.

A declared `Content-Length` over the limit is refused before the app runs; a body without one
(chunked) is counted as the app pulls it, and the app is cut off at the first chunk past the
limit, so no more than the limit plus one chunk is ever read. Both answer 413 with the API's
JSON error body. Pure ASGI, like the other middleware, so it costs nothing per chunk beyond a sum.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

PAYLOAD_TOO_LARGE = "payload_too_large"


class RequestBodyTooLarge(Exception):
    """Raised into the app from `receive` once the streamed body passes the limit."""


def declared_length(scope: Scope) -> int | None:
    """The request's Content-Length, or None when absent or not a number (the server
    refuses malformed ones before the app sees them)."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def too_large_body(limit: int) -> bytes:
    return json.dumps(
        {
            "error": PAYLOAD_TOO_LARGE,
            "message": f"the request body is larger than this route accepts ({limit} bytes)",
            "limit": limit,
        }
    ).encode()


class RequestBodyLimitMiddleware:
    """`limit` applies to every HTTP request; `route_limits` maps (method, path) to another
    limit (the site import, whose file is larger than any other body)."""

    def __init__(
        self, app: ASGIApp, *, limit: int, route_limits: Mapping[tuple[str, str], int]
    ) -> None:
        self.app = app
        self.limit = limit
        self.route_limits = dict(route_limits)

    def limit_for(self, scope: Scope) -> int:
        path: str = scope["path"]
        # Behind a proxy that mounts the app under a prefix, routes match without it.
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :]
        return self.route_limits.get((scope["method"], path), self.limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = declared_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(send, limit)
            return

        received = 0
        overflowed = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, overflowed
            if overflowed:
                raise RequestBodyTooLarge
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    overflowed = True
                    raise RequestBodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            # Once the body overflowed, whatever the app answers to its broken read (FastAPI
            # turns it into a 400) is dropped for the 413 below.
            if overflowed and not response_started:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not overflowed or response_started:
                raise
        if overflowed and not response_started:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send: Send, limit: int) -> None:
        body = too_large_body(limit)
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            # The rest of the body is never read, so the connection cannot carry another request.
            (b"connection", b"close"),
        ]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})
