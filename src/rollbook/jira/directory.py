"""Who a user is in Jira: group memberships and the Jira administrator permission.

Every look-up goes through the tenant's `SiteGuard` (a cap on calls in flight, Jira's
Retry-After remembered) and the request's `JiraBudget`. Group memberships are cached per
(tenant, user): answers for `group_cache_seconds`, failures for `failure_cache_seconds`, and
concurrent identical look-ups share one call. Any failure raises `JiraUnavailable`, so callers
deny access instead of guessing."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from rollbook.core.state import AppKey
from rollbook.jira.budget import JiraBudget
from rollbook.jira.client import JiraBusy, JiraClient, JiraRateLimited, JiraUnavailable
from rollbook.jira.single_flight import SingleFlight
from rollbook.jira.site_guard import SiteGuard
from rollbook.jira.ttl_cache import TtlCache, whole_seconds

GROUPS_PATH = "/rest/api/3/user/groups"
PERMISSIONS_PATH = "/rest/api/3/permissions/check"


class JiraDirectory(Protocol):
    def cached_groups_of(self, client_key: str, account_id: str) -> frozenset[str] | None:
        """The groups if already known (no call to Jira), else None."""
        ...

    async def groups_of(
        self, client_key: str, account_id: str, *, budget: JiraBudget | None = None
    ) -> frozenset[str]: ...

    async def is_jira_admin(
        self, client_key: str, account_id: str, *, budget: JiraBudget | None = None
    ) -> bool: ...


@dataclass(frozen=True)
class JiraLimits:
    """docs/limits.md#jira-calls; the defaults are the settings' defaults."""

    group_cache_seconds: float = 60.0
    failure_cache_seconds: float = 10.0
    calls_per_tenant: int = 4
    request_budget_seconds: float = 5.0


class _Shared:
    """What every connector of one app shares: caches, calls in flight, the per-site guard."""

    def __init__(self, limits: JiraLimits) -> None:
        self.limits = limits
        self.groups: TtlCache[tuple[str, str], frozenset[str]] = TtlCache(
            success_seconds=limits.group_cache_seconds,
            failure_seconds=limits.failure_cache_seconds,
        )
        self.flights: SingleFlight[tuple[str, str], frozenset[str]] = SingleFlight()
        self.guard = SiteGuard(calls_in_flight=limits.calls_per_tenant)


class HttpJiraDirectory:
    """Asks Jira over HTTP. `connect(tenant_key)` gives a client that calls Jira as the app."""

    def __init__(
        self, connect: Callable[[str], JiraClient], *, limits: JiraLimits | None = None
    ) -> None:
        self._connect = connect
        self._shared = _Shared(limits or JiraLimits())

    @property
    def guard(self) -> SiteGuard:
        return self._shared.guard

    def using(self, connect: Callable[[str], JiraClient]) -> HttpJiraDirectory:
        """The same caches and limits, reaching Jira another way: a Forge request's app token is
        good for that request only, so each Forge request gets its own connector."""
        directory = copy.copy(self)  # shallow: `_shared` stays the same object
        directory._connect = connect
        return directory

    def cached_groups_of(self, client_key: str, account_id: str) -> frozenset[str] | None:
        cached = self._shared.groups.get((client_key, account_id))
        return cached[0] if cached is not None and cached[1] is None else None

    def _budget(self, budget: JiraBudget | None) -> JiraBudget:
        return budget or JiraBudget(self._shared.limits.request_budget_seconds)

    async def groups_of(
        self, client_key: str, account_id: str, *, budget: JiraBudget | None = None
    ) -> frozenset[str]:
        key = (client_key, account_id)
        cached = self._shared.groups.get(key)
        if cached is not None:
            groups, failure, left = cached
            if failure is None and groups is not None:
                return groups
            raise JiraUnavailable(str(failure), retry_after=whole_seconds(left)) from failure
        # A site that asked us to wait is not asked, not even by a shared call.
        self._shared.guard.check_not_blocked(client_key)
        async with self._budget(budget).spend() as timeout:
            try:
                return await self._shared.flights.run(
                    key,
                    lambda: self._fetch_groups(client_key, account_id, timeout),
                    timeout=timeout,
                )
            except TimeoutError as exc:
                raise JiraBusy(
                    "Jira did not answer within this request's time for Jira", retry_after=1
                ) from exc

    async def _fetch_groups(
        self, client_key: str, account_id: str, timeout: float
    ) -> frozenset[str]:
        key = (client_key, account_id)
        try:
            with self._shared.guard.call(client_key):
                body = await self._connect(client_key).request(
                    "GET", GROUPS_PATH, params={"accountId": account_id}, timeout=timeout
                )
            if not isinstance(body, list):
                raise JiraUnavailable("Jira's group list has an unexpected shape")
        except (JiraBusy, JiraRateLimited):
            # Our own cap, or the site's Retry-After (remembered by the guard): nothing to learn
            # about this user.
            raise
        except JiraUnavailable as exc:
            self._shared.groups.put_failure(key, exc)
            exc.retry_after = exc.retry_after or whole_seconds(
                self._shared.limits.failure_cache_seconds
            )
            raise
        groups = frozenset(
            str(item["name"]) for item in body if isinstance(item, dict) and "name" in item
        )
        self._shared.groups.put(key, groups)
        return groups

    async def is_jira_admin(
        self, client_key: str, account_id: str, *, budget: JiraBudget | None = None
    ) -> bool:
        # Never cached: admin actions are rare and must reflect the current permission.
        async with self._budget(budget).spend() as timeout:
            with self._shared.guard.call(client_key):
                try:
                    body = await asyncio.wait_for(
                        self._connect(client_key).request(
                            "POST",
                            PERMISSIONS_PATH,
                            json={"accountId": account_id, "globalPermissions": ["ADMINISTER"]},
                            timeout=timeout,
                        ),
                        timeout,
                    )
                except TimeoutError as exc:
                    raise JiraUnavailable("Jira did not answer in time", retry_after=1) from exc
        granted = body.get("globalPermissions", []) if isinstance(body, dict) else []
        return "ADMINISTER" in granted


# Connect: reaches each tenant's Jira with its shared secret.
JIRA_DIRECTORY: AppKey[JiraDirectory] = AppKey("jira_directory")
