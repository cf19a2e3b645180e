"""The in-memory model of one simulated Jira site, shared by the dataset generator, the JQL
engine and the REST routes.

Issues are kept exactly as Jira Cloud's REST API v3 returns them with `fields=*all` and
`expand=changelog` (docs/platform.md#value-shapes), so routes can serve them without translation
and the JQL
engine evaluates the same shapes a real client sees. Everything else (users, groups, sprints,
versions) is what JQL functions and permission checks need to look up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonDict = dict[str, Any]


@dataclass(frozen=True)
class User:
    account_id: str
    display_name: str
    email: str
    active: bool = True
    time_zone: str = "UTC"
    # API token for HTTP Basic auth (direct REST clients such as the `jira` package).
    api_token: str = ""

    def to_json(self, base_url: str) -> JsonDict:
        """The user as Jira embeds it in issue fields and returns it from /myself."""
        avatar = f"{base_url}/avatars/{self.account_id}.svg"
        return {
            "self": f"{base_url}/rest/api/3/user?accountId={self.account_id}",
            "accountId": self.account_id,
            "accountType": "atlassian",
            "avatarUrls": {size: avatar for size in ("16x16", "24x24", "32x32", "48x48")},
            "displayName": self.display_name,
            "active": self.active,
            "timeZone": self.time_zone,
        }


@dataclass(frozen=True)
class Sprint:
    id: int
    name: str
    state: str  # "closed" | "active" | "future"
    board_id: int
    start_date: str | None = None
    end_date: str | None = None
    complete_date: str | None = None
    goal: str = ""


@dataclass(frozen=True)
class Version:
    id: str
    project_key: str
    name: str
    released: bool
    release_date: str | None = None
    archived: bool = False


@dataclass(frozen=True)
class Project:
    id: str
    key: str
    name: str


@dataclass
class Site:
    """One Jira site: its reference data and its issues (Jira REST shape, ordered by id)."""

    base_url: str
    projects: list[Project]
    users: list[User]
    # group name -> member account ids
    groups: dict[str, list[str]]
    # /rest/api/3/field entries (FieldDetails)
    fields: list[JsonDict]
    issues: list[JsonDict]
    sprints: list[Sprint] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    # project key -> account ids allowed to browse it; a project absent here is open to all users
    browse_permissions: dict[str, set[str]] = field(default_factory=dict)
    # account ids of Jira administrators
    administrators: set[str] = field(default_factory=set)

    def user(self, account_id: str) -> User | None:
        return next((u for u in self.users if u.account_id == account_id), None)

    def groups_of(self, account_id: str) -> list[str]:
        return sorted(name for name, members in self.groups.items() if account_id in members)

    def can_browse(self, account_id: str | None, project_key: str) -> bool:
        allowed = self.browse_permissions.get(project_key)
        return allowed is None or (account_id is not None and account_id in allowed)
