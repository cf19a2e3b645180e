"""The site's fixed vocabulary: the `/rest/api/3/field` catalog, custom-field ids and options,
and the reference objects issues point at (statuses, priorities, resolutions, issue types).

Shapes follow docs/platform.md#fields-and-value-shapes and the Jira Cloud OpenAPI schemas
`FieldDetails`,
`StatusDetails`, `Priority`, `Resolution`, `IssueTypeDetails`. Field names, flags and clause
names are those of a real Jira Cloud site's `/rest/api/3/field` response.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JsonDict = dict[str, Any]

# Custom field ids. Real sites number these differently; clients must resolve them by
# `schema.custom` or name, and this site uses the ids most Jira Cloud sites have.
STORY_POINTS_FIELD = "customfield_10016"
SPRINT_FIELD = "customfield_10020"
TEAM_FIELD = "customfield_10030"
PLATFORMS_FIELD = "customfield_10031"
TARGET_DATE_FIELD = "customfield_10040"

_CUSTOM_TYPES = "com.atlassian.jira.plugin.system.customfieldtypes"


@dataclass(frozen=True, eq=False)  # singletons: identity is equality, and it is faster
class StatusCategory:
    id: int
    key: str  # "new" | "indeterminate" | "done"
    name: str
    color_name: str


@dataclass(frozen=True, eq=False)  # singletons: identity is equality, and it is faster
class Status:
    id: str
    name: str
    category: StatusCategory
    description: str = ""


@dataclass(frozen=True)
class Priority:
    id: str
    name: str
    status_color: str
    description: str


@dataclass(frozen=True)
class Resolution:
    id: str
    name: str
    description: str


@dataclass(frozen=True, eq=False)  # singletons: identity is equality, and it is faster
class IssueType:
    id: str
    name: str
    description: str
    hierarchy_level: int  # epic 1, standard 0, sub-task -1
    avatar_id: int

    @property
    def subtask(self) -> bool:
        return self.hierarchy_level == -1


@dataclass(frozen=True)
class FieldOption:
    """One option of a select or multi-select custom field."""

    id: str
    value: str


TO_DO_CATEGORY = StatusCategory(2, "new", "To Do", "blue-gray")
IN_PROGRESS_CATEGORY = StatusCategory(4, "indeterminate", "In Progress", "yellow")
DONE_CATEGORY = StatusCategory(3, "done", "Done", "green")

TO_DO = Status("10000", "To Do", TO_DO_CATEGORY, "Work that has not been started.")
IN_PROGRESS = Status("10001", "In Progress", IN_PROGRESS_CATEGORY, "Work is being done.")
IN_REVIEW = Status("10002", "In Review", IN_PROGRESS_CATEGORY, "Waiting for review.")
DONE = Status("10003", "Done", DONE_CATEGORY, "Work is complete.")
WONT_DO = Status("10004", "Won't Do", DONE_CATEGORY, "Work that will not be done.")
BACKLOG = Status("10005", "Backlog", TO_DO_CATEGORY, "Not yet planned.")
STATUSES = (TO_DO, IN_PROGRESS, IN_REVIEW, DONE, WONT_DO, BACKLOG)

# Jira's default priority scheme, in Jira's order (highest first) with Jira's ids.
PRIORITIES = (
    Priority("1", "Highest", "#d04437", "This problem will block progress."),
    Priority("2", "High", "#f15C75", "Serious problem that could block progress."),
    Priority("3", "Medium", "#f79232", "Has the potential to affect progress."),
    Priority("4", "Low", "#707070", "Minor problem or easily worked around."),
    Priority("5", "Lowest", "#999999", "Trivial problem with little or no impact on progress."),
)
DEFAULT_PRIORITY = PRIORITIES[2]

RESOLUTION_DONE = Resolution("10000", "Done", "Work has been completed on this issue.")
RESOLUTION_WONT_DO = Resolution("10001", "Won't Do", "This issue won't be actioned.")
RESOLUTION_DUPLICATE = Resolution(
    "10002", "Duplicate", "The problem is a duplicate of an existing issue."
)
RESOLUTION_CANNOT_REPRODUCE = Resolution(
    "10003", "Cannot Reproduce", "All attempts at reproducing this issue failed."
)
RESOLUTIONS = (
    RESOLUTION_DONE,
    RESOLUTION_WONT_DO,
    RESOLUTION_DUPLICATE,
    RESOLUTION_CANNOT_REPRODUCE,
)

EPIC = IssueType("10000", "Epic", "A big user story that needs to be broken down.", 1, 10307)
STORY = IssueType("10001", "Story", "Functionality expressed as a user goal.", 0, 10315)
TASK = IssueType("10002", "Task", "A small, distinct piece of work.", 0, 10318)
BUG = IssueType("10003", "Bug", "A problem or error.", 0, 10303)
SUBTASK = IssueType("10004", "Sub-task", "A small piece of work within a larger task.", -1, 10316)
ISSUE_TYPES = (EPIC, STORY, TASK, BUG, SUBTASK)

TEAM_OPTIONS = tuple(
    FieldOption(str(10100 + index), name)
    for index, name in enumerate(("Platform", "Web", "Operations", "Data", "Security", "Mobile"))
)
PLATFORM_OPTIONS = tuple(
    FieldOption(str(10200 + index), name)
    for index, name in enumerate(("iOS", "Android", "Web", "Desktop", "API"))
)


def status_category_json(category: StatusCategory, base_url: str) -> JsonDict:
    return {
        "self": f"{base_url}/rest/api/3/statuscategory/{category.id}",
        "id": category.id,
        "key": category.key,
        "colorName": category.color_name,
        "name": category.name,
    }


def status_json(status: Status, base_url: str) -> JsonDict:
    return {
        "self": f"{base_url}/rest/api/3/status/{status.id}",
        "description": status.description,
        "iconUrl": f"{base_url}/images/icons/statuses/generic.png",
        "name": status.name,
        "id": status.id,
        "statusCategory": status_category_json(status.category, base_url),
    }


def priority_json(priority: Priority, base_url: str) -> JsonDict:
    return {
        "self": f"{base_url}/rest/api/3/priority/{priority.id}",
        "iconUrl": f"{base_url}/images/icons/priorities/{priority.name.lower()}.svg",
        "name": priority.name,
        "id": priority.id,
    }


def priority_details_json(priority: Priority, base_url: str) -> JsonDict:
    """The form `/priority/search` answers: the issue field's form plus colour and description."""
    return {
        **priority_json(priority, base_url),
        "statusColor": priority.status_color,
        "description": priority.description,
        "isDefault": priority is DEFAULT_PRIORITY,
    }


