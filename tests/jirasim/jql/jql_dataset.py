"""A small hand-written Jira site for the JQL tests: 2 projects, 20 issues, fixed `NOW`.

NOW is Wednesday 2024-06-12 12:00 UTC. Project OPS may only be browsed by Alice and Carol;
EX is open to everyone. Issues are in the Jira REST v3 shape with changelogs.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from jirasim.site import JsonDict, Project, Site, Sprint, User, Version

NOW = datetime(2024, 6, 12, 12, 0, tzinfo=UTC)
BASE = "https://sim.example"

USERS = [
    User("acc-alice", "Alice Anders", "alice@example.com", time_zone="Europe/Berlin"),
    User("acc-bob", "Bob Brown", "bob@example.com"),
    User("acc-carol", "Carol Chen", "carol@example.com"),
    User("acc-dave", "Dave Diaz", "dave@example.com"),
]
_USERS = {u.account_id.removeprefix("acc-"): u for u in USERS}

STATUSES = {
    "To Do": ("10000", "new"),
    "In Progress": ("3", "indeterminate"),
    "In Review": ("10001", "indeterminate"),
    "Done": ("10002", "done"),
}
PRIORITIES = {"Highest": "1", "High": "2", "Medium": "3", "Low": "4", "Lowest": "5"}
RESOLUTIONS = {"Done": "10000", "Won't Do": "10001"}
ISSUE_TYPES = {
    "Epic": "10000",
    "Task": "10001",
    "Bug": "10002",
    "Story": "10003",
    "Sub-task": "10004",
}
COMPONENTS = {"Backend": "20000", "Frontend": "20001", "Infra": "20002"}
PROJECTS = [Project("10000", "EX", "Example Shop"), Project("10001", "OPS", "Operations")]
VERSIONS = [
    Version("30000", "EX", "1.0", released=True, release_date="2024-03-01"),
    Version("30001", "EX", "1.1", released=True, release_date="2024-05-15"),
    Version("30002", "EX", "2.0", released=False),
    Version("30012", "OPS", "2023.4", released=True, release_date="2023-12-15", archived=True),
    Version("30010", "OPS", "2024.1", released=True, release_date="2024-03-01"),
    Version("30011", "OPS", "2024.2", released=False),
]
SPRINTS = [
    Sprint(1, "EX Sprint 1", "closed", 1, "2024-05-01T09:00:00.000Z", "2024-05-15T09:00:00.000Z"),
    Sprint(2, "EX Sprint 2", "active", 1, "2024-06-03T09:00:00.000Z", "2024-06-17T09:00:00.000Z"),
    Sprint(3, "EX Sprint 3", "future", 1),
]
OPTIONS = {"Red": "40000", "Blue": "40001", "alpha": "40010", "beta": "40011"}


def _field(
    field_id: str, name: str, clause_names: list[str], schema: JsonDict, sortable: bool = True
) -> JsonDict:
    return {
        "id": field_id,
        "key": field_id,
        "name": name,
        "custom": field_id.startswith("customfield_"),
        "orderable": True,
        # Sortability follows `navigable`; `orderable` only means "editable on screens".
        "navigable": sortable,
        "searchable": True,
        "clauseNames": clause_names,
        "schema": schema,
    }


def _system(
    field_id: str,
    name: str,
    clause_names: list[str],
    kind: str,
    sortable: bool = True,
    **extra: Any,
) -> JsonDict:
    schema = {"type": kind, "system": field_id, **extra}
    return _field(field_id, name, clause_names, schema, sortable)


def _custom(number: int, name: str, custom: str, kind: str, **extra: Any) -> JsonDict:
    field_id = f"customfield_{number}"
    schema = {"type": kind, "custom": custom, "customId": number, **extra}
    return _field(field_id, name, [f"cf[{number}]", name], schema)


_GH = "com.pyxis.greenhopper.jira:"
_CF = "com.atlassian.jira.plugin.system.customfieldtypes:"
FIELDS: list[JsonDict] = [
    _system("summary", "Summary", ["summary"], "string"),
    _system("description", "Description", ["description"], "string", sortable=False),
    _system("environment", "Environment", ["environment"], "string"),
    _system("comment", "Comment", ["comment"], "comments-page", sortable=False),
    _system("issuekey", "Key", ["id", "issue", "issuekey", "key"], "string"),
    _system("project", "Project", ["project"], "project"),
    _system("status", "Status", ["status"], "status"),
    _system("priority", "Priority", ["priority"], "priority"),
    _system("resolution", "Resolution", ["resolution"], "resolution"),
    _system("issuetype", "Issue Type", ["issuetype", "type"], "issuetype"),
    _system("assignee", "Assignee", ["assignee"], "user"),
    _system("reporter", "Reporter", ["reporter"], "user"),
    _system("creator", "Creator", ["creator"], "user"),
    _system("labels", "Labels", ["labels"], "array", items="string"),
    _system("components", "Components", ["component"], "array", items="component"),
    _system("fixVersions", "Fix versions", ["fixVersion"], "array", items="version"),
    _system("versions", "Affects versions", ["affectedVersion"], "array", items="version"),
    _system("created", "Created", ["created", "createdDate"], "datetime"),
    _system("updated", "Updated", ["updated", "updatedDate"], "datetime"),
    _system("resolutiondate", "Resolved", ["resolutiondate", "resolved"], "datetime"),
    _system("duedate", "Due date", ["due", "duedate"], "date"),
    _system("parent", "Parent", ["parent"], "issuelink"),
    _system("timeoriginalestimate", "Original estimate",
            ["originalEstimate", "timeoriginalestimate"], "number"),
    _system("timespent", "Time Spent", ["timespent"], "number"),
    _custom(10020, "Sprint", _GH + "gh-sprint", "array", items="json"),
    _custom(10016, "Story point estimate", _GH + "jsw-story-points", "number"),
    _custom(10030, "Team", _CF + "select", "option"),
    _custom(10031, "Tags", _CF + "multiselect", "array", items="option"),
    _custom(10040, "Notes", _CF + "textarea", "string"),
    _custom(10050, "Start date", _CF + "datepicker", "date"),
]  # fmt: skip


def _adf(text: str) -> JsonDict:
    paragraphs = [
        {"type": "paragraph", "content": [{"type": "text", "text": t}]} for t in text.split("\n")
    ]
    return {"type": "doc", "version": 1, "content": paragraphs}


def _user(name: str | None) -> JsonDict | None:
    return None if name is None else _USERS[name].to_json(BASE)


def _named(table: dict[str, str], name: str | None, **extra: Any) -> JsonDict | None:
    if name is None:
        return None
    return {"self": f"{BASE}/rest/api/3/x/{table[name]}", "id": table[name], "name": name, **extra}


def _status(name: str) -> JsonDict:
    status_id, category = STATUSES[name]
    category_name = {"new": "To Do", "indeterminate": "In Progress", "done": "Done"}[category]
    category_id = {"new": 2, "indeterminate": 4, "done": 3}[category]
    return {
        "self": f"{BASE}/rest/api/3/status/{status_id}",
        "id": status_id,
        "name": name,
        "statusCategory": {"id": category_id, "key": category, "name": category_name},
    }


def _version(name: str) -> JsonDict:
    version = next(v for v in VERSIONS if v.name == name)
    return {
        "id": version.id,
        "name": name,
        "released": version.released,
        "archived": version.archived,
    }


def _when(text: str) -> str:
    """`2024-06-03 09:00` -> Jira's timestamp shape in UTC."""
    day, _, clock = text.partition(" ")
    return f"{day}T{clock or '00:00'}:00.000+0000"


