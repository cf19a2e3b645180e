"""Fault injection for the REST API: added latency, 429 rate limiting and 5xx errors.

Configured at start (CLI flags) and changed per test through `POST /_jirasim/faults`. Faults are
drawn from `random.Random(seed)`, one draw per REST request in arrival order, so a seed gives the
same sequence of faults every run. Latency is an `asyncio.sleep`, so concurrent requests still
overlap as they would against a slow Jira.

Rate-limit responses carry the headers Jira Cloud sends (docs/platform.md#rate-limits):
`Retry-After`
(seconds), `X-RateLimit-Limit/-Remaining/-Reset/-NearLimit` and `RateLimit-Reason:
jira-burst-based`; 503 also carries `Retry-After`. With `near_limit`, every other REST answer
carries `X-RateLimit-NearLimit: true`, as Jira's do when an app nears its hourly quota.

With `hold`, REST requests get no answer until `hold` is turned off again: a test holds one
site's Jira, checks what a client does meanwhile (`GET /_jirasim/faults` counts the requests
`held`), and releases them. Faults belong to one jirasim, which is one site: to slow one site
and not another, run one jirasim per site.

With `paths`, latency, 429 and 5xx faults apply only to REST paths starting with one of them
(`*` stands for one path segment, e.g. `/rest/api/3/issue/*/changelog`), and only those
requests draw from the seeded sequence: a "changelog 429 storm" leaves search alone. `hold` and
`near_limit` still apply to every REST request.
"""

from __future__ import annotations

import asyncio
import random
import re
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REST_PREFIX = "/rest/"
# The burst limit jirasim advertises in X-RateLimit-Limit (requests per second, per endpoint).
BURST_LIMIT = 100
HOLD_POLL_SECONDS = 0.01


@dataclass(frozen=True)
class FaultConfig:
    latency_ms: int = 0
    rate_429: float = 0.0
    rate_5xx: float = 0.0
    seed: int = 0
    retry_after_seconds: int = 1
    near_limit: bool = False
    hold: bool = False
    paths: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not all(isinstance(path, str) and path.startswith("/") for path in self.paths):
            raise ValueError("paths must be REST paths starting with /")
        if self.latency_ms < 0 or self.retry_after_seconds < 0:
            raise ValueError("latency_ms and retry_after_seconds must not be negative")
        if not (0 <= self.rate_429 <= 1 and 0 <= self.rate_5xx <= 1):
            raise ValueError("rates must be between 0 and 1")
        if self.rate_429 + self.rate_5xx > 1:
            raise ValueError("rate_429 + rate_5xx must not exceed 1")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "paths": list(self.paths)}

    def applies_to(self, path: str) -> bool:
        """Whether latency, 429 and 5xx faults apply to a request for `path`."""
        return not self.paths or _paths_pattern(self.paths).match(path) is not None


def _paths_pattern(paths: tuple[str, ...]) -> re.Pattern[str]:
    # Prefixes, with `*` for one path segment; cached per configuration by `re`'s own cache.
    return re.compile("|".join(re.escape(p).replace(r"\*", "[^/]*") for p in paths))


@dataclass(frozen=True)
class Fault:
    status: int
    headers: dict[str, str]
    message: str


class FaultInjector:
    def __init__(self, config: FaultConfig | None = None) -> None:
        self._lock = threading.Lock()
        self._held = 0
        self.configure(config or FaultConfig())

    @property
    def config(self) -> FaultConfig:
        return self._config

    @property
    def held(self) -> int:
        """REST requests waiting for `hold` to be turned off."""
        with self._lock:
            return self._held

    async def wait_while_held(self) -> None:
        with self._lock:
            self._held += 1
        try:
            # Polled, not an asyncio.Event: `configure` may be called from another thread
            # (in-process tests), and a hold is a test tool, not a hot path.
            while self._config.hold:
                await asyncio.sleep(HOLD_POLL_SECONDS)
        finally:
            with self._lock:
                self._held -= 1

    def configure(self, config: FaultConfig) -> None:
        """Replace the configuration and restart the seeded sequence."""
        with self._lock:
            self._config = config
            self._rng = random.Random(config.seed)  # noqa: S311 - reproducible, not secret

    def draw(self, now: float | None = None) -> Fault | None:
        with self._lock:
            config = self._config
            if config.rate_429 == 0 and config.rate_5xx == 0:
                return None
            roll = self._rng.random()
            # A second draw picks 503 or 500 so the first stays one draw per request.
            pick_503 = self._rng.random() < 0.5
        retry_after = str(config.retry_after_seconds)
        if roll < config.rate_429:
            reset = datetime.fromtimestamp(
                (time.time() if now is None else now) + config.retry_after_seconds, UTC
            ).strftime("%Y-%m-%dT%H:%MZ")
            headers = {
                "Retry-After": retry_after,
                "X-RateLimit-Limit": str(BURST_LIMIT),
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": reset,
                "X-RateLimit-NearLimit": "true",
                "RateLimit-Reason": "jira-burst-based",
            }
            return Fault(429, headers, "Rate limit exceeded.")
        if roll < config.rate_429 + config.rate_5xx:
            if pick_503:
                return Fault(503, {"Retry-After": retry_after}, "Service Unavailable")
            return Fault(500, {}, "Internal server error")
        return None


class FaultMiddleware:
    """Pure ASGI middleware in front of the REST routes (cheap on the hot path)."""

    def __init__(self, app: ASGIApp, injector: FaultInjector) -> None:
        self.app = app
        self.injector = injector

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(REST_PREFIX):
            await self.app(scope, receive, send)
            return
        if self.injector.config.hold:
            await self.injector.wait_while_held()
        config = self.injector.config
        faulty = config.applies_to(scope["path"])
        if faulty and config.latency_ms:
            await asyncio.sleep(config.latency_ms / 1000)
        fault = self.injector.draw() if faulty else None
        if fault is None:
            near_limit = self.injector.config.near_limit
            await self.app(scope, receive, _with_near_limit(send) if near_limit else send)
            return
        scope.setdefault("state", {})["jirasim_fault"] = fault.status
        body = orjson.dumps({"errorMessages": [fault.message], "errors": {}})
        headers = [(b"content-type", b"application/json;charset=UTF-8")]
        headers += [(k.lower().encode(), v.encode()) for k, v in fault.headers.items()]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": fault.status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _with_near_limit(send: Send) -> Send:
    async def send_marked(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [*message.get("headers", []), (b"x-ratelimit-nearlimit", b"true")]
            message = {**message, "headers": headers}
        await send(message)

    return send_marked
