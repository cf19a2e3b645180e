"""Issue 14, "Done when" 2 (browser part): history reports built through the editor, on both
hosts at 1280x720 and 1920x1080. (a) Cycle time by resolution month at the 85th percentile,
issues sorted by cycle time, cycle time ending at the Done status (not the category) as set in the
History pane; (b) time in "In Progress" per assignee, summed, in working time (weekdays 9 to 17 in
New York), only issues with at least one transition (a history field in a filter). The values the
viewer shows are checked against tests/support/history_reference.py over the changelogs this test
reads from jirasim's REST API as the admin; the History pane fits its frame and passes axe."""

from __future__ import annotations

import time
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from e2e.conftest import USERS, basic_auth
from jirasim.dataset import DEMO_ADMIN
from support.axe import violations
from support.history_reference import (
    Category,
    Issue,
    Status,
    WorkingCalendar,
    cycle_time,
    parse_instant,
    percentile,
    time_in_status,
    transitions_total,
)
from support.jira_changelogs import status_histories

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
CYCLE_JQL = 'project in (ROLL, WEB) AND resolutiondate >= "2026-05-01"'
ASSIGNEE_JQL = "project in (ROLL, WEB)"
FIELDS = ["created", "status", "resolutiondate", "assignee"]
# Both hosts of jirasim tell the app en-US; the admin's zone is Europe/London.
MONTHS_EN_US = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WORK_ZONE = "America/New_York"
CALENDAR = WorkingCalendar(frozenset(range(1, 6)), 9, 17, WORK_ZONE)
# Durations are shown as hours with 4 decimals: 0.36 s per step, so "to the second".
DECIMALS = 4
HALF_STEP = 3600 * 10**-DECIMALS / 2 + 1e-6


def issues_text(count: int) -> str:
    return f"{count:,} {'issue' if count == 1 else 'issues'}"


@pytest.fixture(scope="module")
def statuses(e2e: Any) -> dict[str, dict[str, Any]]:
    """The site's statuses by id, straight from Jira."""
    response = httpx.get(
        f"{e2e.jira_url}/rest/api/3/status", headers=basic_auth(USERS["admin"]), timeout=30
    )
    response.raise_for_status()
    return {s["id"]: s for s in response.json()}


def status_id(statuses: dict[str, dict[str, Any]], name: str) -> str:
    return next(i for i, s in statuses.items() if s["name"] == name)


def categories(statuses: dict[str, dict[str, Any]]) -> dict[str, str]:
    return {i: s["statusCategory"]["key"] for i, s in statuses.items()}


def reference_issues(e2e: Any, jql: str) -> list[tuple[dict[str, Any], Issue]]:
    """Each issue of `jql` as Jira sends it, with the reference's view of it."""
    raw = e2e.issues(jql, FIELDS)
    with httpx.Client(
        base_url=e2e.jira_url, headers=basic_auth(USERS["admin"]), timeout=30
    ) as jira:
        histories = status_histories(jira.post, [i["id"] for i in raw])
    return [
        (
            issue,
            Issue(
                issue["fields"]["created"],
                issue["fields"]["status"]["id"],
                issue["fields"]["resolutiondate"],
                histories.get(issue["id"], []),
            ),
        )
        for issue in raw
    ]


def month_label(stamp: str) -> str:
    local = datetime.fromtimestamp(parse_instant(stamp), UTC).astimezone(
        ZoneInfo(DEMO_ADMIN.time_zone)
    )
    return f"{MONTHS_EN_US[local.month - 1]} {local.year}"


def shown_seconds(text: str) -> float | None:
    """A duration cell ("1234.5678h", hours without thousands separators) in seconds."""
    text = text.strip()
    if text == "":
        return None
    assert text.endswith("h"), text
    return float(text[:-1]) * 3600


def pick_field(frame: Any, label: str, key: str, search: str) -> Any:
    """Searches the picker `label` for `search`, chooses `key`; returns the option's group name."""
    box = frame.get_by_role("combobox", name=label, exact=True)
    box.fill(search)
    listbox = frame.locator(f"#{box.get_attribute('aria-controls')}")
    option = listbox.locator(f'[role="option"][data-field-key="{key}"]')
    group = option.locator("xpath=ancestor::*[@role='group'][1]")
    group_name = group.locator(".rb-field-picker__group-label").text_content()
    option.click()
    expect(box).not_to_have_attribute("aria-expanded", "true")
    return group_name


