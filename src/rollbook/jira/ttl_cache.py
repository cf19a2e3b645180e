"""Answers kept for a while: successes for one period, failures (the exception) for a shorter
one, so a down or slow Jira is asked again only after the failure window."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Entries past their time are swept once the cache holds this many, so it cannot grow without
# bound under look-ups of ever-new keys.
SWEEP_AT = 10_000


class TtlCache(Generic[K, V]):
    def __init__(
        self,
        *,
        success_seconds: float,
        failure_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._success_seconds = success_seconds
        self._failure_seconds = failure_seconds
        self._clock = clock
        self._entries: dict[K, tuple[float, V | None, Exception | None]] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> tuple[V | None, Exception | None, float] | None:
        """(value, None, _) or (None, failure, seconds left of the failure) while fresh."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            expires, value, failure = entry
            left = expires - self._clock()
            if left <= 0:
                del self._entries[key]
                return None
        return value, failure, left

    def put(self, key: K, value: V) -> None:
        self._store(key, (self._clock() + self._success_seconds, value, None))

    def put_failure(self, key: K, failure: Exception, seconds: float | None = None) -> None:
        if self._failure_seconds <= 0 and seconds is None:
            return
        window = self._failure_seconds if seconds is None else seconds
        self._store(key, (self._clock() + window, None, failure))

    def _store(self, key: K, entry: tuple[float, V | None, Exception | None]) -> None:
        with self._lock:
            if len(self._entries) >= SWEEP_AT:
                now = self._clock()
                self._entries = {k: e for k, e in self._entries.items() if e[0] > now}
            self._entries[key] = entry


def whole_seconds(left: float) -> int:
    return max(1, math.ceil(left))
