"""Who a user is in Jira: group memberships and the Jira administrator permission.

Group memberships are cached briefly per (tenant, user); any failure to ask Jira raises
`JiraUnavailable`, so callers deny access instead of guessing."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from rollbook.core.state import AppKey
from rollbook.jira.client import JiraClient, JiraUnavailable


class JiraDirectory(Protocol):
    def groups_of(self, client_key: str, account_id: str) -> frozenset[str]: ...

    def is_jira_admin(self, client_key: str, account_id: str) -> bool: ...


class HttpJiraDirectory:
    """Asks Jira over HTTP. `connect(tenant_key)` gives a client that calls Jira as the app."""

    def __init__(
        self, connect: Callable[[str], JiraClient], *, cache_seconds: float = 60.0
    ) -> None:
        self._connect = connect
        self._cache_seconds = cache_seconds
        self._groups: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def using(self, connect: Callable[[str], JiraClient]) -> HttpJiraDirectory:
        """The same group cache, reaching Jira another way: a Forge request's app token is good
        for that request only, so each Forge request gets its own connector."""
        directory = HttpJiraDirectory(connect, cache_seconds=self._cache_seconds)
        directory._groups, directory._lock = self._groups, self._lock
        return directory

    def groups_of(self, client_key: str, account_id: str) -> frozenset[str]:
        key = (client_key, account_id)
        now = time.monotonic()
        with self._lock:
            cached = self._groups.get(key)
        if cached and now - cached[0] < self._cache_seconds:
            return cached[1]
        client = self._connect(client_key)
        try:
            body = client.request(
                "GET", "/rest/api/3/user/groups", params={"accountId": account_id}
            )
        finally:
            client.close()
        if not isinstance(body, list):
            raise JiraUnavailable("Jira's group list has an unexpected shape")
        groups = frozenset(str(item["name"]) for item in body if isinstance(item, dict))
        with self._lock:
            self._groups[key] = (now, groups)
        return groups

    def is_jira_admin(self, client_key: str, account_id: str) -> bool:
        # Never cached: admin actions are rare and must reflect the current permission.
        client = self._connect(client_key)
        try:
            body = client.request(
                "POST",
                "/rest/api/3/permissions/check",
                json={"accountId": account_id, "globalPermissions": ["ADMINISTER"]},
            )
        finally:
            client.close()
        granted = body.get("globalPermissions", []) if isinstance(body, dict) else []
        return "ADMINISTER" in granted


# Connect: reaches each tenant's Jira with its shared secret.
JIRA_DIRECTORY: AppKey[JiraDirectory] = AppKey("jira_directory")