def start_report(e2e: Any, page: Any, width: int, height: int, name: str, jql: str) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name="Create report").first.click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_label("Name (required)").fill(name)
    box = frame.get_by_test_id("jql-input")
    box.fill(jql)
    box.blur()
    expect(frame.get_by_text("Jira accepts this query.")).to_be_visible()
    return frame


def add_history_column(
    frame: Any, key: str, search: str, name: str, aggregation: str, aggregation_label: str
) -> None:
    """Keeps Summary, adds the history column `key` from the picker's History group, and sets
    its aggregation and an hours format with DECIMALS decimals."""
    frame.get_by_role("tab", name="Columns").click()
    frame.get_by_role("button", name="Remove Assignee").click()
    frame.get_by_role("button", name="Remove Status").click()
    assert pick_field(frame, "Add a column", key, search) == "History"
    frame.get_by_role("button", name="Add column").click()
    row = frame.locator(f'[data-testid="column-row"][data-field="{key}"]')
    expect(row).to_contain_text(name)
    row.get_by_role("button", name="Details").click()
    aggregation_box = row.get_by_label("Aggregation")
    expect(aggregation_box.locator(f'option[value="{aggregation}"]')).to_have_text(
        aggregation_label
    )
    aggregation_box.select_option(aggregation)
    row.get_by_label("Format").select_option("duration")
    row.get_by_label("Decimals").fill(str(DECIMALS))
    row.get_by_label("Thousands separator").uncheck()


def group_by(frame: Any, key: str, search: str) -> Any:
    frame.get_by_role("tab", name="Grouping").click()
    pick_field(frame, "Add a grouping level", key, search)
    frame.get_by_role("button", name="Add grouping level").click()
    return frame.get_by_test_id("grouping-list").locator("li").first


def sort_by(frame: Any, key: str, search: str, direction: str) -> None:
    frame.get_by_role("tab", name="Sorting").click()
    pick_field(frame, "Add a sort rule", key, search)
    frame.get_by_role("button", name="Add sort rule").click()
    rule = frame.get_by_test_id("sorting-list").locator("li").first
    rule.get_by_label("Direction").select_option(direction)


def filter_at_least(frame: Any, key: str, search: str, value: int) -> None:
    frame.get_by_role("tab", name="Filtering").click()
    rows = frame.get_by_test_id("filter-row")
    before = rows.count()
    pick_field(frame, "Add a filter", key, search)
    frame.get_by_role("button", name="Add filter").click()
    expect(rows).to_have_count(before + 1)
    row = rows.nth(before)
    row.get_by_label("Operator").select_option("gte")
    row.get_by_label("Value").fill(str(value))


def assert_pane_fits(frame: Any) -> None:
    """The pane never scrolls sideways, and its controls stay inside the tab panel."""
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    panel = frame.get_by_role("tabpanel").bounding_box()
    for control in frame.get_by_test_id("history-pane").locator("select, input").all():
        box = control.bounding_box()
        assert box is not None and panel is not None
        assert (
            panel["x"] - 1 <= box["x"]
            and box["x"] + box["width"] <= panel["x"] + panel["width"] + 1
        )


def issue_values_by_group(rows: list[dict[str, Any]], key: str) -> dict[str, list[float | None]]:
    """The issue rows' values of column `key`, in display order, under their group's label."""
    found: dict[str, list[float | None]] = defaultdict(list)
    group = None
    for row in rows:
        if row["kind"] == "row-group":
            group = row["label"]
        elif row["kind"] == "row-issue" and group is not None:
            found[group].append(shown_seconds(row["cells"][key]))
    return found


def save_and_view(e2e: Any, frame: Any, name: str) -> list[dict[str, Any]]:
    """Saves; the app opens the report. Returns its rows once the run completed."""
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    expect(frame.get_by_role("heading", name=name, exact=True)).to_be_visible()
    status, text = e2e.wait_for_run(frame, timeout=120_000)
    assert status == "complete", text
    return e2e.collect_rows(frame)


