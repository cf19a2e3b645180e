"""Consistency of generated issues: workflow, dates, changelog, hierarchy, field shapes."""

from __future__ import annotations

import collections
import itertools
import re
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from jirasim.dataset import generate_site
from jirasim.dataset.catalog import STATUSES
from jirasim.site import Site

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SPRINT_STATES = {"closed", "active", "future"}
STATUS_CATEGORY = {status.id: status.category.key for status in STATUSES}


def parse(stamp: str) -> datetime:
    assert TIMESTAMP.match(stamp), stamp
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%f%z")


def chronological(issue: dict[str, Any]) -> list[dict[str, Any]]:
    """Histories oldest first (Jira lists them most recent first)."""
    return list(reversed(issue["changelog"]["histories"]))


def transitions(issue: dict[str, Any], field: str) -> list[tuple[datetime, dict[str, Any]]]:
    return [
        (parse(history["created"]), item)
        for history in chronological(issue)
        for item in history["items"]
        if item["fieldId"] == field
    ]


def check_issue(site: Site, issue: dict[str, Any]) -> None:
    fields = issue["fields"]
    created, updated = parse(fields["created"]), parse(fields["updated"])
    assert updated >= created
    category = fields["status"]["statusCategory"]["key"]

    # resolution iff done
    assert (fields["resolution"] is not None) == (category == "done"), issue["key"]
    assert (fields["resolutiondate"] is not None) == (category == "done"), issue["key"]
    if fields["resolutiondate"] is not None:
        assert created <= parse(fields["resolutiondate"]) <= updated

    # changelog: well-formed, newest first, within [created, updated]
    changelog = issue["changelog"]
    histories = changelog["histories"]
    assert changelog["startAt"] == 0
    assert changelog["total"] == changelog["maxResults"] == len(histories)
    times = [parse(h["created"]) for h in histories]
    assert times == sorted(times, reverse=True)
    assert all(created <= at <= updated for at in times)
    ids = [int(h["id"]) for h in histories]
    assert ids == sorted(ids, reverse=True)

    # status transitions chain and end in the current status
    status_changes = transitions(issue, "status")
    for (_, before), (_, after) in itertools.pairwise(status_changes):
        assert before["to"] == after["from"]
    if status_changes:
        assert status_changes[0][1]["fromString"] in ("To Do", "Backlog")
        assert status_changes[-1][1]["to"] == fields["status"]["id"]
        assert status_changes[-1][1]["toString"] == fields["status"]["name"]
    else:  # never moved: still where it was created, or created directly in a done status
        assert fields["status"]["name"] in ("To Do", "Backlog") or category == "done"

    # statuscategorychangedate: the last category change, else creation
    category_changes = [
        at
        for at, item in status_changes
        if STATUS_CATEGORY[item["from"]] != STATUS_CATEGORY[item["to"]]
    ]
    expected = category_changes[-1] if category_changes else created
    assert parse(fields["statuscategorychangedate"]) == expected
    if fields["resolutiondate"] is not None:
        resolved = status_changes[-1][0] if status_changes else created
        assert parse(fields["resolutiondate"]) == resolved

    # assignee changes chain and end in the current assignee
    assignee = fields["assignee"]["accountId"] if fields["assignee"] else None
    assignee_changes = transitions(issue, "assignee")
    for (_, before), (_, after) in itertools.pairwise(assignee_changes):
        assert before["to"] == after["from"]
    if assignee_changes:
        assert assignee_changes[-1][1]["to"] == assignee

    # dates
    for name in ("duedate", "customfield_10040"):
        assert fields[name] is None or DATE.match(fields[name])

    # labels: no spaces, sorted, unique
    assert all(" " not in label for label in fields["labels"])
    assert fields["labels"] == sorted(set(fields["labels"]))

    _check_time_tracking(fields)
    _check_custom_fields(site, fields)


def _check_time_tracking(fields: dict[str, Any]) -> None:
    tracking = fields["timetracking"]
    assert fields["timeoriginalestimate"] == tracking.get("originalEstimateSeconds")
    assert fields["timeestimate"] == tracking.get("remainingEstimateSeconds")
    assert fields["timespent"] == tracking.get("timeSpentSeconds")
    for own, aggregate in (
        ("timeoriginalestimate", "aggregatetimeoriginalestimate"),
        ("timeestimate", "aggregatetimeestimate"),
        ("timespent", "aggregatetimespent"),
    ):
        if fields[own] is not None:
            assert fields[aggregate] >= fields[own]
    worklog = fields["worklog"]
    assert worklog["total"] == len(worklog["worklogs"])
    logged = sum(w["timeSpentSeconds"] for w in worklog["worklogs"])
    assert logged == (fields["timespent"] or 0)
    spent, remaining = fields["timespent"] or 0, fields["timeestimate"] or 0
    assert fields["progress"]["progress"] == spent
    assert fields["progress"]["total"] == spent + remaining


def _check_custom_fields(site: Site, fields: dict[str, Any]) -> None:
    """Every custom field value has the shape its `schema` in the field catalog promises."""
    for field in site.fields:
        if not field["custom"]:
            continue
        value = fields[field["id"]]
        if value is None:
            continue
        schema = field["schema"]
        kind, items = schema["type"], schema.get("items")
        if kind == "number":
            assert isinstance(value, float)
        elif kind == "date":
            assert DATE.match(value)
        elif kind == "option":
            _check_option(value)
        elif kind == "array" and items == "option":
            assert value and all(_check_option(option) is None for option in value)
        elif kind == "array" and items == "json":
            assert value
            for sprint in value:
                assert isinstance(sprint["id"], int) and isinstance(sprint["boardId"], int)
                assert isinstance(sprint["name"], str)
                assert sprint["state"] in SPRINT_STATES
        else:
            raise AssertionError(f"unexpected schema {schema}")


