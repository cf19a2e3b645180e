"""A project's versions and components: `GET /project/{projectIdOrKey}/versions` and
`/project/{projectIdOrKey}/components`, both unpaged arrays (`Version` and `ProjectComponent` of
the OpenAPI spec), as Jira Cloud's pickers read them.

Components are the ones the project's issues carry (the dataset gives every component issues);
their JSON is the issue-field form plus what the project resource adds (`project`,
`projectId`, assignee type). A project the caller may not browse is "not found", as on Jira.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter

from jirasim.api.auth import Caller
from jirasim.api.dependencies import ApiVersion, ReadCaller, StateDep
from jirasim.api.errors import JiraError, JiraJSONResponse
from jirasim.api.state import SimState
from jirasim.api.v2 import to_v2
from jirasim.site import JsonDict, Project, Version

router = APIRouter(tags=["projects"])


def _project(state: SimState, caller: Caller, id_or_key: str) -> Project:
    project = state.lookups.project(id_or_key)
    if project is None or not caller.can_browse(state.site, project.key):
        raise JiraError(404, f"No project could be found with key '{id_or_key}'.")
    return project


def _embedded(state: SimState, project: Project, field: str) -> dict[str, JsonDict]:
    """The values of an array field (`fixVersions`, `components`) on the project's issues, by id."""
    found: dict[str, JsonDict] = {}
    for issue in state.site.issues:
        fields = issue["fields"]
        if fields["project"]["key"] != project.key:
            continue
        for value in fields.get(field) or ():
            found.setdefault(str(value["id"]), value)
    return found


def _version_json(version: Version, project: Project, base_url: str, today: date) -> JsonDict:
    body: JsonDict = {
        "self": f"{base_url}/rest/api/3/version/{version.id}",
        "id": version.id,
        "description": f"{project.name} {version.name}",
        "name": version.name,
        "archived": version.archived,
        "released": version.released,
    }
    if version.release_date is not None:
        body["releaseDate"] = version.release_date
        if not version.released:
            body["overdue"] = date.fromisoformat(version.release_date) < today
    body["projectId"] = int(project.id)
    return body


@router.get("/project/{project_id_or_key}/versions")
def project_versions(
    project_id_or_key: str, state: StateDep, caller: ReadCaller, version: ApiVersion
) -> JiraJSONResponse:
    """Every version of the project, archived ones included, in release order (Jira's
    sequence); `expand` is accepted and ignored."""
    project = _project(state, caller, project_id_or_key)
    embedded = _embedded(state, project, "fixVersions")
    today = date.fromtimestamp(state.clock())
    versions = []
    for item in state.site.versions:
        if item.project_key != project.key:
            continue
        body = _version_json(item, project, state.base_url, today)
        # The description issues embed wins, so both resources agree.
        if "description" in embedded.get(item.id, {}):
            body["description"] = embedded[item.id]["description"]
        versions.append(body)
    return JiraJSONResponse(to_v2(versions) if version == 2 else versions)


@router.get("/project/{project_id_or_key}/components")
def project_components(
    project_id_or_key: str, state: StateDep, caller: ReadCaller, version: ApiVersion
) -> JiraJSONResponse:
    """Every component of the project, by name; `componentSource` is accepted and ignored
    (the site has no Compass components)."""
    project = _project(state, caller, project_id_or_key)
    components = [
        {
            **value,
            "assigneeType": "PROJECT_DEFAULT",
            "realAssigneeType": "PROJECT_DEFAULT",
            "isAssigneeTypeValid": False,
            "project": project.key,
            "projectId": int(project.id),
        }
        for value in _embedded(state, project, "components").values()
    ]
    components.sort(key=lambda c: str(c["name"]).lower())
    return JiraJSONResponse(to_v2(components) if version == 2 else components)
