"""Per-tenant limits on calls to Jira: a cap on calls in flight, and Jira's own "wait" (429 with
Retry-After) remembered until it passes.

Both fail fast instead of queueing: a request never waits behind a slow or rate-limited site,
so that site cannot tie up the server for other tenants (docs/limits.md#jira-calls)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rollbook.jira.client import JiraBusy, JiraRateLimited


class SiteGuard:
    def __init__(
        self, *, calls_in_flight: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._cap = calls_in_flight
        self._clock = clock
        self._in_flight: dict[str, int] = {}
        self._blocked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def in_flight(self, site: str) -> int:
        with self._lock:
            return self._in_flight.get(site, 0)

    def check_not_blocked(self, site: str) -> None:
        """Raise `JiraRateLimited` while Jira's Retry-After for this site has not passed."""
        with self._lock:
            self._raise_if_blocked(site)

    def _raise_if_blocked(self, site: str) -> None:
        until = self._blocked_until.get(site)
        if until is None:
            return
        left = until - self._clock()
        if left <= 0:
            del self._blocked_until[site]
            return
        raise JiraRateLimited(
            "Jira asked us to wait before calling it again", retry_after=math.ceil(left)
        )

    @contextmanager
    def call(self, site: str) -> Iterator[None]:
        """One outbound call to `site`: refused at once when the site asked us to wait or the
        tenant has its cap of calls in flight; a 429 inside is remembered for the site."""
        with self._lock:
            self._raise_if_blocked(site)
            if self._in_flight.get(site, 0) >= self._cap:
                raise JiraBusy("too many Jira calls in flight for this site", retry_after=1)
            self._in_flight[site] = self._in_flight.get(site, 0) + 1
        try:
            yield
        except JiraRateLimited as exc:
            self.back_off(site, exc.retry_after or 1)
            raise
        finally:
            with self._lock:
                left = self._in_flight[site] - 1
                if left:
                    self._in_flight[site] = left
                else:
                    del self._in_flight[site]

    def back_off(self, site: str, seconds: float) -> None:
        with self._lock:
            until = self._clock() + seconds
            self._blocked_until[site] = max(until, self._blocked_until.get(site, until))