def resolution_json(resolution: Resolution, base_url: str) -> JsonDict:
    return {
        "self": f"{base_url}/rest/api/3/resolution/{resolution.id}",
        "id": resolution.id,
        "description": resolution.description,
        "name": resolution.name,
    }


def issue_type_json(issue_type: IssueType, base_url: str) -> JsonDict:
    avatars = f"{base_url}/rest/api/2/universal_avatar/view/type/issuetype/avatar"
    return {
        "self": f"{base_url}/rest/api/3/issuetype/{issue_type.id}",
        "id": issue_type.id,
        "description": issue_type.description,
        "iconUrl": f"{avatars}/{issue_type.avatar_id}?size=medium",
        "name": issue_type.name,
        "subtask": issue_type.subtask,
        "avatarId": issue_type.avatar_id,
        "hierarchyLevel": issue_type.hierarchy_level,
    }


def option_json(option: FieldOption, base_url: str) -> JsonDict:
    return {
        "self": f"{base_url}/rest/api/3/customFieldOption/{option.id}",
        "value": option.value,
        "id": option.id,
    }


@dataclass(frozen=True)
class ReferenceJson:
    """The JSON of every reference object, built once per site and shared by all issues
    (Jira returns identical JSON for them, so one dict each saves memory)."""

    statuses: dict[str, JsonDict]
    priorities: dict[str, JsonDict]
    resolutions: dict[str, JsonDict]
    issue_types: dict[str, JsonDict]
    team_options: dict[str, JsonDict]
    platform_options: dict[str, JsonDict]

    @classmethod
    def build(cls, base_url: str) -> ReferenceJson:
        return cls(
            statuses={s.id: status_json(s, base_url) for s in STATUSES},
            priorities={p.id: priority_json(p, base_url) for p in PRIORITIES},
            resolutions={r.id: resolution_json(r, base_url) for r in RESOLUTIONS},
            issue_types={t.id: issue_type_json(t, base_url) for t in ISSUE_TYPES},
            team_options={o.id: option_json(o, base_url) for o in TEAM_OPTIONS},
            platform_options={o.id: option_json(o, base_url) for o in PLATFORM_OPTIONS},
        )


def _custom(type_: str, custom: str, custom_id: int, items: str | None = None) -> JsonDict:
    schema: JsonDict = {"type": type_}
    if items is not None:
        schema["items"] = items
    schema["custom"] = custom
    schema["customId"] = custom_id
    return schema


