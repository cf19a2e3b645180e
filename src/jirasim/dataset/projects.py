"""Projects of a generated site and what hangs off them: components, versions, boards, sprints.

Each object is built once with its Jira JSON, which issues then share.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from jirasim.dataset.clock import (
    DAY_MS,
    HOUR_MS,
    REFERENCE_MS,
    format_date,
    format_sprint_timestamp,
)
from jirasim.dataset.people import SECURITY_GROUP
from jirasim.site import Project, Sprint, Version

JsonDict = dict[str, Any]

SPRINT_LENGTH_MS = 14 * DAY_MS
VERSIONS_PER_PROJECT = 10
RELEASED_VERSIONS_PER_PROJECT = 8
RESTRICTED_PROJECT_KEY = "SEC"


@dataclass(frozen=True)
class ProjectSpec:
    key: str
    name: str
    group: str  # the team that works in the project (assignees and reporters come from it)
    share: float  # fraction of the site's issues
    scrum: bool  # scrum board with sprints; otherwise a kanban board without sprints
    team_option: str  # usual value of the Team custom field
    first_major: int
    components: tuple[str, ...]


PROJECT_SPECS = (
    ProjectSpec(
        key="ROLL",
        name="Rollbook",
        group="team-platform",
        share=0.34,
        scrum=True,
        team_option="10100",
        first_major=1,
        components=("API", "Report engine", "Connect", "Exports", "Frontend"),
    ),
    ProjectSpec(
        key="WEB",
        name="Website",
        group="team-web",
        share=0.24,
        scrum=True,
        team_option="10101",
        first_major=3,
        components=("Landing pages", "Docs", "Checkout", "Design system"),
    ),
    ProjectSpec(
        key="OPS",
        name="Operations",
        group="team-ops",
        share=0.16,
        scrum=False,
        team_option="10102",
        first_major=2025,
        components=("CI", "Monitoring", "Infrastructure", "On-call"),
    ),
    ProjectSpec(
        key="DATA",
        name="Data Platform",
        group="team-data",
        share=0.16,
        scrum=True,
        team_option="10103",
        first_major=5,
        components=("Pipelines", "Warehouse", "Dashboards"),
    ),
    ProjectSpec(
        key=RESTRICTED_PROJECT_KEY,
        name="Security",
        group=SECURITY_GROUP,
        share=0.10,
        scrum=True,
        team_option="10104",
        first_major=1,
        components=("Auth", "Audit", "Vulnerabilities"),
    ),
)

_SPRINT_GOALS = (
    "",
    "",
    "Ship the export rework",
    "Stabilise CI",
    "Close out Q3 bugs",
    "Beta for pilot customers",
    "Burn down tech debt",
    "Performance pass",
    "Accessibility fixes",
)


@dataclass
class ProjectData:
    """One project with the JSON its issues embed and the lookups issue generation needs."""

    spec: ProjectSpec
    project: Project
    json: JsonDict
    components: list[JsonDict]
    # versions ordered by release date (released ones first); unreleased may lack a date
    versions: list[Version]
    version_json: list[JsonDict]
    version_release_ms: list[int]  # planned release instant of each version
    board_id: int
    sprints: list[Sprint]  # chronological, scrum boards only
    sprint_json: list[JsonDict]
    sprint_end_ms: list[int]


def _project_json(project: Project, base_url: str) -> JsonDict:
    avatar = f"{base_url}/rest/api/3/universal_avatar/view/type/project/avatar/{project.id}"
    return {
        "self": f"{base_url}/rest/api/3/project/{project.id}",
        "id": project.id,
        "key": project.key,
        "name": project.name,
        "projectTypeKey": "software",
        "simplified": False,
        "avatarUrls": {
            "48x48": avatar,
            "24x24": f"{avatar}?size=small",
            "16x16": f"{avatar}?size=xsmall",
            "32x32": f"{avatar}?size=medium",
        },
    }


def _version_name(first_major: int, index: int) -> str:
    if first_major >= 2000:  # calendar versioning: 2025.1, 2025.2, ...
        return f"{first_major + index // 4}.{index % 4 + 1}"
    return f"{first_major + index // 4}.{index % 4}"


def _sprint_json(sprint: Sprint) -> JsonDict:
    value: JsonDict = {
        "id": sprint.id,
        "name": sprint.name,
        "state": sprint.state,
        "boardId": sprint.board_id,
        "goal": sprint.goal,
    }
    if sprint.start_date is not None:
        value["startDate"] = sprint.start_date
    if sprint.end_date is not None:
        value["endDate"] = sprint.end_date
    if sprint.complete_date is not None:
        value["completeDate"] = sprint.complete_date
    return value


def _components(spec: ProjectSpec, first_id: int, base_url: str) -> list[JsonDict]:
    return [
        {
            "self": f"{base_url}/rest/api/3/component/{first_id + offset}",
            "id": str(first_id + offset),
            "name": name,
            "description": f"{name} of {spec.name}",
        }
        for offset, name in enumerate(spec.components)
    ]


def _versions(
    rng: random.Random, spec: ProjectSpec, first_id: int, base_url: str
) -> tuple[list[Version], list[JsonDict], list[int]]:
    """Released versions roughly every 85 days over the history, then two unreleased ones."""
    history_start = REFERENCE_MS - 730 * DAY_MS
    versions: list[Version] = []
    version_json: list[JsonDict] = []
    release_ms: list[int] = []
    for number in range(VERSIONS_PER_PROJECT):
        released = number < RELEASED_VERSIONS_PER_PROJECT
        if released:
            jitter = rng.randrange(-9, 10) * DAY_MS
            planned = history_start + (number + 1) * 85 * DAY_MS + jitter
        else:
            planned = REFERENCE_MS + (number - RELEASED_VERSIONS_PER_PROJECT + 1) * 60 * DAY_MS
        # The next unreleased version has a planned date; the one after it has none yet.
        has_date = number <= RELEASED_VERSIONS_PER_PROJECT
        version = Version(
            id=str(first_id + number),
            project_key=spec.key,
            name=_version_name(spec.first_major, number),
            released=released,
            release_date=format_date(planned) if has_date else None,
            archived=number < 2,
        )
        json: JsonDict = {
            "self": f"{base_url}/rest/api/3/version/{version.id}",
            "id": version.id,
            "description": f"{spec.name} {version.name}",
            "name": version.name,
            "archived": version.archived,
            "released": version.released,
        }
        if version.release_date is not None:
            json["releaseDate"] = version.release_date
        versions.append(version)
        version_json.append(json)
        release_ms.append(planned)
    return versions, version_json, release_ms


def _add_sprints(rng: random.Random, projects: list[ProjectData]) -> None:
    """Two-week sprints on every scrum board from before the history start until two months
    after the reference date; ids are site-wide and follow start time across boards, as in Jira."""
    planned: list[tuple[int, int, int]] = []  # (start, project index, number within the board)
    for index, data in enumerate(projects):
        if not data.spec.scrum:
            continue
        start = REFERENCE_MS - 737 * DAY_MS + rng.randrange(7) * DAY_MS + 9 * HOUR_MS
        number = 1
        while start < REFERENCE_MS + 4 * SPRINT_LENGTH_MS:
            planned.append((start, index, number))
            start += SPRINT_LENGTH_MS
            number += 1
    planned.sort()
    for sprint_id, (start, index, number) in enumerate(planned, start=1):
        data = projects[index]
        end = start + SPRINT_LENGTH_MS
        if end <= REFERENCE_MS:
            state = "closed"
        elif start <= REFERENCE_MS:
            state = "active"
        else:
            state = "future"
        completed = end + rng.randrange(0, 20) * HOUR_MS if state == "closed" else None
        sprint = Sprint(
            id=sprint_id,
            name=f"{data.spec.key} Sprint {number}",
            state=state,
            board_id=data.board_id,
            # Jira sets the dates of a sprint when it starts; future sprints have none yet.
            start_date=format_sprint_timestamp(start) if state != "future" else None,
            end_date=format_sprint_timestamp(end) if state != "future" else None,
            complete_date=format_sprint_timestamp(completed) if completed is not None else None,
            goal=rng.choice(_SPRINT_GOALS),
        )
        data.sprints.append(sprint)
        data.sprint_json.append(_sprint_json(sprint))
        data.sprint_end_ms.append(end)


def generate_projects(rng: random.Random, base_url: str) -> list[ProjectData]:
    projects: list[ProjectData] = []
    for index, spec in enumerate(PROJECT_SPECS):
        project = Project(id=str(10000 + index), key=spec.key, name=spec.name)
        versions, version_json, release_ms = _versions(
            rng, spec, 10000 + index * VERSIONS_PER_PROJECT, base_url
        )
        projects.append(
            ProjectData(
                spec=spec,
                project=project,
                json=_project_json(project, base_url),
                components=_components(spec, 10000 + index * 10, base_url),
                versions=versions,
                version_json=version_json,
                version_release_ms=release_ms,
                board_id=index + 1,
                sprints=[],
                sprint_json=[],
                sprint_end_ms=[],
            )
        )
    _add_sprints(rng, projects)
    return projects