def saved_report(e2e: Any, frame: Any, name: str) -> dict[str, Any]:
    """The report as stored, found from the list by its (unique) name."""
    frame.get_by_role("button", name="← Reports").click()
    frame.get_by_label("Search reports").fill(name)
    listed = frame.get_by_test_id("report-list-row").filter(has_text=name)
    expect(listed).to_have_count(1)
    return e2e.get_report(listed.get_attribute("data-report-id"))


def group_rows(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    groups = [r for r in rows if r["kind"] == "row-group"]
    by_label = {g["label"]: g for g in groups}
    assert len(by_label) == len(groups), "group labels are unique"
    return by_label


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_cycle_time_p85_by_resolution_month(
    e2e: Any, page: Any, statuses: dict[str, dict[str, Any]], width: int, height: int
) -> None:
    done = status_id(statuses, "Done")
    category_of = categories(statuses)
    name = f"Cycle time p85 by month {width}x{height} {e2e.host.name} {time.time_ns()}"
    frame = start_report(e2e, page, width, height, name, CYCLE_JQL)

    add_history_column(
        frame, "history_cycle_time", "cycle time", "Cycle time", "p85", "85th percentile"
    )
    rule = group_by(frame, "resolutiondate", "resolutiondate")
    rule.get_by_label("Bucket").select_option("month")
    sort_by(frame, "history_cycle_time", "cycle time", "desc")

    # The History pane: In Progress category → Done category by default; end at the Done
    # status instead, so issues closed as Won't Do have no cycle time.
    frame.get_by_role("tab", name="History").click()
    start = frame.get_by_label("Starts at the first entry into")
    end = frame.get_by_label("Ends at the last entry into")
    expect(start).to_have_value("category:indeterminate")
    expect(end).to_have_value("category:done")
    expect(frame.get_by_label("Count working time only")).not_to_be_checked()
    end.select_option(f"status:{done}")
    assert violations(frame) == [], "History pane"

    expected_rows = reference_issues(e2e, CYCLE_JQL)
    rows = save_and_view(e2e, frame, name)
    header = frame.locator('[role="columnheader"][data-column="history_cycle_time"]')
    expect(header).to_contain_text("Cycle time")
    # The header's tag (drawn by CSS) and its words, for the tooltip and screen readers.
    expect(header.get_by_test_id("aggregate-tag")).to_have_attribute("data-tag", "p85")
    expect(header.get_by_test_id("sort-button")).to_have_attribute(
        "aria-label", "Cycle time, 85th percentile"
    )

    # Independently: each issue's cycle time (now does not matter: only issues done now have
    # one), grouped by the month it was resolved in, in the admin's zone; p85 by nearest rank.
    by_month: dict[str, list[int | None]] = defaultdict(list)
    now = int(time.time())
    for issue, ref in expected_rows:
        by_month[month_label(issue["fields"]["resolutiondate"])].append(
            cycle_time(ref, now, category_of, Category("indeterminate"), Status(done))
        )
    shown = group_rows(rows)
    assert set(shown) == set(by_month)
    assert len(by_month) >= 5
    with_values = 0
    for month, values in by_month.items():
        row = shown[month]
        assert row["count"] == issues_text(len(values)), month
        expected = percentile(values, 85)
        value = shown_seconds(row["cells"]["history_cycle_time"])
        if expected is None:
            assert value is None, month
            continue
        with_values += 1
        assert value is not None, month
        assert abs(value - expected) <= HALF_STEP, (month, value, expected)
    assert with_values >= 5
    # Issues sort by cycle time, longest first, inside each month.
    for month, values in issue_values_by_group(rows, "history_cycle_time").items():
        present = [v for v in values if v is not None]
        assert present == sorted(present, reverse=True), month
    # Some issues end in Won't Do: the Done status setting took effect.
    wont_do = {i for i, s in statuses.items() if s["name"] == "Won't Do"}
    assert any(ref.status in wont_do for _, ref in expected_rows)

    stored = saved_report(e2e, frame, name)
    assert stored["history"] == {
        "cycle_start": {"kind": "category", "id": "indeterminate"},
        "cycle_end": {"kind": "status", "id": done},
        "working_time": None,
    }
    assert [(c["field"], c["aggregation"]) for c in stored["columns"]] == [
        ("summary", None),
        ("history_cycle_time", "p85"),
    ]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_time_in_progress_per_assignee_in_working_time(
    e2e: Any, page: Any, statuses: dict[str, dict[str, Any]], width: int, height: int
) -> None:
    in_progress = status_id(statuses, "In Progress")
    key = f"history_time_in_status_{in_progress}"
    name = f"In Progress per assignee {width}x{height} {e2e.host.name} {time.time_ns()}"
    frame = start_report(e2e, page, width, height, name, ASSIGNEE_JQL)

    add_history_column(
        frame, key, "time in status progress", "Time in status: In Progress", "sum", "Sum"
    )
    group_by(frame, "assignee", "assignee")
    # Only issues that moved at least once (a history field in a filter).
    filter_at_least(frame, "history_transitions", "transitions", 1)

    # Working time: weekdays 9 to 17, starting in the admin's zone (the host's), moved to New York.
    frame.get_by_role("tab", name="History").click()
    frame.get_by_label("Count working time only").check()
    zone = frame.get_by_label("Time zone")
    expect(zone).to_have_value(DEMO_ADMIN.time_zone)
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        expect(frame.get_by_label(day, exact=True)).to_be_checked()
    for day in ("Saturday", "Sunday"):
        expect(frame.get_by_label(day, exact=True)).not_to_be_checked()
    expect(frame.get_by_label("Working day starts")).to_have_value("9")
    expect(frame.get_by_label("Working day ends")).to_have_value("17")
    zone.select_option(WORK_ZONE)
    assert_pane_fits(frame)
    assert violations(frame) == [], "History pane with working time"

    expected_rows = reference_issues(e2e, ASSIGNEE_JQL)
    # The run reads its "now" once, between these two instants: issues in progress now count
    # their time up to it, so each sum lies between the reference's sums at the two.
    before = int(time.time())
    rows = save_and_view(e2e, frame, name)
    after = int(time.time()) + 1
    header = frame.locator(f'[role="columnheader"][data-column="{key}"]')
    expect(header).to_contain_text("Time in status: In Progress")

    people: dict[str, list[Issue]] = defaultdict(list)
    moved = [(i, r) for i, r in expected_rows if (transitions_total(r) or 0) >= 1]
    assert 0 < len(moved) < len(expected_rows), "the filter keeps some issues, not all"
    for issue, ref in moved:
        assignee = issue["fields"]["assignee"]
        people[assignee["displayName"] if assignee else "(none)"].append(ref)
    shown = group_rows(rows)
    assert set(shown) == set(people)
    running = 0
    for person, refs in people.items():
        row = shown[person]
        assert row["count"] == issues_text(len(refs)), person
        low = sum(time_in_status(r, in_progress, before, CALENDAR) or 0 for r in refs)
        high = sum(time_in_status(r, in_progress, after, CALENDAR) or 0 for r in refs)
        value = shown_seconds(row["cells"][key]) or 0
        assert low - HALF_STEP <= value <= high + HALF_STEP, (person, value, low, high)
        running += any(r.status == in_progress for r in refs)
        # Working time is not calendar time: nights and weekends are left out.
        calendar = sum(time_in_status(r, in_progress, before) or 0 for r in refs)
        assert value < calendar or calendar == 0, person
    assert running > 0, "some issues are in progress now: the sums count up to the run's now"
    shown_values = [shown_seconds(shown[p]["cells"][key]) for p in people]
    assert sum(1 for v in shown_values if v) >= len(people) // 2, (
        "most people have time in progress"
    )

    stored = saved_report(e2e, frame, name)
    assert stored["history"] == {
        "cycle_start": {"kind": "category", "id": "indeterminate"},
        "cycle_end": {"kind": "category", "id": "done"},
        "working_time": {
            "weekdays": [1, 2, 3, 4, 5],
            "start_hour": 9,
            "end_hour": 17,
            "time_zone": WORK_ZONE,
        },
    }
