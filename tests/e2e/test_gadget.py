"""Brief item 11, on Connect and on Forge: the dashboard gadget shows a saved report's grand
totals and top groups (as the engine computes them from the same issues), remembers the report
chosen for it (Rollbook stores it on Connect, Jira through `view.submit` on Forge), and its link
opens the full report."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]


def test_gadget_shows_totals_and_top_groups_and_opens_the_report(
    e2e, page, points_report, points_expected
) -> None:
    engine = points_expected.engine
    host = e2e.host
    frame = host.open_dashboard(page, "admin")
    assert frame.url.startswith(host.frame_origin)
    expect(page.locator(host.gadget_title)).to_contain_text("Rollbook report")

    frame = host.choose_gadget_report(page, frame, points_report["id"])
    gadget = frame.get_by_test_id("gadget")
    expect(gadget.get_by_role("heading", level=2)).to_have_text(points_report["name"])
    if host.name == "connect":
        # AP.jira.setDashboardItemTitle: Jira's gadget title becomes the report's name (Forge
        # keeps the manifest's title there, so the gadget shows the name itself, above).
        expect(page.locator(host.gadget_title)).to_have_text(points_report["name"])
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
    assert page.url == host.report_page_url(points_report["id"])
    viewer = host.report_frame(page)
    expect(viewer.get_by_role("heading", level=1)).to_have_text(points_report["name"])
    assert e2e.wait_for_run(viewer)[0] == "complete"
    viewer.get_by_test_id("collapse-all").click()
    expect(viewer.get_by_test_id("row-total").locator(".rb-group-count")).to_have_text(
        f"{total['count']:,} issues"
    )
    expect(viewer.get_by_test_id("row-group")).to_have_count(len(engine["groups"]))


def test_the_chosen_report_is_stored_for_the_dashboard_item(e2e, page, points_report) -> None:
    host = e2e.host
    host.store_gadget_choice(points_report["id"])
    frame = host.open_dashboard(page, "admin")
    gadget = frame.get_by_test_id("gadget")
    expect(gadget.get_by_role("heading", level=2)).to_have_text(points_report["name"])
    expect(frame.get_by_label("Report to show")).to_have_count(0)
    expect(host.change_gadget_control(page, frame)).to_be_visible()

    # A member may not edit the dashboard (no way to change it) nor view this report (private).
    frame = host.open_dashboard(page, "member")
    expect(frame.get_by_text("No permission")).to_be_visible()
    expect(host.change_gadget_control(page, frame)).to_have_count(0)
    expect(frame.get_by_label("Report to show")).to_have_count(0)
