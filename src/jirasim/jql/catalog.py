"""Reference values a query may name: statuses, priorities, users, versions, sprints, ...

Jira checks every literal against its configuration ("The value 'Nope' does not exist for the
field 'status'."). The `Site` model lists projects, users, sprints and versions; statuses,
priorities, resolutions, issue types, components and select options are collected from the
issues themselves and from their changelogs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jirasim.site import JsonDict, Site

_CATEGORY_NAMES = {"new": "To Do", "indeterminate": "In Progress", "done": "Done"}
_CATEGORY_IDS = {"new": "2", "indeterminate": "4", "done": "3"}
# Jira orders categories To Do, In Progress, Done.
CATEGORY_ORDER = {"new": 0, "indeterminate": 1, "done": 2, "undefined": 3}


@dataclass
class NamedValues:
    """Values of one kind, by id, with a case-insensitive name index."""

    names: dict[str, str] = field(default_factory=dict)
    _ids_by_name: dict[str, set[str]] = field(default_factory=dict)

    def add(self, value_id: object, name: object) -> None:
        if value_id is None or value_id == "":
            return
        key = str(value_id)
        if isinstance(name, str) and name:
            self.names.setdefault(key, name)
            self._ids_by_name.setdefault(name.lower(), set()).add(key)
        else:
            self.names.setdefault(key, key)

    def add_alias(self, alias: str, value_id: str) -> None:
        """Let `alias` (any case) also name `value_id`, as a project's name and id name it."""
        self._ids_by_name.setdefault(alias.lower(), set()).add(value_id)

    def lookup(self, literal: str, is_number: bool) -> set[str]:
        """Ids matching `literal`: by name then id, or by id first for unquoted numbers."""
        by_name = self._ids_by_name.get(literal.lower(), set())
        by_id = {literal} if literal in self.names else set()
        if is_number:
            return set(by_id or by_name)
        return set(by_name or by_id)


@dataclass
class ValueCatalog:
    statuses: NamedValues = field(default_factory=NamedValues)
    priorities: NamedValues = field(default_factory=NamedValues)
    resolutions: NamedValues = field(default_factory=NamedValues)
    issue_types: NamedValues = field(default_factory=NamedValues)
    subtask_types: set[str] = field(default_factory=set)
    components: NamedValues = field(default_factory=NamedValues)
    versions: NamedValues = field(default_factory=NamedValues)
    # version id -> (project key, position in the project's version order)
    version_order: dict[str, tuple[str, int]] = field(default_factory=dict)
    sprints: NamedValues = field(default_factory=NamedValues)
    projects: NamedValues = field(default_factory=NamedValues)
    options: dict[str, NamedValues] = field(default_factory=dict)
    user_names: dict[str, str] = field(default_factory=dict)
    _users_by_name: dict[str, set[str]] = field(default_factory=dict)

    def category_lookup(self, literal: str) -> set[str]:
        lowered = literal.lower()
        for key, name in _CATEGORY_NAMES.items():
            if lowered in (key, name.lower(), _CATEGORY_IDS[key]):
                return {key}
        return set()

    def user_lookup(self, literal: str) -> set[str]:
        return set(self._users_by_name.get(literal.lower(), ()))

    def add_user(self, account_id: str, *names: object) -> None:
        self.user_names.setdefault(account_id, next((str(n) for n in names if n), account_id))
        for name in (account_id, *names):
            if isinstance(name, str) and name:
                self._users_by_name.setdefault(name.lower(), set()).add(account_id)

    def priority_rank(self, priority_id: str) -> int:
        """Position in Jira's priority order, highest first (ids ascend from Highest = 1)."""
        return _numeric(priority_id)


def _numeric(value: str) -> int:
    return int(value) if value.isdigit() else 1 << 40


def build_catalog(site: Site, option_field_ids: Iterable[str]) -> ValueCatalog:
    catalog = ValueCatalog()
    for project in site.projects:
        catalog.projects.add(project.key.upper(), project.name)
        catalog.projects.add_alias(project.key, project.key.upper())
        catalog.projects.add_alias(project.id, project.key.upper())
    for user in site.users:
        catalog.add_user(user.account_id, user.display_name, user.email)
    positions: dict[str, int] = {}
    for version in site.versions:
        catalog.versions.add(version.id, version.name)
        position = positions.get(version.project_key, 0)
        positions[version.project_key] = position + 1
        catalog.version_order[version.id] = (version.project_key.upper(), position)
    for sprint in site.sprints:
        catalog.sprints.add(sprint.id, sprint.name)
    option_ids = list(option_field_ids)
    for issue in site.issues:
        _collect_issue(catalog, issue, option_ids)
    return catalog


def _collect_issue(catalog: ValueCatalog, issue: JsonDict, option_ids: list[str]) -> None:
    fields: dict[str, Any] = issue.get("fields") or {}
    status = fields.get("status")
    if isinstance(status, dict):
        catalog.statuses.add(status.get("id"), status.get("name"))
    for name, values in (
        ("priority", catalog.priorities),
        ("resolution", catalog.resolutions),
        ("issuetype", catalog.issue_types),
    ):
        value = fields.get(name)
        if isinstance(value, dict):
            values.add(value.get("id"), value.get("name"))
    issue_type = fields.get("issuetype")
    if isinstance(issue_type, dict) and issue_type.get("subtask"):
        catalog.subtask_types.add(str(issue_type.get("id")))
    for component in fields.get("components") or ():
        if isinstance(component, dict):
            catalog.components.add(component.get("id"), component.get("name"))
    project_key = str((fields.get("project") or {}).get("key", "")).upper()
    for name in ("fixVersions", "versions"):
        for version in fields.get(name) or ():
            if isinstance(version, dict) and version.get("id") is not None:
                version_id = str(version["id"])
                catalog.versions.add(version_id, version.get("name"))
                if version_id not in catalog.version_order:
                    catalog.version_order[version_id] = (project_key, _numeric(version_id))
    for user_field in ("assignee", "reporter", "creator"):
        user = fields.get(user_field)
        if isinstance(user, dict) and user.get("accountId"):
            catalog.add_user(
                str(user["accountId"]), user.get("displayName"), user.get("emailAddress")
            )
    for field_id in option_ids:
        _collect_options(catalog.options.setdefault(field_id, NamedValues()), fields.get(field_id))
    for history in (issue.get("changelog") or {}).get("histories") or ():
        for item in history.get("items") or ():
            _collect_change(catalog, item)


def _collect_options(values: NamedValues, value: Any) -> None:
    for option in value if isinstance(value, list) else [value]:
        if isinstance(option, dict):
            values.add(option.get("id", option.get("value")), option.get("value"))


def _collect_change(catalog: ValueCatalog, item: dict[str, Any]) -> None:
    name = str(item.get("fieldId") or item.get("field") or "").lower()
    values = {
        "status": catalog.statuses,
        "priority": catalog.priorities,
        "resolution": catalog.resolutions,
    }.get(name)
    if values is None:
        return
    values.add(item.get("from"), item.get("fromString"))
    values.add(item.get("to"), item.get("toString"))
