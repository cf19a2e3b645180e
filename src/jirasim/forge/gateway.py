"""The API gateway a Forge remote calls Jira through: `{site}/ex/jira/{cloudId}/rest/...` is the
site's REST API (as `https://api.atlassian.com/ex/jira/{cloudId}` is on Atlassian's cloud). The
path is rewritten to `/rest/...` so the same routes, faults and log apply; the original path is
kept on the request for the log and for the auth rule that app tokens are accepted here only."""

from __future__ import annotations

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

GATEWAY_PREFIX = "/ex/jira/"
ORIGINAL_PATH_KEY = "jirasim_forge_path"


class ForgeGatewayMiddleware:
    def __init__(self, app: ASGIApp, cloud_id: str) -> None:
        self.app = app
        self.cloud_id = cloud_id

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(GATEWAY_PREFIX):
            await self.app(scope, receive, send)
            return
        cloud_id, _, rest = path[len(GATEWAY_PREFIX) :].partition("/")
        if cloud_id != self.cloud_id or not rest.startswith("rest/"):
            await _not_found(send, f"No site with cloudId {cloud_id} has this API.")
            return
        raw_path = scope.get("raw_path") or path.encode()
        raw_rest = raw_path[len(GATEWAY_PREFIX) + len(cloud_id.encode()) :]
        state = scope.setdefault("state", {})
        state[ORIGINAL_PATH_KEY] = path
        await self.app({**scope, "path": "/" + rest, "raw_path": raw_rest}, receive, send)


async def _not_found(send: Send, message: str) -> None:
    body = orjson.dumps({"errorMessages": [message], "errors": {}})
    headers = [
        (b"content-type", b"application/json;charset=UTF-8"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 404, "headers": headers})
    await send({"type": "http.response.body", "body": body})