Change = tuple[str, str, list[tuple[str, str | None, str | None]]]


def _item(field: str, before: str | None, after: str | None) -> JsonDict:
    tables: dict[str, dict[str, str]] = {
        "priority": PRIORITIES,
        "resolution": RESOLUTIONS,
    }
    if field == "status":
        ids = {name: STATUSES[name][0] for name in STATUSES}
    elif field in ("assignee", "reporter"):
        ids = {name: _USERS[name].account_id for name in _USERS}
    elif field == "Fix Version":
        ids = {v.name: v.id for v in VERSIONS}
    else:
        ids = tables[field]

    def label(name: str | None) -> str | None:
        if name is None:
            return None
        return _USERS[name].display_name if name in _USERS else name

    return {
        "field": field,
        "fieldtype": "jira",
        "fieldId": "fixVersions" if field == "Fix Version" else field,
        "from": None if before is None else ids[before],
        "fromString": label(before),
        "to": None if after is None else ids[after],
        "toString": label(after),
    }


def make_issue(key: str, summary: str, kind: str, status: str, created: str, **f: Any) -> JsonDict:
    project_key, number = key.split("-")
    project = next(p for p in PROJECTS if p.key == project_key)
    issue_id = str((20000 if project_key == "OPS" else 10000) + int(number))
    history: list[Change] = f.get("history", [])
    fields: JsonDict = {
        "summary": summary,
        "issuetype": _named(ISSUE_TYPES, kind, subtask=kind == "Sub-task"),
        "status": _status(status),
        "project": {"id": project.id, "key": project.key, "name": project.name},
        "priority": _named(PRIORITIES, f.get("priority", "Medium")),
        "assignee": _user(f.get("assignee")),
        "reporter": _user(f.get("reporter", "alice")),
        "creator": _user(f.get("reporter", "alice")),
        "created": _when(created),
        "updated": _when(f.get("updated") or (history[-1][0] if history else created)),
        "resolution": _named(RESOLUTIONS, f.get("resolution")),
        "resolutiondate": _when(f["resolved"]) if f.get("resolved") else None,
        "duedate": f.get("due"),
        "labels": list(f.get("labels", [])),
        "components": [_named(COMPONENTS, c) for c in f.get("components", [])],
        "fixVersions": [_version(v) for v in f.get("fix", [])],
        "versions": [_version(v) for v in f.get("affects", [])],
        "description": _adf(f["description"]) if f.get("description") else None,
        "environment": _adf(f["environment"]) if f.get("environment") else None,
        "comment": {
            "comments": [
                {"author": _user(who), "body": _adf(text), "created": _when(created)}
                for who, text in f.get("comments", [])
            ],
            "total": len(f.get("comments", [])),
        },
        "timeoriginalestimate": f.get("estimate"),
        "timespent": f.get("spent"),
        "customfield_10020": [
            {"id": s.id, "name": s.name, "state": s.state, "boardId": s.board_id}
            for s in SPRINTS
            if s.id in f.get("sprints", [])
        ]
        or None,
        "customfield_10016": f.get("points"),
        "customfield_10030": {"value": f["team"], "id": OPTIONS[f["team"]]}
        if f.get("team")
        else None,
        "customfield_10031": [{"value": t, "id": OPTIONS[t]} for t in f.get("tags", [])] or None,
        "customfield_10040": _adf(f["notes"]) if f.get("notes") else None,
        "customfield_10050": f.get("start"),
    }
    if f.get("parent"):
        parent_key = f["parent"]
        fields["parent"] = {"id": "", "key": parent_key, "fields": {}}
    histories = [
        {
            "id": f"{issue_id}{position}",
            "created": _when(at),
            "author": _user(who),
            "items": [_item(*item) for item in items],
        }
        for position, (at, who, items) in enumerate(history)
    ]
    return {
        "id": issue_id,
        "key": key,
        "self": f"{BASE}/rest/api/3/issue/{issue_id}",
        "fields": fields,
        "changelog": {"histories": histories},
    }


