"""Permissions: `GET /mypermissions` and `POST /permissions/check`.

The simulated site's permission scheme is small and fixed:

- ADMINISTER / SYSTEM_ADMIN: Jira administrators (`site.administrators`).
- Other global permissions: licensed users (members of at least one group).
- BROWSE_PROJECTS: `site.can_browse`; ADMINISTER_PROJECTS: administrators who can browse.
- Other project permissions: licensed users who can browse the project.
- The app itself browses every project and holds no administrator permission below ADMIN scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request

from jirasim.api.auth import Caller
from jirasim.api.dependencies import ReadCaller, StateDep, json_body
from jirasim.api.errors import (
    INVALID_PAYLOAD,
    ISSUE_NOT_FOUND,
    JiraError,
    JiraJSONResponse,
    bad_request,
)
from jirasim.api.fields import split_list
from jirasim.api.site_lookups import issue_project_key
from jirasim.api.state import SimState
from jirasim.site import Project

router = APIRouter(tags=["permissions"])

CHECK_LIMIT = 1000


@dataclass(frozen=True)
class Permission:
    id: str
    key: str
    name: str
    type: str  # "GLOBAL" | "PROJECT"
    description: str

    def to_json(self, granted: bool) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "description": self.description,
            "havePermission": granted,
        }


_PERMISSIONS = [
    Permission(*row)
    for row in (
        (
            "0",
            "ADMINISTER",
            "Administer Jira",
            "GLOBAL",
            "Create and administer projects, issue types, fields, workflows, and schemes.",
        ),
        (
            "44",
            "SYSTEM_ADMIN",
            "Administer Jira",
            "GLOBAL",
            "Manage users, groups and site settings.",
        ),
        (
            "27",
            "USER_PICKER",
            "Browse users and groups",
            "GLOBAL",
            "View and select users or groups from the user picker, and share issues.",
        ),
        (
            "22",
            "CREATE_SHARED_OBJECTS",
            "Share dashboards and filters",
            "GLOBAL",
            "Share dashboards and filters with other users.",
        ),
        (
            "33",
            "BULK_CHANGE",
            "Make bulk changes",
            "GLOBAL",
            "Modify collections of issues at once.",
        ),
        (
            "10",
            "BROWSE_PROJECTS",
            "Browse Projects",
            "PROJECT",
            "Ability to browse projects and the issues within them.",
        ),
        (
            "23",
            "ADMINISTER_PROJECTS",
            "Administer Projects",
            "PROJECT",
            "Ability to administer a project in Jira.",
        ),
        ("11", "CREATE_ISSUES", "Create Issues", "PROJECT", "Ability to create issues."),
        ("12", "EDIT_ISSUES", "Edit Issues", "PROJECT", "Ability to edit issues."),
        (
            "13",
            "ASSIGN_ISSUES",
            "Assign Issues",
            "PROJECT",
            "Ability to assign issues to other people.",
        ),
        (
            "17",
            "ASSIGNABLE_USER",
            "Assignable User",
            "PROJECT",
            "Users with this permission may be assigned to issues.",
        ),
        (
            "46",
            "TRANSITION_ISSUES",
            "Transition Issues",
            "PROJECT",
            "Ability to transition issues.",
        ),
        ("15", "ADD_COMMENTS", "Add Comments", "PROJECT", "Ability to comment on issues."),
        ("16", "DELETE_ISSUES", "Delete Issues", "PROJECT", "Ability to delete issues."),
        (
            "28",
            "SCHEDULE_ISSUES",
            "Schedule Issues",
            "PROJECT",
            "Ability to view or edit an issue's due date.",
        ),
        (
            "20",
            "WORK_ON_ISSUES",
            "Work On Issues",
            "PROJECT",
            "Ability to log work done against an issue.",
        ),
    )
]
PERMISSIONS = {permission.key: permission for permission in _PERMISSIONS}
ADMIN_ONLY = frozenset({"ADMINISTER", "SYSTEM_ADMIN", "ADMINISTER_PROJECTS"})


@dataclass(frozen=True)
class Subject:
    """Whose permissions are evaluated: a user, or the app itself (account None)."""

    account_id: str | None
    is_app: bool = False
    app_is_admin: bool = False


def _licensed(state: SimState, subject: Subject) -> bool:
    return subject.is_app or bool(state.site.groups_of(subject.account_id or ""))


def _admin(state: SimState, subject: Subject) -> bool:
    if subject.is_app:
        return subject.app_is_admin
    return subject.account_id in state.site.administrators


def has_global(state: SimState, subject: Subject, key: str) -> bool:
    if key in ADMIN_ONLY:
        return _admin(state, subject)
    return _licensed(state, subject)


def has_project(state: SimState, subject: Subject, key: str, project_key: str) -> bool:
    browse = subject.is_app or state.site.can_browse(subject.account_id, project_key)
    if key == "BROWSE_PROJECTS" or not browse:
        return browse
    if key in ADMIN_ONLY:
        return _admin(state, subject)
    return _licensed(state, subject)


def subject_of(caller: Caller) -> Subject:
    """Whose permissions a request has: its user, or the app itself (admin with the ADMIN scope)."""
    if caller.is_app:
        return Subject(
            None, is_app=True, app_is_admin=caller.app is not None and caller.app.allows("ADMIN")
        )
    return Subject(caller.account_id)


@router.get("/mypermissions")
def my_permissions(request: Request, state: StateDep, caller: ReadCaller) -> JiraJSONResponse:
    params = request.query_params
    keys = split_list(params.get("permissions"))
    if not keys:
        raise bad_request("The permissions parameter is required.")
    unknown = [key for key in keys if key not in PERMISSIONS]
    if unknown:
        raise JiraError(400, [], errors={key: "Unrecognized permission" for key in unknown})
    subject = subject_of(caller)
    projects = _context_projects(request, state, caller)
    result = {}
    for key in keys:
        permission = PERMISSIONS[key]
        if permission.type == "GLOBAL":
            granted = has_global(state, subject, key)
        else:
            granted = any(has_project(state, subject, key, p.key) for p in projects)
        result[key] = permission.to_json(granted)
    return JiraJSONResponse({"permissions": result})


def _context_projects(request: Request, state: SimState, caller: Caller) -> list[Project]:
    """The projects a /mypermissions context names (project or issue), else all projects."""
    params = request.query_params
    project_ref = params.get("projectKey") or params.get("projectId")
    issue_ref = params.get("issueKey") or params.get("issueId")
    if project_ref:
        project = state.lookups.project(project_ref)
        if project is None or not caller.can_browse(state.site, project.key):
            raise JiraError(404, f"No project could be found with key '{project_ref}'.")
        return [project]
    if issue_ref:
        issue = state.lookups.issue(issue_ref)
        if issue is None or not caller.can_browse(state.site, issue_project_key(issue)):
            raise JiraError(404, ISSUE_NOT_FOUND)
        project = state.lookups.project(issue_project_key(issue))
        return [project] if project else []
    return list(state.site.projects)


def _id_list(entry: dict[str, Any], key: str) -> list[int]:
    values = entry.get(key) or []
    if not isinstance(values, list):
        raise bad_request(INVALID_PAYLOAD)
    return [int(v) for v in values if isinstance(v, int | str) and str(v).isdigit()]


@router.post("/permissions/check")
async def check_permissions(
    request: Request, state: StateDep, caller: ReadCaller
) -> JiraJSONResponse:
    bean = await json_body(
        request, frozenset({"accountId", "globalPermissions", "projectPermissions"})
    )
    account_id = bean.get("accountId")
    if account_id is not None:
        if not isinstance(account_id, str) or state.lookups.user(account_id) is None:
            raise JiraError(400, [], errors={"accountId": "The account ID is invalid."})
        checking_other = account_id != caller.account_id
        # Only the app server (not AP.request in a browser) may check others without admin.
        if (
            checking_other
            and not caller.is_app
            and caller.account_id not in state.site.administrators
        ):
            raise JiraError(403, "Only Jira administrators can perform this operation.")
        subject = Subject(account_id)
    else:
        subject = subject_of(caller)
    global_keys = [k for k in bean.get("globalPermissions") or [] if isinstance(k, str)]
    # Each entry read once: (permission keys, project ids, issue ids), duplicates dropped.
    checks: list[tuple[list[str], list[int], list[int]]] = []
    for entry in bean.get("projectPermissions") or []:
        if not isinstance(entry, dict):
            continue
        keys = [k for k in entry.get("permissions") or [] if isinstance(k, str) and k]
        if not keys:
            raise bad_request("At least one project permission must be provided.")
        project_ids, issue_ids = _id_list(entry, "projects"), _id_list(entry, "issues")
        if len(project_ids) > CHECK_LIMIT or len(issue_ids) > CHECK_LIMIT:
            raise bad_request(
                f"A maximum of {CHECK_LIMIT} projects and {CHECK_LIMIT} issues can be checked."
            )
        checks.append((list(dict.fromkeys(keys)), project_ids, issue_ids))
    errors = {
        k: "Unrecognized permission"
        for k in global_keys
        if PERMISSIONS.get(k) is None or PERMISSIONS[k].type != "GLOBAL"
    }
    for keys, _, _ in checks:
        errors.update(
            {
                k: "Unrecognized permission"
                for k in keys
                if k not in PERMISSIONS or PERMISSIONS[k].type != "PROJECT"
            }
        )
    if errors:
        raise JiraError(400, [], errors=errors)
    granted_global = [k for k in dict.fromkeys(global_keys) if has_global(state, subject, k)]
    # dicts as ordered sets: answers keep the request's order without quadratic look-ups.
    grants: dict[str, tuple[dict[int, None], dict[int, None]]] = {}
    for keys, project_ids, issue_ids in checks:
        for key in keys:
            projects, issues = grants.setdefault(key, ({}, {}))
            for project_id in project_ids:
                project = state.lookups.project(str(project_id))
                if project and has_project(state, subject, key, project.key):
                    projects[project_id] = None
            for issue_id in issue_ids:
                issue = state.lookups.issue_by_id(issue_id)
                if issue and has_project(state, subject, key, issue_project_key(issue)):
                    issues[issue_id] = None
    body = {
        "globalPermissions": granted_global,
        "projectPermissions": [
            {"permission": key, "issues": list(issues), "projects": list(projects)}
            for key, (projects, issues) in grants.items()
        ],
    }
    return JiraJSONResponse(body)
