"""Drill-down to Jira (issue 12, item 14): every group row and the total link to Jira's issue
navigator with JQL for exactly that group. For each grouping kind, the test reads every link's
JQL off the screen, runs it through jirasim's REST search as the same user, and compares the
count with the count the row shows. The viewer is Max Member (America/New_York), so date buckets
are checked in a zone that is not UTC."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser]

SIZES = [(1280, 720), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
VIEWER = "member"
BASE_JQL = "project in (ROLL, WEB) ORDER BY key"
STORY_POINTS = "customfield_10016"
TEAM = "customfield_10030"
TARGET_DATE = "customfield_10040"
# One summer month of one project, day by day: many days, and issues created in the evening in
# New York fall on the next day in UTC.
SUMMER_JQL = 'project = ROLL AND created >= "2026-06-01" AND created < "2026-09-01"'


def definition(name: str, groups: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "name": f"Drill-down {name}",
        "jql": BASE_JQL,
        "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
        "grouping_rules": groups,
        # Open to every user, so the member (not UTC) can view what the admin saved.
        "people": {"access": "open"},
        **extra,
    }


def by_date(unit: str) -> dict[str, Any]:
    return {"field": "created", "bucket": {"kind": "date", "unit": unit}}


def count_of(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    assert digits, f"no count in {text!r}"
    return int(digits)


def jql_of(href: str, jira_url: str) -> str:
    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}" == jira_url.rstrip("/") and parts.path == "/issues/"
    return parse_qs(parts.query)["jql"][0]


def open_report(e2e: Any, page: Any, report: dict[str, Any]) -> Any:
    frame = e2e.open_reports(page, VIEWER, report_id=report["id"])
    # Every group starts expanded, so every level's rows are in the table.
    assert e2e.wait_for_run(frame)[0] == "complete"
    return frame


def linked_rows(e2e: Any, frame: Any) -> list[dict[str, Any]]:
    """The group rows and the total, top to bottom: kind, depth, label, count text and the
    "Open in Jira" link (None when the row has none)."""
    return [
        {
            **row,
            "depth": row["depth"] or 0,
            "label": row["label"] or "",
            "count": row["count"] or "",
        }
        for row in e2e.collect_rows(frame)
        if row["kind"] in ("row-group", "row-total")
    ]


def assert_links_match_jira(e2e: Any, rows: list[dict[str, Any]]) -> None:
    """Every group and the total has a link whose JQL finds exactly the row's issues."""
    assert rows and rows[-1]["kind"] == "row-total"
    mismatches = []
    for row in rows:
        assert row["href"], f"no Open in Jira on {row['label']!r}"
        jql = jql_of(row["href"], e2e.jira_url)
        found = len(e2e.issues(jql, ["status"], user=VIEWER))
        if found != count_of(row["count"]):
            mismatches.append((row["label"], count_of(row["count"]), found, jql))
    assert mismatches == []


# The full table of grouping kinds (Connect; the engine and JQL do not depend on the host).
KINDS = [
    pytest.param([{"field": "status"}], BASE_JQL, id="status"),
    pytest.param([{"field": "assignee"}], BASE_JQL, id="assignee-with-unassigned"),
    pytest.param([{"field": "labels"}], BASE_JQL, id="labels-multi-with-none"),
    pytest.param([{"field": "components"}], BASE_JQL, id="components"),
    pytest.param([{"field": "fixVersions"}], BASE_JQL, id="fix-versions"),
    pytest.param([{"field": "priority"}], BASE_JQL, id="priority"),
    pytest.param([{"field": "issuetype"}], BASE_JQL, id="issue-type"),
    pytest.param([{"field": "project"}], BASE_JQL, id="project"),
    pytest.param([by_date("day")], SUMMER_JQL, id="created-day"),
    pytest.param([by_date("week")], BASE_JQL, id="created-week"),
    pytest.param([by_date("month")], BASE_JQL, id="created-month"),
    pytest.param([by_date("quarter")], BASE_JQL, id="created-quarter"),
    pytest.param([by_date("year")], BASE_JQL, id="created-year"),
    pytest.param(
        [{"field": TARGET_DATE, "bucket": {"kind": "date", "unit": "month"}}],
        BASE_JQL,
        id="date-field-month",
    ),
    pytest.param(
        [{"field": STORY_POINTS, "bucket": {"kind": "number", "size": 5}}],
        BASE_JQL,
        id="story-points-bins-with-empty",
    ),
    pytest.param([{"field": STORY_POINTS}], BASE_JQL, id="story-points-values"),
    pytest.param([{"field": TEAM}], BASE_JQL, id="custom-select"),
    pytest.param([{"field": "customfield_10031"}], BASE_JQL, id="custom-multiselect"),
    pytest.param(
        [{"field": "priority"}, {"field": "labels"}, by_date("quarter")],
        BASE_JQL,
        id="three-levels",
    ),
]


