"""Brief item 11: the dashboard gadget shows a saved report's grand totals and top groups (as the
engine computes them from the same issues), remembers the report chosen for it, and its link
opens the full report."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jirasim.host.pages import DASHBOARD_ID, dashboard_item_id
from support.browser import app_frame

pytestmark = pytest.mark.browser


def test_gadget_shows_totals_and_top_groups_and_opens_the_report(
    e2e, page, points_report, points_expected
) -> None:
    engine = points_expected.engine
    frame = e2e.open_dashboard(page, "admin")
    assert frame.url.startswith(f"{e2e.app_url}/ui/gadget?dashboardItemId=")
    expect(page.locator("section.gadget h3")).to_have_text("Rollbook report")

    picker = frame.get_by_label("Report to show")
    picker.select_option(points_report["id"])
    frame.get_by_role("button", name="Show").click()
    gadget = frame.get_by_test_id("gadget")
    expect(gadget.get_by_role("heading", level=2)).to_have_text(points_report["name"])
    # AP.jira.setDashboardItemTitle: Jira's gadget title becomes the report's name.
    expect(page.locator("section.gadget h3")).to_have_text(points_report["name"])
    status, text = e2e.wait_for_run(frame)
    assert (status, text) == ("complete", f"All {len(points_expected.issues)} issues loaded")

    summary = frame.get_by_test_id("gadget-summary")
    expect(summary.locator("thead th")).to_have_text(
        ["Group", "Issues", "Story Points", "Time Spent"]
    )
    aggregated = [i for i, c in enumerate(engine["columns"]) if c["aggregation"]]
    expected_rows = [
        [g["label"], f"{g['count']:,}"]
        + [(g["aggregates"][i] or {}).get("display", "") for i in aggregated]
        for g in engine["groups"][:10]
    ]
    rows = frame.get_by_test_id("gadget-group")
    expect(rows).to_have_count(len(expected_rows))
    shown = rows.evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.textContent))")
    assert shown == expected_rows
    # The independent count per status agrees too.
    for label, count, *_ in shown:
        assert int(count.replace(",", "")) == points_expected.python[label]["count"]
    total = engine["total"]
    expect(frame.get_by_test_id("gadget-total").locator("th, td")).to_have_text(
        ["Total", f"{total['count']:,}"] + [total["aggregates"][i]["display"] for i in aggregated]
    )

    with page.expect_navigation():
        frame.get_by_test_id("open-full-report").click()
    assert page.url == f"{e2e.stack.general_page}?ac.report={points_report['id']}"
    viewer = app_frame(page, e2e.app_url)
    assert viewer.url.startswith(f"{e2e.app_url}/ui/reports?")
    expect(viewer.get_by_role("heading", level=1)).to_have_text(points_report["name"])
    assert e2e.wait_for_run(viewer)[0] == "complete"
    viewer.get_by_test_id("collapse-all").click()
    expect(viewer.get_by_test_id("row-total").locator(".rb-group-count")).to_have_text(
        f"{total['count']:,} issues"
    )
    expect(viewer.get_by_test_id("row-group")).to_have_count(len(engine["groups"]))


def test_the_chosen_report_is_stored_for_the_dashboard_item(e2e, page, points_report) -> None:
    choice = {"dashboard_id": DASHBOARD_ID, "report_id": points_report["id"]}
    with e2e.api("admin") as api:
        assert api.put(f"/api/gadgets/{dashboard_item_id(0)}", json=choice).status_code == 200
    frame = e2e.open_dashboard(page, "admin")
    gadget = frame.get_by_test_id("gadget")
    expect(gadget.get_by_role("heading", level=2)).to_have_text(points_report["name"])
    expect(frame.get_by_label("Report to show")).to_have_count(0)
    expect(gadget.get_by_role("button", name="Change")).to_be_visible()

    # A member may not edit the dashboard (no "Change") nor view this report (private).
    frame = e2e.open_dashboard(page, "member")
    expect(frame.get_by_text("No permission")).to_be_visible()
    expect(frame.get_by_role("button", name="Change")).to_have_count(0)
    expect(frame.get_by_label("Report to show")).to_have_count(0)
