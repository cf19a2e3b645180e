"""Public keys for signed installs, fetched by kid from the install-keys server and cached.

A rotated key always gets a new kid (docs/platform.md#signed-install), so a kid's key never
changes and is kept for good. Anyone can send an install token with a made-up kid before any
check can fail, so fetches are bounded (docs/limits.md#jira-calls): a kid the server did not know
is remembered for a while, concurrent fetches of one kid share one call, at most
`fetches_in_flight` run at once and at most `fetches_per_minute` start per minute (a token
bucket); past either limit the install is refused at once with 401, without a fetch."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import anyio
import anyio.from_thread
import httpx
from anyio import NoEventLoopError

from rollbook.connect.exceptions import UnknownSigningKey
from rollbook.core.state import AppKey
from rollbook.jira.http import JiraHttp
from rollbook.jira.single_flight import SingleFlight
from rollbook.jira.ttl_cache import TtlCache

# kids are UUID-like; refusing anything else keeps the fetch URL under our control.
_KID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")
# Kept for good: a kid's key never changes (see above).
_KEY_SECONDS = 365 * 24 * 3600.0


@dataclass(frozen=True)
class InstallKeyLimits:
    """The settings `install_key_*`; these defaults are theirs."""

    fetches_in_flight: int = 2
    fetches_per_minute: int = 5
    failure_cache_seconds: float = 60.0
    timeout_seconds: float = 5.0


class _FetchAllowance:
    """At most `in_flight` fetches at once and `per_minute` started per minute (burst included),
    across all kids; refuses instead of queueing."""

    def __init__(self, limits: InstallKeyLimits, clock: Callable[[], float]) -> None:
        self._cap = limits.fetches_in_flight
        self._rate = limits.fetches_per_minute / 60.0
        self._burst = float(limits.fetches_per_minute)
        self._tokens = self._burst
        self._clock = clock
        self._updated = clock()
        self._in_flight = 0
        self._lock = threading.Lock()

    def take(self) -> None:
        with self._lock:
            now = self._clock()
            self._tokens = min(self._burst, self._tokens + (now - self._updated) * self._rate)
            self._updated = now
            if self._in_flight >= self._cap or self._tokens < 1:
                raise UnknownSigningKey("install key server is being asked too often; try later")
            self._tokens -= 1
            self._in_flight += 1

    def release(self) -> None:
        with self._lock:
            self._in_flight -= 1


class InstallKeyFetcher:
    def __init__(
        self,
        keys_url: str,
        *,
        http: JiraHttp | None = None,
        limits: InstallKeyLimits | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._keys_url = keys_url.rstrip("/")
        self._http = http or JiraHttp()
        self._limits = limits or InstallKeyLimits()
        self._keys: TtlCache[str, str] = TtlCache(
            success_seconds=_KEY_SECONDS,
            failure_seconds=self._limits.failure_cache_seconds,
            clock=clock,
        )
        self._flights: SingleFlight[str, str] = SingleFlight()
        self._allowance = _FetchAllowance(self._limits, clock)
        self.fetches = 0  # outbound fetches started (for tests and the bench)

    def __call__(self, kid: str) -> str:
        """The PEM public key of `kid`, for `verify_install_token` on a worker thread: the fetch
        itself runs on the event loop, through the app's one HTTP client."""
        if not _KID_PATTERN.match(kid) or kid in {".", ".."}:
            raise UnknownSigningKey("install token kid is not acceptable")
        known = self._cached(kid)
        if known is not None:
            return known
        try:
            return anyio.from_thread.run(self.fetch, kid)
        except NoEventLoopError:
            # Not on a worker thread of an event loop (a direct call): run a loop of our own.
            return anyio.run(self.fetch, kid)

    def _cached(self, kid: str) -> str | None:
        cached = self._keys.get(kid)
        if cached is None:
            return None
        key, failure, _ = cached
        if failure is not None:
            raise UnknownSigningKey(str(failure))
        return key

    async def fetch(self, kid: str) -> str:
        known = self._cached(kid)
        if known is not None:
            return known
        timeout = self._limits.timeout_seconds
        try:
            return await self._flights.run(kid, lambda: self._fetch(kid), timeout=timeout + 1)
        except TimeoutError as exc:
            raise UnknownSigningKey("install key server could not be reached") from exc

    async def _fetch(self, kid: str) -> str:
        self._allowance.take()
        self.fetches += 1
        try:
            async with self._http.client() as client:
                response = await client.get(
                    f"{self._keys_url}/{kid}", timeout=self._limits.timeout_seconds
                )
        except httpx.HTTPError as exc:
            failure = UnknownSigningKey("install key server could not be reached")
            self._keys.put_failure(kid, failure)
            raise failure from exc
        finally:
            self._allowance.release()
        if response.status_code != 200 or "BEGIN PUBLIC KEY" not in response.text:
            failure = UnknownSigningKey("install key server does not know this kid")
            self._keys.put_failure(kid, failure)
            raise failure
        self._keys.put(kid, response.text)
        return response.text


INSTALL_KEYS: AppKey[InstallKeyFetcher] = AppKey("install_keys")
