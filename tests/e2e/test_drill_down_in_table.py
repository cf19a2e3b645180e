"""Drill-down inside the report (issue 13, "Drill-down"): a group row's "Show only <group>"
narrows the table, in the browser, to that group's nested groups and issues, with the group's
own total and a breadcrumb back. The test narrows a project > status report to one project and
then one status, and compares the issues shown with what jirasim returns for the report's JQL
plus the group's predicates; the breadcrumb, Escape and the first crumb bring the whole report
back; search, the total's "Open in Jira" and the CSV export act on the narrowed group only."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
BASE_JQL = "project in (ROLL, DATA) ORDER BY key"
PROJECT = ("DATA", "Data Platform")
PREFERRED_STATUS = "In Progress"
STORY_POINTS = "customfield_10016"
# The breadcrumb's separator, as the viewer shows it.
SEP = "\u203a"

DEFINITION: dict[str, Any] = {
    "name": "Drill-down in the table",
    "jql": BASE_JQL,
    "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
    "grouping_rules": [{"field": "project"}, {"field": "status"}],
}


def count_of(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    assert digits, f"no count in {text!r}"
    return int(digits)


def jira_keys(e2e: Any, *predicates: str) -> set[str]:
    """The issue keys jirasim finds for the report's JQL AND the group's predicates."""
    base = BASE_JQL.removesuffix(" ORDER BY key")
    jql = " AND ".join([f"({base})", *predicates])
    return {issue["key"] for issue in e2e.issues(jql, ["status"])}


def shown_keys(rows: list[dict[str, Any]]) -> set[str]:
    return {row["issueKey"] for row in rows if row["kind"] == "row-issue"}


def total_of(rows: list[dict[str, Any]]) -> dict[str, Any]:
    totals = [row for row in rows if row["kind"] == "row-total"]
    assert len(totals) == 1
    return totals[0]


def breadcrumb_text(frame: Any) -> str:
    return " ".join(frame.get_by_test_id("drill-breadcrumb").inner_text().split())


def show_only(
    frame: Any, depth: int, label: str, *, keyboard: bool = False, index: int = 0
) -> None:
    """Scrolls the group's row (at `index` among the body rows) into the virtualized table's
    window and activates its "Show only" button."""
    frame.get_by_test_id("report-scroller").evaluate(
        "(el, index) => { el.scrollTop = Math.max(0, index * 32 - 64); }", index
    )
    row = frame.locator(
        f'[data-testid="row-group"][data-depth="{depth}"][data-group-key="{label}"]'
    )
    button = row.get_by_role("button", name=f"Show only {label}")
    if keyboard:
        button.focus()
        button.press("Enter")
    else:
        button.click()


def assert_show_only_fits(frame: Any) -> None:
    """Each rendered group row's "Show only" sits in its first cell, after the name and before
    "Open in Jira", on the row's line."""
    rows = frame.locator('[data-testid="row-group"]').all()[:6]
    assert rows
    for row in rows:
        cell = row.locator(".rb-cell--tree").bounding_box()
        label = row.locator(".rb-group-label").bounding_box()
        button = row.get_by_test_id("show-only-group").bounding_box()
        link = row.get_by_test_id("open-in-jira").bounding_box()
        assert cell and label and button and link
        assert label["x"] + label["width"] <= button["x"] + 0.5
        assert button["x"] + button["width"] <= link["x"] + 0.5
        assert (
            cell["x"] <= button["x"]
            and link["x"] + link["width"] <= cell["x"] + cell["width"] + 0.5
        )
        assert (
            cell["y"] - 0.5
            <= button["y"]
            <= button["y"] + button["height"]
            <= cell["y"] + cell["height"] + 0.5
        )


def row_count(frame: Any) -> int:
    return int(frame.get_by_test_id("report-table").get_attribute("data-row-count"))


def assert_breadcrumb_above_table(frame: Any) -> None:
    crumb = frame.get_by_test_id("drill-breadcrumb").bounding_box()
    table = frame.get_by_test_id("report-scroller").bounding_box()
    frame_box = frame.frame_element().bounding_box()
    assert crumb and table and frame_box
    assert crumb["y"] + crumb["height"] <= table["y"] + 1
    assert crumb["x"] >= table["x"] - 1
    assert crumb["x"] + crumb["width"] <= frame_box["x"] + frame_box["width"] + 1
    # A narrowed table starts at its top.
    assert frame.get_by_test_id("report-scroller").evaluate("el => el.scrollTop") == 0


def total_link_keys(e2e: Any, frame: Any) -> set[str]:
    link = frame.get_by_test_id("row-total").get_by_test_id("open-in-jira")
    href = str(link.evaluate("a => a.href"))
    jql = parse_qs(urlsplit(href).query)["jql"][0]
    return {issue["key"] for issue in e2e.issues(jql, ["status"])}


