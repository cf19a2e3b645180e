"""Brief item 11, on Connect and on Forge: the dashboard gadget shows a saved report's grand
totals and top groups (as the engine computes them from the same issues), remembers the report
chosen for it (Rollbook stores it on Connect, Jira through `view.submit` on Forge), and its link
opens the full report. Issue 13: it shows the view chosen for it — a chart at the gadget's size,
a pivot scrolling inside it — and the view chosen in its picker is stored the same way."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations
from support.browser import forge_frame, inside
from support.hosts import FORGE_GADGET

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
    e2e.viewer_action(viewer, "collapse-all")
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


SIZES = [(1280, 720), (1920, 1080)]
# A report as wide as the gadget must handle: 16 columns, each with an aggregate.
WIDE_COLUMNS: list[dict[str, Any]] = [
    {"field": "summary", "aggregation": "count"},
    {"field": "customfield_10016", "aggregation": "sum"},
    {"field": "timespent", "aggregation": "sum"},
    {"field": "timeoriginalestimate", "aggregation": "sum"},
    {"field": "timeestimate", "aggregation": "sum"},
    {"field": "created", "aggregation": "earliest"},
    {"field": "updated", "aggregation": "latest"},
    {"field": "duedate", "aggregation": "latest"},
    {"field": "resolutiondate", "aggregation": "latest"},
    {"field": "assignee", "aggregation": "count_distinct"},
    {"field": "reporter", "aggregation": "count_distinct"},
    {"field": "priority", "aggregation": "count_distinct"},
    {"field": "issuetype", "aggregation": "count_distinct"},
    {"field": "labels", "aggregation": "count_distinct"},
    {"field": "customfield_10040", "aggregation": "latest"},
    {"field": "customfield_10030", "aggregation": "count_distinct"},
]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_no_permission_message_fits_in_the_gadget_frame(
    e2e, page, points_report, width: int, height: int
) -> None:
    """Item 17: the frame sizes to the message, not the 44 px of the loading line."""
    page.set_viewport_size({"width": width, "height": height})
    e2e.host.store_gadget_choice(points_report["id"])
    # The member may not view the admin's private report.
    frame = e2e.open_dashboard(page, "member")
    banner = frame.get_by_test_id("error-banner")
    expect(banner).to_contain_text("No permission")
    frame_element = frame.frame_element()

    def fits() -> bool:
        return inside(banner.bounding_box(), frame_element.bounding_box())

    # The host resizes the frame after the message renders; allow it that round trip.
    for _ in range(50):
        if fits():
            break
        page.wait_for_timeout(100)
    box, outer = banner.bounding_box(), frame_element.bounding_box()
    assert box is not None and outer is not None
    assert inside(box, outer), (box, outer)
    # The whole document shows: no scrolling inside the gadget.
    assert frame.evaluate(
        "document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1"
    )


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_sixteen_column_report_is_compact_in_the_gadget(
    e2e, page, width: int, height: int
) -> None:
    """Item 17: a wide report shows its first three aggregated columns and says so; the gadget
    does not scroll sideways."""
    report = e2e.create_report(
        {
            "name": "Wide report",
            "jql": "project in (ROLL, WEB)",
            "columns": WIDE_COLUMNS,
            "grouping_rules": [{"field": "status"}, {"field": "priority"}],
        }
    )
    page.set_viewport_size({"width": width, "height": height})
    e2e.host.store_gadget_choice(report["id"])
    frame = e2e.open_dashboard(page, "admin")
    assert e2e.wait_for_run(frame)[0] == "complete"
    summary = frame.get_by_test_id("gadget-summary")
    expect(summary.locator("thead th")).to_have_text(
        ["Group", "Issues", "Summary", "Story Points", "Time Spent"]
    )
    expect(frame.get_by_test_id("gadget-hidden-columns")).to_have_text(
        "Showing 3 of 16 columns. Open the full report for all of them."
    )
    # Top-level groups only.
    groups = frame.get_by_test_id("gadget-group")
    assert groups.count() > 0
    statuses = {i["fields"]["status"]["name"] for i in e2e.issues(report["jql"], ["status"])}
    assert set(groups.locator("th").all_text_contents()) <= statuses
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    box = summary.bounding_box()
    outer = frame.frame_element().bounding_box()
    assert box is not None and outer is not None
    assert box["x"] + box["width"] <= outer["x"] + outer["width"] + 1
    assert violations(frame) == []


# Issue 13: the gadget shows the view chosen for it (a table in brief, a chart or a pivot).
STORY_POINTS = "customfield_10016"
VIEWS_JQL = "project in (ROLL, WEB)"
CHART_VIEW = "Points by status"
PIVOT_VIEW = "Status by type"
VIEWS_REPORT: dict[str, Any] = {
    "name": "Report with views",
    "jql": VIEWS_JQL,
    "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
    "grouping_rules": [{"field": "status"}],
    "views": [
        {"kind": "table", "id": "table", "name": "Table"},
        {
            "kind": "chart",
            "id": "points-chart",
            "name": CHART_VIEW,
            "chart_type": "bar",
            "measures": [{"field": STORY_POINTS, "aggregation": "sum"}],
        },
        {
            "kind": "pivot",
            "id": "status-by-type",
            "name": PIVOT_VIEW,
            "rows": [{"field": "status"}],
            "columns": [{"field": "issuetype"}],
            "values": [{"field": "issuekey", "aggregation": "count"}],
        },
    ],
}
CHART_TABLE_JS = """
(table) => ({
  head: [...table.tHead.rows[0].cells].map((c) => c.textContent),
  rows: [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
})
"""


# For a failure message: the page's widths, and the first elements sticking out on the right.
WIDER_THAN_PAGE_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > width)
    .slice(0, 8)
    .map((e) => `${e.className} ${JSON.stringify(e.getBoundingClientRect())}`);
  return [document.documentElement.scrollWidth, width, ...wide];
}
"""


def settled_frame_height(page: Any, frame: Any) -> float:
    """The gadget frame's height once the host stopped resizing it: the same twice, 1 s apart
    (a frame that follows its own content's height would keep growing)."""
    heights: list[float] = []
    for _ in range(10):
        box = frame.frame_element().bounding_box()
        assert box is not None
        heights.append(box["height"])
        if len(heights) > 1 and heights[-1] == heights[-2]:
            return heights[-1]
        page.wait_for_timeout(1000)
    raise AssertionError(f"the gadget frame never settled: {heights}")


def assert_fits_in_frame(host: Any, frame: Any, locator: Any) -> None:
    """`locator` is whole in the gadget's frame, which never scrolls sideways. On Connect the
    frame is sized to its whole document (AP.resize). jirasim gives a Forge gadget a fixed 400 px
    frame (it does not run Forge's iframe resizer), so there the part must fit once scrolled to."""
    if host.name == "forge":
        locator.scroll_into_view_if_needed()
    else:
        assert frame.evaluate(
            "document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1"
        )
    box, outer = locator.bounding_box(), frame.frame_element().bounding_box()
    assert box is not None and outer is not None
    assert inside(box, outer), (box, outer)
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    ), frame.evaluate(WIDER_THAN_PAGE_JS)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_gadget_whose_view_is_a_chart_shows_the_chart(e2e, page, width: int, height: int) -> None:
    report = e2e.create_report(VIEWS_REPORT)
    page.set_viewport_size({"width": width, "height": height})
    e2e.host.store_gadget_choice(report["id"], "points-chart")
    frame = e2e.open_dashboard(page, "admin")
    assert e2e.wait_for_run(frame)[0] == "complete"
    chart = frame.locator('[data-testid="chart"][data-chart-type="bar"][data-ready="true"]')
    expect(chart).to_be_visible()
    expect(chart.locator("svg").first).to_be_visible()
    expect(frame.get_by_test_id("gadget-summary")).to_have_count(0)
    expect(frame.get_by_test_id("gadget-view-name")).to_have_text(CHART_VIEW)

    # The chart's numbers, as its data table gives them, are the story points per status
    # summed here from the same issues.
    points: dict[str, float] = {}
    for issue in e2e.issues(VIEWS_JQL, ["status", STORY_POINTS]):
        status = issue["fields"]["status"]["name"]
        points[status] = points.get(status, 0.0) + (issue["fields"].get(STORY_POINTS) or 0)
    table = frame.get_by_test_id("chart-data").evaluate(CHART_TABLE_JS)
    assert table["head"][0] == "Status" and len(table["head"]) == 2
    shown = {row[0]: float(row[1].replace(",", "") or 0) for row in table["rows"]}
    assert shown == pytest.approx(points, abs=0.051)

    # At the gadget's size: the chart has the gadget's fixed height and the frame's width, the
    # frame holds it whole, and the frame stops growing.
    settled_frame_height(page, frame)
    box = chart.bounding_box()
    assert box is not None and abs(box["height"] - 300) <= 1, box
    assert_fits_in_frame(e2e.host, frame, chart)
    assert violations(frame) == []

    # A mark opens the full report (a gadget cannot narrow its view): Enter on the first mark.
    chart.focus()
    page.keyboard.press("ArrowRight")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == e2e.host.report_page_url(report["id"])


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_view_chosen_in_the_picker_sticks_after_reload(
    e2e, page, width: int, height: int
) -> None:
    host = e2e.host
    report = e2e.create_report(VIEWS_REPORT)
    page.set_viewport_size({"width": width, "height": height})
    host.store_gadget_choice(report["id"])
    frame = e2e.open_dashboard(page, "admin")
    # No view stored: the report's first view, its table in brief.
    expect(frame.get_by_test_id("gadget-summary")).to_be_visible()
    expect(frame.get_by_test_id("gadget-view-name")).to_have_text("Table")

    if host.name == "connect":
        host.change_gadget_control(page, frame).click()
        picker = frame
    else:
        host.change_gadget_control(page, frame).click()
        picker = forge_frame(page, f"{FORGE_GADGET}[data-entry-point='edit']")
    views = picker.get_by_label("View to show")
    expect(views.locator("option")).to_have_text(["Table", CHART_VIEW, PIVOT_VIEW])
    expect(views).to_have_value("table")
    assert violations(picker) == [], "the picker with the report's views"
    views.select_option(label=PIVOT_VIEW)
    picker.get_by_role("button", name="Show").click()
    if host.name == "forge":
        frame = forge_frame(page, f"{FORGE_GADGET}[data-entry-point='view']")
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()

    page.reload()
    frame = e2e.open_dashboard(page, "admin")
    assert e2e.wait_for_run(frame)[0] == "complete"
    expect(frame.get_by_test_id("gadget-view-name")).to_have_text(PIVOT_VIEW)
    pivot = frame.get_by_test_id("pivot-table")
    expect(pivot).to_be_visible()
    expect(frame.get_by_test_id("gadget-summary")).to_have_count(0)
    # The pivot's grand total is every issue of the report, counted here.
    total = len(e2e.issues(VIEWS_JQL, ["status"]))
    expect(frame.get_by_test_id("pivot-grand-total")).to_have_text(f"{total:,}")
    # It scrolls inside its box; the frame holds the box and stops growing.
    settled_frame_height(page, frame)
    assert_fits_in_frame(e2e.host, frame, frame.get_by_test_id("pivot-scroller"))
    assert violations(frame) == []