def _check_option(option: dict[str, Any]) -> None:
    assert set(option) == {"self", "value", "id"}
    assert option["self"].endswith(f"/customFieldOption/{option['id']}")


def check_site(site: Site) -> None:
    issues = site.issues
    ids = [int(issue["id"]) for issue in issues]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    keys = [issue["key"] for issue in issues]
    assert len(set(keys)) == len(keys)
    by_key = {issue["key"]: issue for issue in issues}
    catalog = {field["id"] for field in site.fields}
    project_keys = {project.key for project in site.projects}
    version_projects = {version.id: version.project_key for version in site.versions}
    sprint_boards = {sprint.id: sprint.board_id for sprint in site.sprints}
    for issue in issues:
        check_issue(site, issue)
        fields = issue["fields"]
        assert set(fields) <= catalog
        project_key = fields["project"]["key"]
        assert project_key in project_keys and issue["key"].startswith(f"{project_key}-")
        level = fields["issuetype"]["hierarchyLevel"]
        parent = fields.get("parent")
        if level == 1:
            assert parent is None
        if level == -1:
            assert parent is not None and fields["issuetype"]["subtask"]
        if parent is not None:
            parent_issue = by_key[parent["key"]]
            assert parent_issue["fields"]["project"]["key"] == project_key
            assert parent_issue["fields"]["issuetype"]["hierarchyLevel"] == level + 1
            assert int(parent_issue["id"]) < int(issue["id"])
            if level == -1:
                assert issue["key"] in {s["key"] for s in parent_issue["fields"]["subtasks"]}
        for version in (*fields["fixVersions"], *fields["versions"]):
            assert version_projects[version["id"]] == project_key
        sprints = fields["customfield_10020"] or []
        assert len({sprint_boards[s["id"]] for s in sprints}) <= 1
        states = [s["state"] for s in sprints]
        assert states == sorted(states, key=["closed", "active", "future"].index)


def test_a_few_hundred_issues_are_consistent(site: Site) -> None:
    check_site(site)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**64), issue_count=st.integers(0, 80))
# Seed 1570 leaves the SEC team without an active member: its issues had nobody to file them.
@example(seed=1570, issue_count=40)
def test_any_seed_gives_a_consistent_site(seed: int, issue_count: int) -> None:
    check_site(generate_site(seed=seed, issue_count=issue_count, base_url="http://jira.test"))


def test_every_issue_type_and_status_occurs(site: Site) -> None:
    types = collections.Counter(i["fields"]["issuetype"]["name"] for i in site.issues)
    statuses = collections.Counter(i["fields"]["status"]["name"] for i in site.issues)
    assert set(types) == {"Epic", "Story", "Task", "Bug", "Sub-task"}
    assert set(statuses) == {"Backlog", "To Do", "In Progress", "In Review", "Done", "Won't Do"}


def test_priorities_are_skewed_to_medium(site: Site) -> None:
    priorities = collections.Counter(i["fields"]["priority"]["name"] for i in site.issues)
    assert priorities.most_common(1)[0][0] == "Medium"


def test_some_issues_roll_over_several_sprints(site: Site) -> None:
    sprint_counts = [len(i["fields"]["customfield_10020"] or []) for i in site.issues]
    assert max(sprint_counts) >= 2 and 0 in sprint_counts


def test_some_issues_are_unassigned_and_some_changed_assignee(site: Site) -> None:
    assert any(i["fields"]["assignee"] is None for i in site.issues)
    assert any(
        item["field"] == "assignee"
        for i in site.issues
        for history in i["changelog"]["histories"]
        for item in history["items"]
    )


def test_kanban_project_has_no_sprints(site: Site) -> None:
    ops = [i for i in site.issues if i["fields"]["project"]["key"] == "OPS"]
    assert ops and all(i["fields"]["customfield_10020"] is None for i in ops)


def test_issues_share_identical_sub_objects(site: Site) -> None:
    """Memory: one dict per distinct status, priority, user and project."""
    statuses = {id(i["fields"]["status"]) for i in site.issues}
    assert len(statuses) <= 6
    reporters = {id(i["fields"]["reporter"]) for i in site.issues}
    assert len(reporters) == len({i["fields"]["reporter"]["accountId"] for i in site.issues})


def test_sub_task_time_rolls_up_into_parent_aggregates(site: Site) -> None:
    by_key = {i["key"]: i for i in site.issues}
    parents = [i for i in site.issues if i["fields"]["subtasks"]]
    assert parents
    for parent in parents:
        kids = [by_key[s["key"]]["fields"] for s in parent["fields"]["subtasks"]]
        spent = [f["timespent"] for f in (parent["fields"], *kids) if f["timespent"] is not None]
        assert parent["fields"]["aggregatetimespent"] == (sum(spent) if spent else None)


def test_sub_tasks_are_in_their_parents_sprints(site: Site) -> None:
    by_key = {i["key"]: i for i in site.issues}
    sub_tasks = [i for i in site.issues if i["fields"]["issuetype"]["subtask"]]
    assert sub_tasks
    for sub_task in sub_tasks:
        parent = by_key[sub_task["fields"]["parent"]["key"]]
        assert sub_task["fields"]["customfield_10020"] == parent["fields"]["customfield_10020"]


def test_status_changes_are_made_by_the_assignee_of_the_time(site: Site) -> None:
    for issue in site.issues:
        if issue["fields"]["assignee"] and not transitions(issue, "assignee"):
            for history in issue["changelog"]["histories"]:
                if any(item["field"] == "status" for item in history["items"]):
                    assert history["author"] is issue["fields"]["assignee"]