def exported_keys(page: Any, frame: Any, tmp_path: Any) -> tuple[str, set[str]]:
    frame.get_by_test_id("export-menu").click()
    with page.expect_download() as downloaded:
        frame.get_by_test_id("export-csv-shown").click()
    target = tmp_path / "narrowed.csv"
    downloaded.value.save_as(target)
    table = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    key_column = table[0].index("Key")
    keys = {line[key_column] for line in table[1:] if line[key_column]}
    return downloaded.value.suggested_filename, keys


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_show_only_one_group_then_back(e2e, page, tmp_path, width, height) -> None:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report(DEFINITION)
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    full_rows = row_count(frame)
    expect(frame.get_by_test_id("drill-breadcrumb")).to_have_count(0)
    assert_show_only_fits(frame)

    # 1. One project: its statuses and issues, with the project's own total.
    project_key, project_name = PROJECT
    show_only(frame, 1, project_name)
    expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible()
    assert breadcrumb_text(frame) == f"All issues {SEP} {project_name}"
    rows = e2e.collect_rows(frame)
    project_keys = jira_keys(e2e, f"project = {project_key}")
    assert project_keys and shown_keys(rows) == project_keys
    assert {row["depth"] for row in rows if row["kind"] == "row-group"} == {2}
    assert count_of(total_of(rows)["count"]) == len(project_keys)
    assert total_link_keys(e2e, frame) == project_keys
    assert_breadcrumb_above_table(frame)
    # The row's button is gone: focus lands on the crumb that names what is shown.
    current = frame.get_by_test_id("drill-breadcrumb").locator('[aria-current="location"]')
    expect(current).to_be_focused()
    project_rows = row_count(frame)
    assert project_rows < full_rows

    # 2. One status of that project, chosen with the keyboard.
    statuses = [row["groupKey"] for row in rows if row["kind"] == "row-group"]
    status = PREFERRED_STATUS if PREFERRED_STATUS in statuses else statuses[0]
    status_index = next(row["index"] for row in rows if row["groupKey"] == status)
    show_only(frame, 2, status, keyboard=True, index=status_index)
    expect(frame.get_by_test_id("drill-breadcrumb")).to_contain_text(status)
    assert breadcrumb_text(frame) == f"All issues {SEP} {project_name} {SEP} {status}"
    rows = e2e.collect_rows(frame)
    status_keys = jira_keys(e2e, f"project = {project_key}", f'status = "{status}"')
    assert status_keys and shown_keys(rows) == status_keys
    assert [row["kind"] for row in rows if row["kind"] != "row-issue"] == ["row-total"]
    assert count_of(total_of(rows)["count"]) == len(status_keys)
    assert total_link_keys(e2e, frame) == status_keys
    assert_breadcrumb_above_table(frame)
    assert violations(frame) == []

    # Search looks only at what is shown.
    search = frame.get_by_role("searchbox", name="Find in this report")

    # Keys are matched as substrings (DATA-1 finds DATA-12): take keys no other shown key contains.
    def alone(key: str, among: set[str]) -> bool:
        return not any(key in other for other in among - {key})

    outside = next(k for k in sorted(project_keys - status_keys) if alone(k, status_keys))
    search.fill(outside)
    expect(frame.get_by_text("No matches")).to_be_visible()
    search.fill(next(k for k in sorted(status_keys) if alone(k, status_keys)))
    expect(frame.get_by_text("1 of 1")).to_be_visible()
    search.fill("")

    # Sorting reorders the narrowed rows only.
    header = frame.locator(f'[role="columnheader"][data-column="{STORY_POINTS}"]')
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    sorted_rows = e2e.collect_rows(frame)
    assert shown_keys(sorted_rows) == status_keys and len(sorted_rows) == len(rows)
    points = [row["cells"][STORY_POINTS] for row in sorted_rows if row["kind"] == "row-issue"]
    numbers = [float(p) for p in points if p.strip()]
    assert numbers == sorted(numbers)
    header.get_by_role("button").click()
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "none")

    # The export holds the narrowed group only, and says which in its file name.
    filename, keys = exported_keys(page, frame, tmp_path)
    assert keys == status_keys
    assert f"{project_name} - {status}" in filename

    # 3. Back up one crumb, then Escape, then narrow again and take the first crumb.
    frame.get_by_test_id("drill-breadcrumb").get_by_role("button", name=project_name).click()
    assert breadcrumb_text(frame) == f"All issues {SEP} {project_name}"
    assert row_count(frame) == project_rows
    # Focus is back on the group the user came out of, in the table: Escape goes on from there.
    status_row = frame.locator(f'[data-testid="row-group"][data-group-key="{status}"]')
    expect(status_row).to_be_focused()
    page.keyboard.press("Escape")
    expect(frame.get_by_test_id("drill-breadcrumb")).to_have_count(0)
    assert row_count(frame) == full_rows
    show_only(frame, 1, project_name)
    frame.get_by_test_id("drill-breadcrumb").get_by_role("button", name="All issues").click()
    expect(frame.get_by_test_id("drill-breadcrumb")).to_have_count(0)
    assert row_count(frame) == full_rows
    # Focus comes back to the group the user left.
    expect(
        frame.locator(f'[data-testid="row-group"][data-group-key="{project_name}"]')
    ).to_be_focused()