# (id, name, flags, clauseNames, schema type, array item type). Flags: O orderable,
# N navigable, S searchable. The schema's `system` is the field id; no type means no schema.
_SYSTEM_FIELDS: tuple[tuple[str, str, str, tuple[str, ...], str | None, str | None], ...] = (
    ("summary", "Summary", "ONS", ("summary",), "string", None),
    ("description", "Description", "ONS", ("description",), "string", None),
    ("issuetype", "Issue Type", "ONS", ("issuetype", "type"), "issuetype", None),
    ("status", "Status", "NS", ("status",), "status", None),
    ("statusCategory", "Status Category", "NS", ("statusCategory",), None, None),
    ("priority", "Priority", "ONS", ("priority",), "priority", None),
    ("resolution", "Resolution", "ONS", ("resolution",), "resolution", None),
    ("assignee", "Assignee", "ONS", ("assignee",), "user", None),
    ("reporter", "Reporter", "ONS", ("reporter",), "user", None),
    ("creator", "Creator", "NS", ("creator",), "user", None),
    ("created", "Created", "NS", ("created", "createdDate"), "datetime", None),
    ("updated", "Updated", "NS", ("updated", "updatedDate"), "datetime", None),
    ("resolutiondate", "Resolved", "NS", ("resolutiondate", "resolved"), "datetime", None),
    (
        "statuscategorychangedate",
        "Status Category Changed",
        "NS",
        ("statusCategoryChangedDate",),
        "datetime",
        None,
    ),
    ("duedate", "Due date", "ONS", ("due", "duedate"), "date", None),
    ("labels", "Labels", "ONS", ("labels",), "array", "string"),
    ("components", "Components", "ONS", ("component",), "array", "component"),
    ("fixVersions", "Fix versions", "ONS", ("fixVersion",), "array", "version"),
    ("versions", "Affects versions", "ONS", ("affectedVersion",), "array", "version"),
    ("project", "Project", "NS", ("project",), "project", None),
    ("parent", "Parent", "N", ("parent",), None, None),
    ("issuekey", "Key", "N", ("id", "issue", "issuekey", "key"), None, None),
    ("subtasks", "Sub-tasks", "N", ("subtasks",), "array", "issuelinks"),
    ("issuelinks", "Linked Issues", "ONS", (), "array", "issuelinks"),
    ("environment", "Environment", "ONS", ("environment",), "string", None),
    (
        "timeoriginalestimate",
        "Original estimate",
        "N",
        ("originalEstimate", "timeoriginalestimate"),
        "number",
        None,
    ),
    (
        "timeestimate",
        "Remaining Estimate",
        "N",
        ("remainingEstimate", "timeestimate"),
        "number",
        None,
    ),
    ("timespent", "Time Spent", "N", ("timespent",), "number", None),
    ("aggregatetimeoriginalestimate", "Σ Original Estimate", "N", (), "number", None),
    ("aggregatetimeestimate", "Σ Remaining Estimate", "N", (), "number", None),
    ("aggregatetimespent", "Σ Time Spent", "N", (), "number", None),
    ("timetracking", "Time tracking", "OS", (), "timetracking", None),
    ("progress", "Progress", "N", ("progress",), "progress", None),
    ("aggregateprogress", "Σ Progress", "N", (), "progress", None),
    ("workratio", "Work Ratio", "NS", ("workratio",), "number", None),
    ("worklog", "Log Work", "OS", (), "array", "worklog"),
    ("comment", "Comment", "OS", ("comment",), "comments-page", None),
    ("attachment", "Attachment", "OS", ("attachments",), "array", "attachment"),
    ("votes", "Votes", "N", ("votes",), "votes", None),
    ("watches", "Watchers", "N", ("watchers",), "watches", None),
    ("lastViewed", "Last Viewed", "N", ("lastViewed",), "datetime", None),
    ("security", "Security Level", "ONS", ("level",), "securitylevel", None),
    ("thumbnail", "Images", "N", (), None, None),
)

_SPRINT_TYPE = "com.pyxis.greenhopper.jira:gh-sprint"

# (id, name, schema)
_CUSTOM_FIELDS: tuple[tuple[str, str, JsonDict], ...] = (
    (STORY_POINTS_FIELD, "Story Points", _custom("number", f"{_CUSTOM_TYPES}:float", 10016)),
    (SPRINT_FIELD, "Sprint", _custom("array", _SPRINT_TYPE, 10020, "json")),
    (TEAM_FIELD, "Team", _custom("option", f"{_CUSTOM_TYPES}:select", 10030)),
    (
        PLATFORMS_FIELD,
        "Platforms",
        _custom("array", f"{_CUSTOM_TYPES}:multiselect", 10031, "option"),
    ),
    (TARGET_DATE_FIELD, "Target date", _custom("date", f"{_CUSTOM_TYPES}:datepicker", 10040)),
)


def field_catalog() -> list[JsonDict]:
    """The `/rest/api/3/field` response: system fields, then custom fields (a fresh list)."""
    fields: list[JsonDict] = []
    for field_id, name, flags, clause_names, type_, items in _SYSTEM_FIELDS:
        entry: JsonDict = {
            "id": field_id,
            "key": field_id,
            "name": name,
            "custom": False,
            "orderable": "O" in flags,
            "navigable": "N" in flags,
            "searchable": "S" in flags,
            "clauseNames": list(clause_names),
        }
        if type_ is not None:
            schema: JsonDict = {"type": type_}
            if items is not None:
                schema["items"] = items
            schema["system"] = field_id
            entry["schema"] = schema
        fields.append(entry)
    for field_id, name, schema in _CUSTOM_FIELDS:
        custom_id = field_id.removeprefix("customfield_")
        fields.append(
            {
                "id": field_id,
                "key": field_id,
                "name": name,
                "custom": True,
                "orderable": True,
                "navigable": True,
                "searchable": True,
                "clauseNames": [f"cf[{custom_id}]", name],
                "schema": dict(schema),
            }
        )
    return fields
