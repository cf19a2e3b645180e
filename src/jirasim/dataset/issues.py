"""Issue generation: one Jira REST v3 issue dict (as returned with `fields=*all` and
`expand=changelog`) per id, in creation order.

Issue ids ascend from 10000 with creation time and keys count up per project. Sub-objects that
Jira renders identically (users, statuses, priorities, projects, versions, sprints, options,
empty lists) are single shared objects, so callers must treat issues as read-only.
"""

from __future__ import annotations

import random
from typing import Any

from jirasim.dataset.catalog import (
    BUG,
    EPIC,
    PLATFORM_OPTIONS,
    PLATFORMS_FIELD,
    PRIORITIES,
    RESOLUTION_CANNOT_REPRODUCE,
    RESOLUTION_DONE,
    RESOLUTION_DUPLICATE,
    RESOLUTION_WONT_DO,
    SPRINT_FIELD,
    STORY,
    STORY_POINTS_FIELD,
    SUBTASK,
    TARGET_DATE_FIELD,
    TASK,
    TEAM_FIELD,
    TEAM_OPTIONS,
    WONT_DO,
    IssueType,
    ReferenceJson,
    Resolution,
)
from jirasim.dataset.clock import (
    DAY_MS,
    HOUR_MS,
    MINUTE_MS,
    REFERENCE_MS,
    format_date,
    format_timestamp,
)
from jirasim.dataset.effort import (
    Effort,
    ProgressCache,
    WorklogWriter,
    plan_effort,
    story_points,
    timetracking_json,
    work_ratio,
)
from jirasim.dataset.history_cases import vary_life
from jirasim.dataset.people import ADMINISTRATORS_GROUP, SOFTWARE_USERS_GROUP, People
from jirasim.dataset.planning import (
    pick_affected_versions,
    pick_components,
    pick_fix_versions,
    pick_sprints,
)
from jirasim.dataset.projects import RESTRICTED_PROJECT_KEY, ProjectData
from jirasim.dataset.text import HOSTILE_LABELS, HOSTILE_SUMMARIES, TextBank
from jirasim.dataset.workflow import ChangelogWriter, plan_assignee_changes, plan_life

JsonDict = dict[str, Any]

FIRST_ISSUE_ID = 10000
_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
_HISTORY_MS = 730 * DAY_MS
# Cumulative odds: 5 % epics, 38 % stories, 25 % tasks, 20 % bugs, 12 % sub-tasks.
_ISSUE_TYPE_ODDS = ((0.05, EPIC), (0.43, STORY), (0.68, TASK), (0.88, BUG), (1.0, SUBTASK))
# Cumulative odds over Highest..Lowest, skewed to Medium; bugs lean higher.
_PRIORITY_ODDS = (0.04, 0.20, 0.76, 0.94, 1.0)
_BUG_PRIORITY_ODDS = (0.10, 0.35, 0.80, 0.95, 1.0)
_UNASSIGNED_CHANCE = {"new": 0.4, "indeterminate": 0.05, "done": 0.08}
_WORK_WINDOW_MS = 3 * DAY_MS


def _first_at_or_above(odds: tuple[float, ...], roll: float) -> int:
    for index, bound in enumerate(odds):
        if roll < bound:
            return index
    return len(odds) - 1


def _sum_or_none(values: list[int | None]) -> int | None:
    present = [value for value in values if value is not None]
    return sum(present) if present else None


