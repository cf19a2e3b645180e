"""The calling user as the report rules see them, with Jira asked at most once per request."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rollbook.identity.exceptions import GroupCheckUnavailable
from rollbook.identity.principal import Principal
from rollbook.jira.client import JiraUnavailable
from rollbook.tenancy.models import HostKind


def _no_admin_check() -> bool:
    raise JiraUnavailable("this viewer cannot ask Jira about the admin permission")


@dataclass
class Viewer:
    """The calling user, with their Jira groups looked up at most once, on demand."""

    tenant_key: str
    account_id: str
    lookup_groups: Callable[[], frozenset[str]]
    lookup_jira_admin: Callable[[], bool] = _no_admin_check
    host: HostKind = HostKind.CONNECT
    _groups: frozenset[str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, principal: Principal) -> Viewer:
        tenant_key, account_id, jira = principal.tenant_key, principal.account_id, principal.jira
        return cls(
            tenant_key=tenant_key,
            account_id=account_id,
            lookup_groups=lambda: jira.groups_of(tenant_key, account_id),
            lookup_jira_admin=lambda: jira.is_jira_admin(tenant_key, account_id),
            host=principal.host,
        )

    def groups(self) -> frozenset[str]:
        if self._groups is None:
            try:
                self._groups = self.lookup_groups()
            except JiraUnavailable as exc:
                raise GroupCheckUnavailable.on(
                    self.host,
                    "Jira could not confirm your group memberships; access that depends on "
                    "groups is denied until it can",
                ) from exc
        return self._groups