def issues() -> list[JsonDict]:
    made = [
        make_issue(
            "EX-1", "Checkout redesign", "Epic", "In Progress", "2024-01-10 09:00",
            priority="High", assignee="alice", reporter="carol", labels=["ux"],
            components=["Frontend"], fix=["2.0"],
            description="Redesign the checkout flow for mobile users",
        ),
        make_issue(
            "EX-2", "Add Apple Pay button", "Story", "Done", "2024-02-01 10:00",
            parent="EX-1", resolution="Done", resolved="2024-05-10 15:00", priority="High",
            assignee="bob", reporter="alice", labels=["payments", "mobile"],
            components=["Frontend"], fix=["1.1"], sprints=[1], points=5, team="Red",
            due="2024-05-01",
            history=[
                ("2024-03-01 10:00", "alice",
                 [("status", "To Do", "In Progress"), ("assignee", "alice", "bob")]),
                ("2024-05-10 15:00", "bob",
                 [("status", "In Progress", "Done"), ("resolution", None, "Done")]),
            ],
        ),
        make_issue(
            "EX-3", "Checkout crashes on empty cart", "Bug", "In Progress", "2024-05-20 08:30",
            priority="Highest", assignee="alice", reporter="bob", labels=["payments"],
            components=["Backend"], fix=["2.0"], affects=["1.1"], sprints=[2], points=3,
            team="Blue", environment="iOS 17 Safari", due="2024-06-12",
            description="Steps: open the cart, remove all items, press checkout.\n"
            "Stack trace shows NullPointerException in CartService",
            comments=[("carol", "Reproduced on staging")],
            history=[
                ("2024-06-03 09:00", "alice", [("status", "To Do", "In Progress")]),
                ("2024-06-10 11:00", "carol", [("priority", "High", "Highest")]),
            ],
        ),
        make_issue(
            "EX-4", "Update payment provider SDK", "Task", "To Do", "2024-06-10 14:00",
            components=["Backend"], sprints=[2, 3], points=2, due="2024-06-20",
        ),
        make_issue(
            "EX-5", "Saved cards for returning customers", "Story", "In Review",
            "2024-04-02 11:00", parent="EX-1", assignee="bob", reporter="carol",
            labels=["payments"], fix=["2.0"], sprints=[1, 2], points=8, team="Red",
            tags=["alpha"], notes="Needs PCI review before release",
            history=[
                ("2024-04-15 09:30", "bob", [("status", "To Do", "In Progress")]),
                ("2024-05-01 13:00", "carol",
                 [("assignee", "alice", "bob"), ("Fix Version", None, "2.0")]),
                ("2024-06-11 16:00", "bob", [("status", "In Progress", "In Review")]),
            ],
        ),
        make_issue(
            "EX-6", "Typo in receipt email", "Bug", "Done", "2023-12-01 10:00",
            resolution="Won't Do", resolved="2023-12-05 12:00", priority="Low",
            assignee="carol", reporter="bob", labels=["email"], fix=["1.0"],
            history=[
                ("2023-12-05 12:00", "carol",
                 [("status", "To Do", "Done"), ("resolution", None, "Won't Do")]),
            ],
        ),
        make_issue(
            "EX-7", "Write release notes for 1.1", "Task", "Done", "2024-05-14 09:00",
            resolution="Done", resolved="2024-05-15 17:00", priority="Lowest",
            assignee="alice", labels=["docs"], fix=["1.1"],
            history=[
                ("2024-05-14 10:00", "alice",
                 [("Fix Version", "1.0", None), ("Fix Version", None, "1.1")]),
                ("2024-05-15 17:00", "alice",
                 [("status", "To Do", "Done"), ("resolution", None, "Done")]),
            ],
        ),
        make_issue(
            "EX-8", "Add unit tests for cart", "Sub-task", "To Do", "2024-06-11 10:00",
            parent="EX-3", assignee="bob",
        ),
        make_issue(
            "EX-9", "Gift card support", "Story", "To Do", "2024-03-15 12:00",
            priority="High", reporter="carol", labels=["payments", "backlog"], sprints=[3],
            team="Blue", tags=["alpha", "beta"], start="2024-07-01",
        ),
        make_issue(
            "EX-10", "Coupon code field accepts spaces", "Bug", "Done", "2024-01-20 09:00",
            resolution="Done", resolved="2024-02-01 09:00", assignee="bob", reporter="dave",
            labels=["checkout"], fix=["1.0"], comments=[("alice", "Fixed in the validator")],
            history=[
                ("2024-02-01 09:00", "bob",
                 [("status", "To Do", "Done"), ("resolution", None, "Done")]),
            ],
        ),
        make_issue(
            "EX-11", "Investigate slow checkout page", "Task", "In Progress", "2024-06-05 10:00",
            assignee="carol", sprints=[2], points=5, estimate=14400, spent=7200,
            description="Checkout page takes 5 seconds to load; profile the payment widget",
            history=[
                ("2024-06-06 09:00", "carol",
                 [("status", "To Do", "In Progress"), ("assignee", None, "carol")]),
            ],
        ),
        make_issue(
            "EX-12", "Archive old receipts", "Task", "To Do", "2024-06-12 08:00",
            priority="Low", assignee="alice", reporter="bob", labels=["email", "backlog"],
        ),
        make_issue(
            "OPS-1", "Rotate TLS certificates", "Task", "Done", "2024-02-10 08:00",
            resolution="Done", resolved="2024-02-12 18:00", priority="High", assignee="carol",
            reporter="carol", components=["Infra"], fix=["2024.1"],
            history=[
                ("2024-02-11 09:00", "carol", [("status", "To Do", "In Progress")]),
                ("2024-02-12 18:00", "carol",
                 [("status", "In Progress", "Done"), ("resolution", None, "Done")]),
            ],
        ),
        make_issue(
            "OPS-2", "Disk full on build agent", "Bug", "In Progress", "2024-06-11 07:00",
            priority="Highest", assignee="alice", reporter="dave", components=["Infra"],
            labels=["ci"], environment="build-agent-3, Ubuntu 22.04",
            history=[
                ("2024-06-11 08:00", "alice",
                 [("status", "To Do", "In Progress"), ("assignee", None, "alice")]),
            ],
        ),
        make_issue(
            "OPS-3", "Upgrade PostgreSQL to 16", "Task", "To Do", "2024-05-02 09:00",
            reporter="carol", fix=["2024.2"], labels=["database"], due="2024-06-30",
            description="Plan the upgrade of the payments database",
        ),
        make_issue(
            "OPS-4", "Monitoring dashboard for payments", "Story", "In Review",
            "2024-04-20 09:00", assignee="carol", fix=["2024.2"],
            history=[
                ("2024-05-01 09:00", "carol", [("status", "To Do", "In Progress")]),
                ("2024-06-01 09:00", "carol", [("status", "In Progress", "In Review")]),
            ],
        ),
        make_issue(
            "OPS-5", "Clean up old backups", "Task", "Done", "2023-11-15 09:00",
            resolution="Done", resolved="2023-11-20 09:00", priority="Low", assignee="dave",
            reporter="carol", fix=["2023.4"], labels=["database", "backlog"],
            history=[
                ("2023-11-20 09:00", "dave",
                 [("status", "To Do", "Done"), ("resolution", None, "Done")]),
            ],
        ),
        make_issue(
            "OPS-6", "Alerts sent twice", "Bug", "To Do", "2024-06-07 09:00",
            priority="High", assignee="alice", reporter="dave", labels=["ci"],
            comments=[("dave", "Seen again today on the payments cluster")],
        ),
        make_issue(
            "OPS-7", "Document on-call rotation", "Task", "To Do", "2024-06-01 09:00",
            priority="Lowest", description="Who is on-call and how to page them",
        ),
        make_issue(
            "OPS-8", "Decommission legacy VPN", "Task", "In Progress", "2024-03-01 09:00",
            assignee="dave", reporter="carol", due="2024-06-01",
            history=[("2024-03-05 09:00", "dave", [("status", "To Do", "In Progress")])],
        ),
    ]  # fmt: skip
    ids = {issue["key"]: issue["id"] for issue in made}
    for issue in made:
        parent = issue["fields"].get("parent")
        if parent:
            parent["id"] = ids[parent["key"]]
    return made


def build_site() -> Site:
    return Site(
        base_url=BASE,
        projects=list(PROJECTS),
        users=list(USERS),
        groups={"developers": ["acc-alice", "acc-bob"], "jira-administrators": ["acc-carol"]},
        fields=FIELDS,
        issues=issues(),
        sprints=list(SPRINTS),
        versions=list(VERSIONS),
        browse_permissions={"OPS": {"acc-alice", "acc-carol"}},
        administrators={"acc-carol"},
    )
