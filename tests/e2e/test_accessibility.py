"""Every screen passes axe-core's WCAG 2.1 A and AA rules in Chromium: the report list and the
trash, each editor pane, the grouped viewer, an error screen, the dashboard gadget and the admin
page. axe-core comes from the client's npm lock file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = pytest.mark.browser

EDITOR_PANES = [
    "General",
    "Columns",
    "Sorting",
    "Grouping",
    "Filtering",
    "Formulas",
    "History",
    "Views",
    "People",
]


def test_the_report_list_and_every_editor_pane(e2e, page, points_report) -> None:
    frame = e2e.open_reports(page, "admin")
    expect(frame.get_by_test_id("report-list-row").first).to_be_visible()
    assert violations(frame) == []

    frame.get_by_role("button", name="Trash").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Trash")
    assert violations(frame) == [], "trash"
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name=f"Edit {points_report['name']}").click()
    frame.get_by_test_id("report-editor").wait_for()
    for pane in EDITOR_PANES:
        frame.get_by_role("tab", name=pane).click()
        expect(frame.get_by_role("tab", name=pane)).to_have_attribute("aria-selected", "true")
        assert violations(frame) == [], pane


def test_the_grouped_viewer(e2e, page, points_report) -> None:
    frame = e2e.open_reports(page, "admin", report_id=points_report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    assert violations(frame) == []


def test_the_pivot_view_and_its_drill_down(e2e, page) -> None:
    pivot = {
        "kind": "pivot",
        "id": "pivot",
        "name": "Pivot",
        "rows": [{"field": "status"}, {"field": "labels"}],
        "columns": [{"field": "priority"}],
        "values": [{"field": "issuekey", "aggregation": "count"}],
        "percent_of": "row",
        "conditional_formats": [{"value": 0, "thresholds": [{"at_least": 0.25, "color": "green"}]}],
    }
    report = e2e.create_report(
        {
            "name": "Pivot a11y",
            "jql": "project = ROLL",
            "columns": [{"field": "summary"}],
            "views": [pivot],
        }
    )
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()
    assert violations(frame) == [], "pivot"
    frame.get_by_test_id("pivot-row-total").first.click()
    expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible()
    assert violations(frame) == [], "pivot drill-down"


def test_a_chart_view_with_its_data_table_and_a_current_mark(e2e, page) -> None:
    chart = {
        "kind": "chart",
        "id": "chart",
        "name": "Chart",
        "chart_type": "stacked_bar",
        "series": "second_level",
        "measures": [{"field": "issuekey", "aggregation": "count"}],
    }
    report = e2e.create_report(
        {
            "name": "Chart a11y",
            "jql": "project = ROLL",
            "columns": [{"field": "summary"}],
            "grouping_rules": [{"field": "status"}, {"field": "issuetype"}],
            "views": [chart, {"kind": "table", "id": "table", "name": "Table"}],
        }
    )
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    expect(frame.locator('[data-testid="chart"][data-ready="true"]')).to_be_visible()
    frame.get_by_test_id("chart").focus()
    frame.get_by_test_id("chart").press("ArrowRight")
    expect(frame.get_by_test_id("chart-announcement")).not_to_be_empty()
    assert violations(frame) == [], "chart with a current mark"
    frame.get_by_test_id("chart-show-table").click()
    expect(frame.get_by_test_id("chart-data")).to_be_visible()
    assert violations(frame) == [], "chart with its data table"


def test_an_error_screen(e2e, page, points_report) -> None:
    # The points report is private to the admin: the member gets the permission error.
    frame = e2e.open_reports(page, "member", report_id=points_report["id"])
    expect(frame.get_by_text("No permission")).to_be_visible()
    assert violations(frame) == []


def test_the_gadget_and_the_admin_page(e2e, page, points_report) -> None:
    frame = e2e.open_dashboard(page, "admin")
    expect(frame.get_by_test_id("gadget").or_(frame.get_by_label("Report to show"))).to_be_visible()
    assert violations(frame) == []

    frame = e2e.host.open_admin(page, "admin")
    expect(frame.get_by_role("heading", level=1)).to_be_visible()
    assert violations(frame) == []