@pytest.mark.parametrize(("groups", "jql"), KINDS)
def test_every_group_link_finds_the_group_in_jira(e2e, page, groups, jql) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    report = e2e.create_report(definition("kinds", groups, jql=jql))
    frame = open_report(e2e, page, report)
    rows = linked_rows(e2e, frame)
    assert len([r for r in rows if r["kind"] == "row-group"]) >= 2
    assert_links_match_jira(e2e, rows)


@pytest.mark.both_hosts
@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_links_fit_and_open_the_navigator_with_the_group(
    e2e, page, host_name, width, height
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report(definition("both hosts", [{"field": "status"}, by_date("month")]))
    frame = open_report(e2e, page, report)
    rows = linked_rows(e2e, frame)
    assert_links_match_jira(e2e, rows)

    # Each visible link sits inside its row's first cell, on one line, within the frame.
    frame_box = frame.frame_element().bounding_box()
    for row in frame.locator('[data-testid="row-group"], [data-testid="row-total"]').all()[:8]:
        link = row.get_by_test_id("open-in-jira")
        expect(link).to_be_visible()
        box = link.bounding_box()
        cell = row.locator('[role="gridcell"]').first.bounding_box()
        assert box and cell and frame_box
        assert (
            cell["x"] - 1 <= box["x"] and box["x"] + box["width"] <= cell["x"] + cell["width"] + 1
        )
        assert (
            cell["y"] - 1 <= box["y"] and box["y"] + box["height"] <= cell["y"] + cell["height"] + 1
        )
        assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"]

    # A click opens Jira's navigator on that group's JQL (Connect: this tab; Forge: a new tab).
    first = frame.locator('[data-testid="row-group"]').first
    link = first.get_by_test_id("open-in-jira")
    jql = jql_of(str(link.evaluate("a => a.href")), e2e.jira_url)
    expected = count_of(first.locator(".rb-group-count").inner_text())
    if host_name == "forge":
        with page.context.expect_page() as opened:
            link.click()
        navigator = opened.value
    else:
        link.click()
        navigator = page
    navigator.wait_for_url(re.compile(r"/issues/\?jql="))
    expect(navigator.get_by_test_id("navigator-jql")).to_have_value(jql)
    expect(navigator.get_by_test_id("navigator-count")).to_have_attribute(
        "data-count", str(expected)
    )


@pytest.mark.both_hosts
@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_a_filtered_report_says_its_filters_stay_in_rollbook(e2e, page, width, height) -> None:
    page.set_viewport_size({"width": width, "height": height})
    filtered = definition(
        "filtered",
        [{"field": "status"}],
        filtering_rules=[{"field": STORY_POINTS, "operator": "is_not_empty", "operands": []}],
    )
    frame = open_report(e2e, page, e2e.create_report(filtered))
    note = frame.get_by_test_id("drilldown-filter-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("filter applies only in Rollbook")
    box, frame_box = note.bounding_box(), frame.frame_element().bounding_box()
    assert box and frame_box and box["x"] + box["width"] <= frame_box["x"] + frame_box["width"]
    link = frame.locator('[data-testid="row-total"]').get_by_test_id("open-in-jira")
    expect(link).to_have_attribute("aria-label", re.compile("without the report's filters"))
    # The links still carry the groups' JQL: Jira finds at least what the group shows.
    for row in linked_rows(e2e, frame):
        found = len(e2e.issues(jql_of(row["href"], e2e.jira_url), ["status"], user=VIEWER))
        assert found >= count_of(row["count"]), row["label"]
    assert violations(frame) == []
