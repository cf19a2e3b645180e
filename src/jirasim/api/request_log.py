"""A bounded, in-memory log of REST calls (method, path, auth kind, status, when it arrived and
when it was answered), read by tests through `GET /_jirasim/requests` to check what a client
really sent — e.g. that the app iframe's `AP.request` reached Jira through the bridge as the
page's user, or how many requests it had in flight at once."""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jirasim.api.faults import REST_PREFIX


@dataclass(frozen=True)
class LoggedRequest:
    seq: int
    started: float
    time: float  # answered
    method: str
    path: str
    query: str
    auth: str
    app: str | None
    status: int
    fault: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class RequestLog:
    def __init__(self, capacity: int = 2000) -> None:
        self._entries: deque[LoggedRequest] = deque(maxlen=capacity)
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def record(self, **values: Any) -> None:
        with self._lock:
            self._entries.append(LoggedRequest(seq=next(self._counter), **values))

    def entries(self, *, since: int = 0, path_prefix: str = "") -> list[LoggedRequest]:
        with self._lock:
            return [e for e in self._entries if e.seq > since and e.path.startswith(path_prefix)]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def _claimed_auth(scope: Scope) -> str:
    """The credential a request carried, for requests refused before authentication finished."""
    headers = dict(scope.get("headers", []))
    authorization = headers.get(b"authorization", b"").split(b" ", 1)[0].lower()
    if authorization in {b"basic", b"jwt"}:
        return "jwt" if authorization == b"jwt" else "basic"
    if authorization == b"bearer":
        return "forge-app"
    if b"jirasim_session=" in headers.get(b"cookie", b""):
        bridged = b"x-jirasim-connect-app" in headers or b"x-jirasim-forge-app" in headers
        return "bridge" if bridged else "session"
    return "anonymous"


class RequestLogMiddleware:
    def __init__(self, app: ASGIApp, log: RequestLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(REST_PREFIX):
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.time()
        request_state = scope.setdefault("state", {})

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            headers = dict(scope.get("headers", []))
            app_key = headers.get(b"x-jirasim-connect-app")
            self.log.record(
                started=started,
                time=time.time(),
                method=scope["method"],
                # Calls through the Forge gateway keep their /ex/jira/{cloudId} path.
                path=request_state.get("jirasim_forge_path") or scope["path"],
                query=scope.get("query_string", b"").decode("latin-1"),
                auth=request_state.get("jirasim_auth") or _claimed_auth(scope),
                app=request_state.get("jirasim_app") or (app_key.decode() if app_key else None),
                status=status,
                fault="jirasim_fault" in request_state,
            )
