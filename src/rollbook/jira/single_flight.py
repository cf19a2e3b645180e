"""Concurrent identical look-ups share one call: the first caller starts it, the others await
the same result. A waiter that gives up (its own time budget) does not cancel the call for the
rest."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SingleFlight(Generic[K, V]):
    def __init__(self) -> None:
        self._calls: dict[K, asyncio.Task[V]] = {}

    def __len__(self) -> int:
        return len(self._calls)

    async def run(self, key: K, call: Callable[[], Awaitable[V]], *, timeout: float) -> V:
        loop = asyncio.get_running_loop()
        task = self._calls.get(key)
        # A call on another event loop (in-process tests only) cannot be awaited from this one.
        if task is None or task.get_loop() is not loop:
            task = loop.create_task(_awaited(call))
            self._calls[key] = task
            task.add_done_callback(lambda done: self._forget(key, done))
        return await asyncio.wait_for(asyncio.shield(task), timeout)

    def _forget(self, key: K, done: asyncio.Task[V]) -> None:
        if self._calls.get(key) is done:
            del self._calls[key]
        if not done.cancelled():
            done.exception()  # retrieved, even when every waiter gave up: no asyncio warning


async def _awaited(call: Callable[[], Awaitable[V]]) -> V:
    return await call()
