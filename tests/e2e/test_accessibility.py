"""Every screen passes axe-core's WCAG 2.1 A and AA rules in Chromium: the report list and the
trash, each editor pane, the grouped viewer, an error screen, the dashboard gadget and the admin
page. axe-core comes from the client's npm lock file."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = pytest.mark.browser

EDITOR_PANES = ["General", "Columns", "Sorting", "Grouping", "Filtering", "Formulas", "People"]


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
