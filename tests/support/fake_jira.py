"""A stand-in for every tenant's Jira REST API (group memberships and the ADMINISTER check) on an
httpx.MockTransport, which can fail in each way a real Jira does or hold its answers, and a
helper that waits on the event loop for a condition."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import anyio
import httpx

from support.reports import ADMIN, GROUP_MEMBER, JIRA_ADMIN

GROUP_SHARED = {
    "access": "limited",
    "administrators": [ADMIN],
    "viewer_users": [],
    "viewer_groups": ["analysts"],
}
GROUPS_PATH = "/rest/api/3/user/groups"


@dataclass
class FakeJira:
    """Answers group and ADMINISTER look-ups; `mode` makes it fail: "500", "503" (no
    Retry-After), "429" (with `retry_after`), "timeout", "garbage", or "hold" (no answer until
    `release()`; `held` counts the waiting calls)."""

    mode: str = "ok"
    retry_after: str = "30"
    groups: dict[str, list[str]] = field(
        default_factory=lambda: {GROUP_MEMBER: ["analysts"], JIRA_ADMIN: ["jira-administrators"]}
    )
    jira_admins: set[str] = field(default_factory=lambda: {JIRA_ADMIN})
    calls: list[str] = field(default_factory=list)
    held: int = 0
    _released: asyncio.Event | None = None

    def group_calls(self) -> int:
        return sum(1 for path in self.calls if path.endswith(GROUPS_PATH))

    def release(self) -> None:
        self.mode = "ok"
        if self._released is not None:
            self._released.set()

    def handler(self, request: httpx.Request) -> httpx.Response | Awaitable[httpx.Response]:
        """Synchronous but for `hold`: MockTransport awaits what an async client gets back."""
        self.calls.append(request.url.path)
        if self.mode == "hold":
            return self._answer_when_released(request)
        return self._answer(request)

    async def _answer_when_released(self, request: httpx.Request) -> httpx.Response:
        self._released = self._released or asyncio.Event()
        self.held += 1
        try:
            await self._released.wait()
        finally:
            self.held -= 1
        return self._answer(request)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        if self.mode == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if self.mode in {"500", "503"}:
            return httpx.Response(int(self.mode), json={"errorMessages": ["down"]})
        if self.mode == "429":
            return httpx.Response(429, headers={"Retry-After": self.retry_after}, json={})
        if self.mode == "garbage":
            return httpx.Response(200, content=b"<html>not json")
        if request.url.path.endswith(GROUPS_PATH):
            account_id = request.url.params.get("accountId", "")
            return httpx.Response(200, json=[{"name": g} for g in self.groups.get(account_id, [])])
        if request.url.path.endswith("/rest/api/3/permissions/check"):
            admin = json.loads(request.content)["accountId"] in self.jira_admins
            return httpx.Response(200, json={"globalPermissions": ["ADMINISTER"] if admin else []})
        return httpx.Response(404, json={})

    def transport(self) -> httpx.MockTransport:
        # MockTransport awaits a handler's awaitable answer on an async client.
        return httpx.MockTransport(self.handler)  # type: ignore[arg-type]


async def until(condition: Callable[[], bool]) -> None:
    """Wait (on the event loop) until `condition` holds; the bound only stops a broken test."""
    with anyio.fail_after(30):
        while not condition():
            await asyncio.sleep(0.005)
