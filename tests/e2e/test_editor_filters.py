"""Issue 12 item 3: filter values are picked from Jira's lists (statuses, priorities, components,
versions, users by name, select-list options), priority offers "at least", and the saved report's
issue count is the one computed here from the same issues with the same condition. Items 2 and 7
(filter part): the rule's field comes from the searchable field picker, durations are typed in
hours."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from e2e.conftest import USERS, basic_auth
from jirasim.dataset.catalog import TEAM_FIELD as TEAM
from jirasim.dataset.catalog import TEAM_OPTIONS
from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
JQL = "project in (ROLL, WEB)"
STATUSES = ["In Progress", "In Review"]
THRESHOLD = "High"
FIELDS = ["status", "priority", "components", "fixVersions", "assignee"]


def issues_text(count: int) -> str:
    return f"{count:,} {'issue' if count == 1 else 'issues'}"


def priority_order(e2e: Any) -> list[dict[str, Any]]:
    """The site's priorities, highest first, straight from Jira."""
    response = httpx.get(
        f"{e2e.jira_url}/rest/api/3/priority/search",
        params={"maxResults": 100},
        headers=basic_auth(USERS["admin"]),
        timeout=30,
    )
    response.raise_for_status()
    return list(response.json()["values"])


def names(values: list[dict[str, Any]] | None) -> set[str]:
    return {str(v["name"]) for v in values or []}


def choose_values(issues: list[dict[str, Any]], at_least: set[str]) -> dict[str, Any]:
    """Values that leave issues in each part of the condition: the most common component,
    version and two assignees among the issues the status and priority rules keep."""
    kept = [i for i in issues if core_match(i, at_least)]
    assert len(kept) >= 10, "the dataset should give the status and priority rules some issues"
    component = Counter(n for i in kept for n in names(i["fields"]["components"])).most_common(1)
    version = Counter(n for i in kept for n in names(i["fields"]["fixVersions"])).most_common(1)
    people = Counter(
        i["fields"]["assignee"]["displayName"] for i in kept if i["fields"]["assignee"]
    ).most_common(2)
    return {
        "component": component[0][0],
        "version": version[0][0],
        "assignees": [name for name, _ in people],
    }


def core_match(issue: dict[str, Any], at_least: set[str]) -> bool:
    fields = issue["fields"]
    return (
        fields["status"]["name"] in STATUSES
        and fields["priority"] is not None
        and fields["priority"]["name"] in at_least
    )


def expected_count(issues: list[dict[str, Any]], at_least: set[str], chosen: dict[str, Any]) -> int:
    """Status AND priority, AND either of component, version or assignee (the OR group)."""

    def either(issue: dict[str, Any]) -> bool:
        fields = issue["fields"]
        assignee = fields["assignee"]["displayName"] if fields["assignee"] else None
        return (
            chosen["component"] in names(fields["components"])
            or chosen["version"] in names(fields["fixVersions"])
            or assignee in chosen["assignees"]
        )

    return sum(1 for issue in issues if core_match(issue, at_least) and either(issue))


def open_filtering(e2e: Any, page: Any, report: dict[str, Any], width: int, height: int) -> Any:
    """The report's editor on the Filtering pane, opened from the list as the admin."""
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name=f"Edit {report['name']}", exact=True).click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_role("tab", name="Filtering").click()
    return frame


def save(frame: Any, report: dict[str, Any]) -> None:
    """Saves, and waits until the editor closed on the saved report."""
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    expect(frame.get_by_role("heading", name=report["name"], exact=True)).to_be_visible()


def option_named(frame: Any, listbox: Any, name: str) -> Any:
    """An option whose label is `name` (a hint such as " · ROLL" may follow)."""
    return listbox.get_by_role("option", name=re.compile(rf"^{re.escape(name)}( ·.*)?$"))


def open_values(row: Any, label: str) -> Any:
    """Opens a value picker's list with the mouse (no typing) and returns its listbox."""
    box = row.get_by_role("combobox", name=label)
    box.click()
    listbox = row.get_by_role("listbox", name=label)
    expect(listbox).to_be_visible()
    return listbox


def add_filter(frame: Any, key: str, search: str) -> Any:
    """Adds a rule on `key` through the searchable field picker; returns the new rule's row."""
    rows = frame.get_by_test_id("filter-row")
    before = rows.count()
    picker = frame.get_by_role("combobox", name="Add a filter")
    picker.fill(search)
    listbox = frame.locator(f"#{picker.get_attribute('aria-controls')}")
    listbox.locator(f'[role="option"][data-field-key="{key}"]').click()
    frame.get_by_role("button", name="Add filter").click()
    expect(rows).to_have_count(before + 1)
    return rows.nth(before)


