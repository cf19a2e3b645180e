"""The server's one outbound HTTP client (`httpx.AsyncClient`), for every call to Jira and to the
install-keys server. Opened and closed with the app's lifespan, so connections are pooled and no
worker thread ever waits on Jira.

An `AsyncClient` belongs to the event loop that opened it. A call from another loop (an
in-process test client without a lifespan runs each request on a loop of its own) gets a client
for that call only, instead of a pooled connection from a foreign loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from rollbook.core.state import AppKey


class JiraHttp:
    def __init__(self, transport: httpx.AsyncBaseTransport | None = None) -> None:
        # `transport` replaces the network in tests (an httpx.MockTransport).
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def open(self) -> None:
        if self._client is None:
            self._client = httpx.AsyncClient(transport=self._transport)
            self._loop = asyncio.get_running_loop()

    async def aclose(self) -> None:
        client, self._client, self._loop = self._client, None, None
        if client is not None:
            await client.aclose()

    @asynccontextmanager
    async def client(self) -> AsyncIterator[httpx.AsyncClient]:
        if self._client is not None and self._loop is asyncio.get_running_loop():
            yield self._client
            return
        client = httpx.AsyncClient(transport=self._transport)
        try:
            yield client
        finally:
            # A test's transport outlives this call; only our own connection pool is closed.
            if self._transport is None:
                await client.aclose()


JIRA_HTTP: AppKey[JiraHttp] = AppKey("jira_http")
