"""The calling user as the report rules see them, with Jira asked at most once per request.

Jira is asked only on the event loop (`await viewer.resolve_groups()`,
`await viewer.is_jira_admin()`); the report rules, which run with a database session on a
worker thread, read the resolved groups with `viewer.groups()`. So no worker thread ever waits
on Jira."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from rollbook.identity.exceptions import GroupCheckUnavailable, GroupsNotResolved
from rollbook.identity.principal import Principal
from rollbook.jira.budget import JiraBudget
from rollbook.jira.client import JiraUnavailable
from rollbook.tenancy.models import HostKind

# When the app state gives none (a Viewer built in a test).
DEFAULT_JIRA_BUDGET_SECONDS = 5.0


async def _no_admin_check() -> bool:
    raise JiraUnavailable("this viewer cannot ask Jira about the admin permission")


def _nothing_cached() -> frozenset[str] | None:
    return None


@dataclass
class Viewer:
    """The calling user, with their Jira groups looked up at most once, on demand."""

    tenant_key: str
    account_id: str
    lookup_groups: Callable[[], Awaitable[frozenset[str]]]
    lookup_jira_admin: Callable[[], Awaitable[bool]] = _no_admin_check
    host: HostKind = HostKind.CONNECT
    # The groups if the directory already knows them (no call to Jira), else None.
    cached_groups: Callable[[], frozenset[str] | None] = _nothing_cached
    _groups: frozenset[str] | None = field(default=None, repr=False)
    # A failed look-up is remembered for the request too: one request asks Jira once.
    _groups_error: GroupCheckUnavailable | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls, principal: Principal, *, jira_budget_seconds: float = DEFAULT_JIRA_BUDGET_SECONDS
    ) -> Viewer:
        tenant_key, account_id, jira = principal.tenant_key, principal.account_id, principal.jira
        # One budget for all of this request's look-ups together.
        budget = JiraBudget(jira_budget_seconds)
        return cls(
            tenant_key=tenant_key,
            account_id=account_id,
            lookup_groups=lambda: jira.groups_of(tenant_key, account_id, budget=budget),
            lookup_jira_admin=lambda: jira.is_jira_admin(tenant_key, account_id, budget=budget),
            host=principal.host,
            cached_groups=lambda: jira.cached_groups_of(tenant_key, account_id),
        )

    @property
    def groups_resolved(self) -> bool:
        return self._groups is not None or self._groups_error is not None

    def use_cached_groups(self) -> None:
        """Take the groups from the directory's cache when it has them: free (no call to Jira),
        and it spares blocking work a second run for want of groups (`run_with_groups`)."""
        if not self.groups_resolved:
            self._groups = self.cached_groups()

    async def resolve_groups(self) -> frozenset[str]:
        """The user's Jira groups, asked of Jira at most once per request; raises
        `GroupCheckUnavailable` (503, with Retry-After when known) when Jira cannot say."""
        if self._groups is not None:
            return self._groups
        if self._groups_error is not None:
            raise self._groups_error
        try:
            self._groups = await self.lookup_groups()
        except JiraUnavailable as exc:
            self._groups_error = GroupCheckUnavailable.on(
                self.host,
                "Jira could not confirm your group memberships; access that depends on "
                "groups is denied until it can",
                retry_after=exc.retry_after,
            )
            raise self._groups_error from exc
        return self._groups

    def groups(self) -> frozenset[str]:
        """The groups `resolve_groups` found. Raises its `GroupCheckUnavailable` if the look-up
        failed, and `GroupsNotResolved` (a RuntimeError) if it was never awaited."""
        if self._groups is not None:
            return self._groups
        if self._groups_error is not None:
            raise self._groups_error
        raise GroupsNotResolved("await viewer.resolve_groups() before reading viewer.groups()")

    async def is_jira_admin(self) -> bool:
        """Jira's ADMINISTER permission, asked of Jira on every call (never cached); raises
        `GroupCheckUnavailable` when Jira cannot say."""
        try:
            return await self.lookup_jira_admin()
        except JiraUnavailable as exc:
            raise GroupCheckUnavailable.on(
                self.host,
                "Jira could not confirm that you are an administrator",
                retry_after=exc.retry_after,
            ) from exc