def pick(frame: Any, row: Any, label: str, values: list[str]) -> None:
    for value in values:
        listbox = open_values(row, label)
        option_named(frame, listbox, value).click()
        expect(row.get_by_role("list", name=f"{label}: chosen")).to_contain_text(value)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_filters_picked_from_jira_values_count_like_jira(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    issues = e2e.issues(JQL, FIELDS)
    order = priority_order(e2e)
    position = next(i for i, p in enumerate(order) if p["name"] == THRESHOLD)
    at_least = {p["name"] for p in order[: position + 1]}
    chosen = choose_values(issues, at_least)
    expected = expected_count(issues, at_least, chosen)
    assert 0 < expected < len(issues)

    report = e2e.create_report(
        {
            "name": "Filters from Jira values",
            "jql": JQL,
            "columns": [{"field": f} for f in ("summary", "status", "priority", "assignee")],
            "grouping_rules": [{"field": "status"}],
        }
    )
    frame = open_filtering(e2e, page, report, width, height)

    # Status is one of two statuses, picked from Jira's list with the mouse.
    status_row = add_filter(frame, "status", "status")
    expect(status_row.get_by_label("Operator")).to_have_value("any_of")
    listbox = open_values(status_row, "Values")
    # Jira's statuses are offered, with their categories.
    expect(option_named(frame, listbox, "Backlog")).to_be_visible()
    pick(frame, status_row, "Values", STATUSES)

    # Priority is at least High, in the site's order.
    priority_row = add_filter(frame, "priority", "priority")
    priority_row.get_by_label("Operator").select_option("at_least")
    listbox = open_values(priority_row, "Priority")
    expect(listbox.get_by_role("option")).to_have_text([p["name"] for p in order])
    option_named(frame, listbox, THRESHOLD).click()
    chips = priority_row.get_by_role("list", name="Priority: chosen").get_by_role("listitem")
    expect(chips).to_have_count(1)
    expect(chips.get_by_role("button", name=f"Remove {THRESHOLD}")).to_be_visible()

    # Either of: a component, a version, or two assignees found by name.
    component_row = add_filter(frame, "components", "components")
    pick(frame, component_row, "Values", [chosen["component"]])
    version_row = add_filter(frame, "fixVersions", "fix versions")
    pick(frame, version_row, "Values", [chosen["version"]])
    user_row = add_filter(frame, "assignee", "assignee")
    for name in chosen["assignees"]:
        user_row.get_by_role("combobox", name="Users").fill(name.split()[0])
        user_row.get_by_role("option", name=name, exact=True).click()
        expect(user_row.get_by_role("list", name="Users: chosen")).to_contain_text(name)
    for row in (component_row, version_row, user_row):
        row.get_by_label("Either of (OR group)").check()

    # The pane with a value list open passes axe.
    open_values(status_row, "Values")
    assert violations(frame) == []
    frame.get_by_role("tab", name="Filtering").focus()

    save(frame, report)

    # Stored as before: names for statuses, components and versions, account ids for users,
    # the priority's id for the threshold.
    stored = e2e.get_report(report["id"])["filtering_rules"]
    by_name = {u["displayName"]: u["accountId"] for i in issues if (u := i["fields"]["assignee"])}
    high_id = order[position]["id"]
    assert [(r["field"], r["operator"], r["operands"], r["or_group"]) for r in stored] == [
        ("status", "any_of", STATUSES, False),
        ("priority", "at_least", [high_id], False),
        ("components", "any_of", [chosen["component"]], True),
        ("fixVersions", "any_of", [chosen["version"]], True),
        ("assignee", "any_of", [by_name[n] for n in chosen["assignees"]], True),
    ]

    # The viewer's total is the count computed here.
    assert e2e.wait_for_run(frame)[0] == "complete"
    totals = [r for r in e2e.collect_rows(frame) if r["kind"] == "row-total"]
    assert [t["count"] for t in totals] == [issues_text(expected)]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_select_list_options_come_from_jira_where_it_lists_them(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    issues = e2e.issues(JQL, [TEAM])
    teams = Counter(i["fields"][TEAM]["value"] for i in issues if i["fields"][TEAM])
    team = teams.most_common(1)[0][0]
    report = e2e.create_report(
        {"name": "Team filter", "jql": JQL, "grouping_rules": [{"field": "status"}]}
    )
    frame = open_filtering(e2e, page, report, width, height)
    row = add_filter(frame, TEAM, "team")
    if e2e.host.name == "connect":
        listbox = open_values(row, "Values")
        expect(listbox.get_by_role("option")).to_have_count(len(TEAM_OPTIONS))
        option_named(frame, listbox, team).click()
    else:
        # Jira lists options to Forge apps with manage:jira-configuration only, a scope Rollbook
        # does not ask for: the value is typed, and the pane says why.
        expect(
            row.get_by_text("Jira did not list this field's values; type them instead.")
        ).to_be_visible()
        box = row.get_by_role("textbox", name="Values")
        box.fill(team)
        box.press("Enter")
    expect(row.get_by_role("button", name=f"Remove {team}")).to_be_visible()
    save(frame, report)
    stored = e2e.get_report(report["id"])["filtering_rules"]
    assert [(r["field"], r["operator"], r["operands"]) for r in stored] == [
        (TEAM, "any_of", [team])
    ]
    assert e2e.wait_for_run(frame)[0] == "complete"
    totals = [r for r in e2e.collect_rows(frame) if r["kind"] == "row-total"]
    assert [t["count"] for t in totals] == [issues_text(teams[team])]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_duration_filters_are_typed_in_hours(e2e: Any, page: Any, width: int, height: int) -> None:
    report = e2e.create_report({"name": "Duration filter", "jql": JQL})
    frame = open_filtering(e2e, page, report, width, height)
    row = add_filter(frame, "timespent", "time spent")
    row.get_by_label("Operator").select_option("gt")
    value = row.get_by_label("Value (hours)")
    # Typed key by key, so a half-typed decimal ("1.") must survive.
    value.press_sequentially("1.5")
    expect(value).to_have_value("1.5")
    expect(row.get_by_text("hours", exact=True)).to_be_visible()
    save(frame, report)
    stored = e2e.get_report(report["id"])["filtering_rules"]
    assert [(r["field"], r["operator"], r["operands"]) for r in stored] == [
        ("timespent", "gt", [5400])
    ]
