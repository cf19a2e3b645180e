"""Lookups the REST routes need over a `Site`: issues by id or key, projects, users and groups.

Built once per simulator; the site is read-only while it runs.
"""

from __future__ import annotations

import uuid
from typing import Any

from jirasim.site import Project, Site, User

JsonDict = dict[str, Any]
# Group ids are UUIDs in Jira Cloud; derive stable ones from the names.
_GROUP_NAMESPACE = uuid.UUID("6f1c1c2e-3d1b-4c5e-9a57-8e0d7f5b9a11")


def group_id(name: str) -> str:
    return str(uuid.uuid5(_GROUP_NAMESPACE, name))


def issue_project_key(issue: JsonDict) -> str:
    return str(issue["fields"]["project"]["key"])


class SiteLookups:
    """Issues, projects, users and groups of the site by id, key or name, for the REST routes
    (the JQL engine indexes the site its own way: `jirasim.jql.context.IndexedSite`)."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self._issues_by_id = {str(issue["id"]): issue for issue in site.issues}
        self._issues_by_key = {str(issue["key"]).upper(): issue for issue in site.issues}
        self._projects_by_id = {project.id: project for project in site.projects}
        self._projects_by_key = {project.key.upper(): project for project in site.projects}
        self._users = {user.account_id: user for user in site.users}
        # Issue-field JSON of each project (avatars, type), taken from the first issue that
        # embeds it so /project/search and issue fields agree.
        self._project_json: dict[str, JsonDict] = {}
        for issue in site.issues:
            project = issue["fields"].get("project")
            if isinstance(project, dict):
                self._project_json.setdefault(str(project["key"]), project)

    def issue(self, id_or_key: str) -> JsonDict | None:
        if id_or_key.isdigit():
            return self._issues_by_id.get(id_or_key)
        return self._issues_by_key.get(id_or_key.upper())

    def issue_by_id(self, issue_id: int | str) -> JsonDict | None:
        return self._issues_by_id.get(str(issue_id))

    def project(self, id_or_key: str) -> Project | None:
        if id_or_key.isdigit():
            return self._projects_by_id.get(id_or_key)
        return self._projects_by_key.get(id_or_key.upper())

    def user(self, account_id: str) -> User | None:
        return self._users.get(account_id)

    def project_json(self, project: Project) -> JsonDict:
        """The project as `/project/search` returns it (Jira's `Project` bean, short form)."""
        base = self.site.base_url
        embedded = self._project_json.get(project.key, {})
        avatar = f"{base}/rest/api/3/universal_avatar/view/type/project/avatar/{project.id}"
        avatar_urls = embedded.get("avatarUrls") or {
            size: f"{avatar}?size={label}"
            for size, label in (
                ("16x16", "xsmall"),
                ("24x24", "small"),
                ("32x32", "medium"),
                ("48x48", "large"),
            )
        }
        return {
            "expand": "description,lead,issueTypes,url,projectKeys,permissions,insight",
            "self": f"{base}/rest/api/3/project/{project.id}",
            "id": project.id,
            "key": project.key,
            "name": project.name,
            "avatarUrls": avatar_urls,
            "projectTypeKey": embedded.get("projectTypeKey", "software"),
            "simplified": bool(embedded.get("simplified", False)),
            "style": "next-gen" if embedded.get("simplified") else "classic",
            "isPrivate": project.key in self.site.browse_permissions,
            "properties": {},
        }

    def group_json(self, name: str) -> JsonDict:
        return {
            "name": name,
            "groupId": group_id(name),
            "self": f"{self.site.base_url}/rest/api/3/group?groupId={group_id(name)}",
        }