class IssueFactory:
    """Generates a site's issues; holds the shared JSON and the per-project state."""

    def __init__(
        self,
        *,
        rng: random.Random,
        base_url: str,
        people: People,
        projects: list[ProjectData],
        text: TextBank,
        history_rng: random.Random | None = None,
    ) -> None:
        self._rng = rng
        # Picks the hard history cases (jirasim.dataset.history_cases); None: none of them.
        self._history_rng = history_rng
        self._base_url = base_url
        self._projects = projects
        self._text = text
        self._reference = ReferenceJson.build(base_url)
        self._user_json = {user.account_id: user.to_json(base_url) for user in people.users}
        self._changelog = ChangelogWriter(
            self._user_json, {user.account_id: user.display_name for user in people.users}
        )
        self._worklogs = WorklogWriter(base_url)
        self._progress = ProgressCache()
        self._empty: list[Any] = []  # shared by every empty list field
        self._no_worklogs = {"startAt": 0, "maxResults": 20, "total": 0, "worklogs": self._empty}
        self._no_timetracking: JsonDict = {}
        active = {user.account_id for user in people.users if user.active}
        software_users = [a for a in people.groups[SOFTWARE_USERS_GROUP] if a in active]
        self._members = [people.groups[data.spec.group] for data in projects]
        # A team whose members are all inactive (it happens for a few seeds) has its work filed
        # by the active administrators, who may browse every project.
        admins = [a for a in people.groups[ADMINISTRATORS_GROUP] if a in active]
        self._active_members = [
            [a for a in group if a in active] or admins for group in self._members
        ]
        # Reporters mostly come from the project's team; open projects also hear from others.
        self._outside_reporters = [
            self._active_members[index]
            if data.spec.key == RESTRICTED_PROJECT_KEY
            else software_users
            for index, data in enumerate(projects)
        ]
        shares = [data.spec.share for data in projects]
        total = sum(shares)
        running = 0.0
        odds: list[float] = []
        for share in shares:
            running += share / total
            odds.append(running)
        self._project_odds = tuple(odds)
        self._next_number = [1] * len(projects)
        self._epics: list[list[int]] = [[] for _ in projects]
        self._standard: list[list[int]] = [[] for _ in projects]
        self.issues: list[JsonDict] = []
        self._efforts: list[Effort] = []
        self._subtask_parent: dict[int, int] = {}
        self._refs: dict[int, JsonDict] = {}

    def generate(self, count: int) -> list[JsonDict]:
        rng = self._rng
        created_times = sorted(
            REFERENCE_MS - _HISTORY_MS + int(rng.random() ** 0.75 * (_HISTORY_MS - HOUR_MS))
            for _ in range(count)
        )
        hostile_summaries, hostile_labels = self._plan_hostile_text(count)
        for index, created in enumerate(created_times):
            self.issues.append(
                self._build(index, created, hostile_summaries.get(index), hostile_labels.get(index))
            )
        self._roll_up_subtasks()
        return self.issues

    def _plan_hostile_text(self, count: int) -> tuple[dict[int, str], dict[int, list[str]]]:
        """Every hostile summary and label at least once (at seeded positions), plus a few
        percent more at random."""
        rng = self._rng
        positions = rng.sample(range(count), min(count, len(HOSTILE_SUMMARIES)))
        summaries = dict(zip(positions, HOSTILE_SUMMARIES, strict=False))
        labels: dict[int, list[str]] = {}
        positions = rng.sample(range(count), min(count, len(HOSTILE_LABELS)))
        for position, label in zip(positions, HOSTILE_LABELS, strict=False):
            labels[position] = [label]
        for index in range(count):
            if rng.random() < 0.015:
                summaries.setdefault(index, rng.choice(HOSTILE_SUMMARIES[:-1]))
            if rng.random() < 0.01:
                labels.setdefault(index, []).append(rng.choice(HOSTILE_LABELS))
        return summaries, labels

    def _pick_type(self, project_index: int) -> IssueType:
        roll = self._rng.random()
        issue_type = next(t for bound, t in _ISSUE_TYPE_ODDS if roll < bound)
        if issue_type is SUBTASK and not self._standard[project_index]:
            return TASK
        return issue_type

    def _pick_parent(self, project_index: int, issue_type: IssueType) -> int | None:
        rng = self._rng
        if issue_type is SUBTASK:
            recent = self._standard[project_index][-40:]
            return recent[int(rng.random() * len(recent))]
        if issue_type is not EPIC and self._epics[project_index] and rng.random() < 0.55:
            recent = self._epics[project_index][-6:]
            return recent[int(rng.random() * len(recent))]
        return None

    def _pick_user(self, pool: list[str]) -> str:
        return pool[int(self._rng.random() * len(pool))]

    def _resolution(self, issue_type: IssueType, final_status_id: str) -> Resolution:
        if final_status_id == WONT_DO.id:
            return RESOLUTION_WONT_DO
        if issue_type is BUG:
            roll = self._rng.random()
            if roll < 0.06:
                return RESOLUTION_DUPLICATE
            if roll < 0.12:
                return RESOLUTION_CANNOT_REPRODUCE
        return RESOLUTION_DONE

    def _parent_ref(self, index: int) -> JsonDict:
        """The `{id, key, self, fields: {summary, status, priority, issuetype}}` form in which
        Jira embeds a parent or sub-task; built once per issue."""
        ref = self._refs.get(index)
        if ref is None:
            issue = self.issues[index]
            fields = issue["fields"]
            ref = self._refs[index] = {
                "id": issue["id"],
                "key": issue["key"],
                "self": issue["self"],
                "fields": {
                    "summary": fields["summary"],
                    "status": fields["status"],
                    "priority": fields["priority"],
                    "issuetype": fields["issuetype"],
                },
            }
        return ref

    def _build(
        self,
        index: int,
        created: int,
        hostile_summary: str | None,
        hostile_labels: list[str] | None,
    ) -> JsonDict:
        rng = self._rng
        reference = self._reference
        project_index = _first_at_or_above(self._project_odds, rng.random())
        project = self._projects[project_index]
        issue_type = self._pick_type(project_index)
        parent_index = self._pick_parent(project_index, issue_type)
        issue_id = str(FIRST_ISSUE_ID + index)
        key = f"{project.spec.key}-{self._next_number[project_index]}"
        self._next_number[project_index] += 1

        active_members = self._active_members[project_index]
        if rng.random() < 0.85:
            reporter = self._pick_user(active_members)
        else:
            reporter = self._pick_user(self._outside_reporters[project_index])
        creator = reporter if rng.random() < 0.95 else self._pick_user(active_members)
        life = plan_life(rng, issue_type, created)
        if self._history_rng is not None:
            vary_life(self._history_rng, life, issue_type)
        status = life.status
        category = status.category.key
        assignee: str | None
        if rng.random() < _UNASSIGNED_CHANCE[category]:
            assignee = None
        elif category == "done" and rng.random() < 0.1:
            assignee = self._pick_user(self._members[project_index])  # may have left since
        else:
            assignee = self._pick_user(active_members)
        plan_assignee_changes(rng, life, assignee, self._pick_user(active_members))

        resolved = (life.times[-1] if life.times else created) if category == "done" else None
        resolution = self._resolution(issue_type, status.id) if resolved is not None else None
        changelog = self._changelog.write(life, resolution, reporter, assignee)

        last_event = max([created, *life.times, *(c[0] for c in life.assignee_changes)])
        effort = plan_effort(rng, issue_type.name, category)
        self._efforts.append(effort)
        worklogs: list[JsonDict] = []
        if effort.spent:
            work_start = life.started_at or created
            if resolved is not None:
                work_end = max(work_start, resolved)
            else:  # still open: work goes on a little after the last recorded change
                work_end = max(work_start, last_event) + _WORK_WINDOW_MS
                work_end = min(REFERENCE_MS - MINUTE_MS, work_end)
            author = self._user_json[assignee or reporter]
            worklogs = self._worklogs.write(
                rng, issue_id, effort.spent, author, work_start, work_end
            )
            last_event = max(last_event, work_end)
        updated = last_event
        if rng.random() < 0.35:
            updated += int(rng.random() * min(2 * DAY_MS, REFERENCE_MS - updated))
        # Equal instants share one string: most done issues changed category when resolved.
        created_text = format_timestamp(created)
        resolved_text = format_timestamp(resolved) if resolved is not None else None
        category_changed = life.status_category_changed_at
        if category_changed is None:
            category_changed_text = created_text
        elif category_changed == resolved and resolved_text is not None:
            category_changed_text = resolved_text
        else:
            category_changed_text = format_timestamp(category_changed)
        fix_versions = (
            pick_fix_versions(rng, project, category, resolved) if issue_type is not EPIC else []
        )
        affected_versions = (
            pick_affected_versions(rng, project, created) if issue_type is BUG else []
        )
        sprints = self._sprints(project, issue_type, parent_index, category, created, resolved)

        hostile = hostile_summary is not None or hostile_labels is not None
        labels = self._text.labels(rng)
        if hostile_labels:
            labels = sorted({*labels, *hostile_labels})
        priority_odds = _BUG_PRIORITY_ODDS if issue_type is BUG else _PRIORITY_ODDS
        priority = PRIORITIES[_first_at_or_above(priority_odds, rng.random())]

        fields: JsonDict = {
            "statuscategorychangedate": category_changed_text,
            "issuetype": reference.issue_types[issue_type.id],
            "timespent": effort.spent,
            "project": project.json,
            "fixVersions": fix_versions or self._empty,
            "aggregatetimespent": effort.spent,
            "resolution": reference.resolutions[resolution.id] if resolution else None,
            "resolutiondate": resolved_text,
            "workratio": work_ratio(effort),
            "lastViewed": None,
            "watches": {
                "self": f"{self._base_url}/rest/api/3/issue/{key}/watchers",
                "watchCount": 1 if assignee in (None, reporter) else 2,
                "isWatching": False,
            },
            "created": created_text,
            "priority": reference.priorities[priority.id],
            "labels": labels or self._empty,
            "timeestimate": effort.remaining,
            "aggregatetimeoriginalestimate": effort.original,
            "versions": affected_versions or self._empty,
            "issuelinks": self._empty,
            "assignee": self._user_json[assignee] if assignee else None,
            "updated": format_timestamp(updated),
            "status": reference.statuses[status.id],
            "components": pick_components(rng, project) or self._empty,
            "timeoriginalestimate": effort.original,
            "description": self._text.description(rng, hostile),
            "timetracking": timetracking_json(effort) if effort.original else self._no_timetracking,
            "security": None,
            "attachment": self._empty,
            "aggregatetimeestimate": effort.remaining,
            "summary": hostile_summary or self._text.summary(rng, issue_type.name),
            "creator": self._user_json[creator],
            "subtasks": self._empty,
            "reporter": self._user_json[reporter],
            "aggregateprogress": self._progress.get(effort.spent, effort.remaining),
            "environment": (
                rng.choice(self._text.environments)
                if rng.random() < (0.45 if issue_type is BUG else 0.03)
                else None
            ),
            "duedate": (
                format_date(created + rng.randint(3, 45) * DAY_MS)
                if issue_type is not EPIC and rng.random() < 0.25
                else None
            ),
            "progress": self._progress.get(effort.spent, effort.remaining),
            "votes": {
                "self": f"{self._base_url}/rest/api/3/issue/{key}/votes",
                "votes": 0,
                "hasVoted": False,
            },
            "comment": {
                "comments": self._empty,
                "self": f"{self._base_url}/rest/api/3/issue/{issue_id}/comment",
                "maxResults": 0,
                "total": 0,
                "startAt": 0,
            },
            "worklog": (
                {"startAt": 0, "maxResults": 20, "total": len(worklogs), "worklogs": worklogs}
                if worklogs
                else self._no_worklogs
            ),
            STORY_POINTS_FIELD: story_points(rng, issue_type.name),
            SPRINT_FIELD: sprints,
            TEAM_FIELD: self._team(project),
            PLATFORMS_FIELD: self._platforms(),
            TARGET_DATE_FIELD: (
                format_date(created + rng.randint(30, 150) * DAY_MS)
                if rng.random() < (0.6 if issue_type is EPIC else 0.03)
                else None
            ),
        }
        if parent_index is not None:
            # Jira omits `parent` for issues without one rather than returning null.
            fields["parent"] = self._parent_ref(parent_index)
            if issue_type is SUBTASK:
                self._subtask_parent[index] = parent_index
        if issue_type is EPIC:
            self._epics[project_index].append(index)
        elif issue_type.hierarchy_level == 0:
            self._standard[project_index].append(index)
        return {
            "expand": _EXPAND,
            "id": issue_id,
            "self": f"{self._base_url}/rest/api/3/issue/{issue_id}",
            "key": key,
            "changelog": changelog,
            "fields": fields,
        }

    def _sprints(
        self,
        project: ProjectData,
        issue_type: IssueType,
        parent_index: int | None,
        category: str,
        created: int,
        resolved: int | None,
    ) -> list[JsonDict] | None:
        """Epics stay out of sprints; sub-tasks are in their parent's sprints (Jira keeps them
        together)."""
        if issue_type is EPIC:
            return None
        if issue_type is SUBTASK and parent_index is not None:
            parent_fields: JsonDict = self.issues[parent_index]["fields"]
            parent_sprints: list[JsonDict] | None = parent_fields[SPRINT_FIELD]
            return parent_sprints
        return pick_sprints(self._rng, project, category, created, resolved)

    def _team(self, project: ProjectData) -> JsonDict | None:
        roll = self._rng.random()
        if roll < 0.75:
            return self._reference.team_options[project.spec.team_option]
        if roll < 0.85:
            return self._reference.team_options[self._rng.choice(TEAM_OPTIONS).id]
        return None

    def _platforms(self) -> list[JsonDict] | None:
        rng = self._rng
        if rng.random() < 0.45:
            return None
        picked = sorted(rng.sample(range(len(PLATFORM_OPTIONS)), rng.randint(1, 3)))
        return [self._reference.platform_options[PLATFORM_OPTIONS[i].id] for i in picked]

    def _roll_up_subtasks(self) -> None:
        """Fill parents' `subtasks` and the aggregate time fields, which include sub-tasks."""
        children: dict[int, list[int]] = {}
        for child, parent in self._subtask_parent.items():
            children.setdefault(parent, []).append(child)
        for parent, kids in children.items():
            fields = self.issues[parent]["fields"]
            fields["subtasks"] = [self._parent_ref(kid) for kid in kids]
            efforts = [self._efforts[parent], *(self._efforts[kid] for kid in kids)]
            original = _sum_or_none([e.original for e in efforts])
            remaining = _sum_or_none([e.remaining for e in efforts])
            spent = _sum_or_none([e.spent for e in efforts])
            fields["aggregatetimeoriginalestimate"] = original
            fields["aggregatetimeestimate"] = remaining
            fields["aggregatetimespent"] = spent
            fields["aggregateprogress"] = self._progress.get(spent, remaining)
