"""A request's budget of time spent waiting on Jira: the look-ups of one request together never
exceed it, whatever the number of look-ups (docs/limits.md#jira-calls)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from rollbook.jira.client import JiraBusy


class JiraBudget:
    def __init__(self, seconds: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._left = seconds
        self._clock = clock

    @property
    def left(self) -> float:
        return max(0.0, self._left)

    @asynccontextmanager
    async def spend(self) -> AsyncIterator[float]:
        """Time one look-up; yields its timeout, the budget left. Refuses when none is left."""
        if self._left <= 0:
            raise JiraBusy("this request has used up its time for Jira calls", retry_after=1)
        started = self._clock()
        try:
            yield self._left
        finally:
            self._left -= self._clock() - started
