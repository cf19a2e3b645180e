"""The OAuth 2.0 (classic) scope a Forge app needs for a Jira REST call, from the Jira OpenAPI
spec's `x-atlassian-oauth2-scopes` (docs/platform.md#requestjira-and-oauth-scopes), mapped from the
Connect scope each jirasim
route already declares: user and group look-ups need `read:jira-user`, other reads
`read:jira-work`, writes `write:jira-work`, administration `manage:jira-configuration`."""

from __future__ import annotations

import re

from jirasim.api.errors import JiraError

_USER_PATHS = re.compile(r"^/rest/api/[23]/(myself|user|users|groups|group)(/|$)")
SCOPE_MISMATCH = "Unauthorized; scope does not match"


def required_scope(path: str, connect_scope: str) -> str:
    if connect_scope in {"WRITE", "DELETE"}:
        return "write:jira-work"
    if connect_scope in {"PROJECT_ADMIN", "ADMIN"}:
        return "manage:jira-configuration"
    if _USER_PATHS.match(path):
        return "read:jira-user"
    return "read:jira-work"


def require_forge_scope(granted: tuple[str, ...], path: str, connect_scope: str) -> None:
    """Raise as Jira does (401) when the app's manifest lacks the scope of this call."""
    if required_scope(path, connect_scope) not in granted:
        raise JiraError(401, SCOPE_MISMATCH)
