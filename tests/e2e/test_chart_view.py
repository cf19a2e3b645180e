"""Issue 13, chart views in the viewer: every chart type (bar, stacked bar, line, area, pie,
donut) drawn by ECharts from the report's result, on Connect and Forge at 1280x720 and
1920x1080 (every type on Connect at 1280x720; bar and donut on the other combinations).

Per case: the report is saved through the API with the chart as its view and opened; the chart
fills the view panel; its data table (the chart's own numbers) is checked against values computed
here from the issues jirasim returns (independent code: no engine); a real mouse click on a mark
narrows the table to exactly the issues jirasim has in that mark's group; the keyboard reaches the
chart with Tab, ArrowRight reads a mark out in the live region and Enter drills down; PNG and SVG
exports are real images of the chart; no Content-Security-Policy violation; axe finds nothing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from defusedxml import ElementTree
from playwright.sync_api import expect

from jirasim.dataset import DEMO_ADMIN
from support.axe import violations
from support.png import png_pixels

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
JQL = "project in (ROLL, WEB)"
STORY_POINTS = "customfield_10016"
COUNT = {"field": "issuekey", "aggregation": "count"}
POINTS_SUM = {"field": STORY_POINTS, "aggregation": "sum"}
ZONE = ZoneInfo(DEMO_ADMIN.time_zone)
NONE = "(none)"
SEP = "\u203a"
# The palette's first colour (client/src/ui/viewer/chart/palette.ts): the first series' marks.
FIRST_COLOUR = ("#0072b2", "rgb(0,114,178)")


def month(issue: dict[str, Any]) -> str:
    created = datetime.fromisoformat(issue["fields"]["created"].replace("+0000", "+00:00"))
    return created.astimezone(ZONE).strftime("%b %Y")


def month_key(label: str) -> datetime:
    return datetime.strptime(label, "%b %Y")


def named(field: str) -> Callable[[dict[str, Any]], str]:
    def label(issue: dict[str, Any]) -> str:
        value = issue["fields"].get(field)
        return value["name"] if value else NONE

    return label


def count(issues: list[dict[str, Any]]) -> float:
    return float(len(issues))


def points(issues: list[dict[str, Any]]) -> float:
    return float(sum(issue["fields"].get(STORY_POINTS) or 0 for issue in issues))


# chart type → (grouping rules, view settings, x label, series label or None, measures as
# (series name, function of a group's issues), running totals)
CASES: dict[str, dict[str, Any]] = {
    "bar": {
        "groups": [{"field": "status"}, {"field": "issuetype"}],
        "view": {"series": "second_level", "measures": [COUNT]},
        "x": named("status"),
        "series": named("issuetype"),
        "measures": [("", count)],
    },
    "stacked_bar": {
        "groups": [{"field": "status"}, {"field": "issuetype"}],
        "view": {"series": "second_level", "measures": [COUNT]},
        "x": named("status"),
        "series": named("issuetype"),
        "measures": [("", count)],
    },
    "line": {
        "groups": [{"field": "created", "bucket": {"kind": "date", "unit": "month"}}],
        "view": {"series": "aggregates", "measures": [COUNT, POINTS_SUM], "cumulative": True},
        "x": month,
        "series": None,
        "measures": [("Issues", count), ("Sum of {customfield_10016}", points)],
        "cumulative": True,
    },
    "area": {
        "groups": [
            {"field": "created", "bucket": {"kind": "date", "unit": "month"}},
            {"field": "issuetype"},
        ],
        "view": {"series": "second_level", "measures": [COUNT], "cumulative": True},
        "x": month,
        "series": named("issuetype"),
        "measures": [("", count)],
        "cumulative": True,
    },
    "pie": {
        "groups": [{"field": "priority"}],
        "view": {"series": "aggregates", "measures": [POINTS_SUM]},
        "x": named("priority"),
        "series": None,
        "measures": [("Sum of {customfield_10016}", points)],
    },
    "donut": {
        "groups": [{"field": "issuetype"}],
        "view": {"series": "aggregates", "measures": [COUNT]},
        "x": named("issuetype"),
        "series": None,
        "measures": [("Issues", count)],
    },
}
EVERYWHERE = {"bar", "donut"}

# Records Content-Security-Policy violations in every frame, from before the app's first script.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""

DATA_TABLE_JS = """
(table) => ({
  head: [...table.tHead.rows[0].cells].map((c) => c.textContent),
  series: [...table.querySelectorAll('[data-testid="chart-series"]')].map((c) => c.textContent),
  rows: [...table.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
})
"""

# A point inside the biggest mark of the first series (legend icons excluded): the first point
# of a grid over its box where the mark itself is what the mouse would hit.
MARK_POINT_JS = """
([colours, kind]) => {
  const chart = document.querySelector('[data-testid="chart"]');
  const box = chart.getBoundingClientRect();
  const colour = (el, attribute) =>
    (el.getAttribute(attribute) || '').replace(/\\s/g, '').toLowerCase();
  const marks = [...chart.querySelectorAll('svg path')].filter((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.width > box.width * 0.9) return false;
    // Bars and slices are filled with the series' colour (a pie's label lines only stroked);
    // a line's points are small symbols outlined in it.
    const painted = kind === 'symbol'
      ? colours.includes(colour(el, 'stroke')) && r.width <= 20 && r.height <= 20
      : colours.includes(colour(el, 'fill'));
    // The legend: at the top of bar and line charts, at the bottom of pies and donuts.
    const legend = kind === 'slice' ? r.bottom > box.bottom - 36 : r.top < box.top + 36;
    return painted && !legend;
  });
  marks.sort((a, b) => {
    const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
    return rb.width * rb.height - ra.width * ra.height;
  });
  for (const el of marks) {
    // A bar or slice: its visible point nearest the middle of them all; an edge point can miss
    // ECharts' own hit test (a slice grows when hovered).
    const r = el.getBoundingClientRect();
    const hits = [];
    for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
      const x = r.left + (r.width * i) / 16, y = r.top + (r.height * j) / 16;
      if (document.elementFromPoint(x, y) === el) hits.push([x, y]);
    }
    if (hits.length === 0) continue;
    // A line's symbol is a small ring: its first visible point is on the ring, as ECharts hits it.
    if (kind === 'symbol') return { x: hits[0][0] - box.left, y: hits[0][1] - box.top };
    const mx = hits.reduce((sum, h) => sum + h[0], 0) / hits.length;
    const my = hits.reduce((sum, h) => sum + h[1], 0) / hits.length;
    const distance = (h) => (h[0] - mx) ** 2 + (h[1] - my) ** 2;
    const [x, y] = hits.reduce((best, h) => (distance(h) < distance(best) ? h : best));
    return { x: x - box.left, y: y - box.top };
  }
  return null;
}
"""


PAINTS_JS = """
() => [...document.querySelectorAll('[data-testid="chart"] svg path')].slice(0, 40).map((el) =>
  [el.getAttribute('fill'), el.getAttribute('stroke'), el.getAttribute('style'),
   JSON.stringify(el.getBoundingClientRect())].join(' | '))
"""


def expected_table(
    case: dict[str, Any], issues: list[dict[str, Any]], names: dict[str, str]
) -> dict[str, dict[str, float]]:
    """category → series → value, from the issues (running totals along months when asked)."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    categories: set[str] = set()
    series_of = case["series"]
    for issue in issues:
        category = case["x"](issue)
        categories.add(category)
        groups[category, series_of(issue) if series_of else ""].append(issue)
    if series_of:
        series = {s for _, s in groups}
        values = {
            c: {s: case["measures"][0][1](groups.get((c, s), [])) for s in series}
            for c in categories
        }
    else:
        values = {
            c: {name.format(**names): fn(groups[c, ""]) for name, fn in case["measures"]}
            for c in categories
        }
    if case.get("cumulative"):
        running: dict[str, float] = defaultdict(float)
        for c in sorted(categories, key=month_key):
            for s, v in values[c].items():
                running[s] += v
                values[c][s] = running[s]
    return values


def number(text: str) -> float:
    return float(text.replace(",", "")) if text.strip() else 0.0


def data_table(frame: Any) -> dict[str, Any]:
    return dict(frame.get_by_test_id("chart-data").evaluate(DATA_TABLE_JS))


def group_keys(case: dict[str, Any], issues: list[dict[str, Any]], path: list[str]) -> set[str]:
    """The keys of the issues in the group the breadcrumb names (category, then series)."""
    keys = set()
    for issue in issues:
        if case["x"](issue) != path[0]:
            continue
        if len(path) > 1 and case["series"](issue) != path[1]:
            continue
        keys.add(issue["key"])
    return keys


def mark_text(table: dict[str, Any], category: int, series: int) -> str:
    row = table["rows"][category]
    return f"{row[0]}, {table['series'][series]}: {row[1 + series] or 'no value'}"


def first_mark_with_issues(
    case: dict[str, Any], issues: list[dict[str, Any]], table: dict[str, Any]
) -> tuple[int, int]:
    for category, row in enumerate(table["rows"]):
        for series, name in enumerate(table["series"]):
            if group_keys(case, issues, [row[0], name] if case["series"] else [row[0]]):
                return category, series
    raise AssertionError("no mark has issues")


def breadcrumb_path(frame: Any) -> list[str]:
    crumbs = frame.get_by_test_id("drill-breadcrumb").locator("li").all_inner_texts()
    return [c.replace(SEP, "").strip() for c in crumbs][1:]


def assert_narrowed_to_group(e2e: Any, frame: Any, case: dict[str, Any], issues: list[Any]) -> None:
    expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible()
    expect(frame.get_by_test_id("chart")).to_have_count(0)
    path = breadcrumb_path(frame)
    assert path, "the breadcrumb names no group"
    shown = {row["issueKey"] for row in e2e.collect_rows(frame) if row["kind"] == "row-issue"}
    assert shown == group_keys(case, issues, path), path


# ECharts follows its box through a ResizeObserver: after a layout change (the data table shown
# and hidden again) the drawing catches up a frame or two later.
SETTLED_JS = """
() => {
  const chart = document.querySelector('[data-testid="chart"][data-ready="true"]');
  const svg = chart && chart.querySelector('svg');
  if (!svg) return false;
  const a = chart.getBoundingClientRect(), b = svg.getBoundingClientRect();
  return Math.abs(a.width - b.width) < 1 && Math.abs(a.height - b.height) < 1;
}
"""


def settled(frame: Any) -> None:
    frame.wait_for_function(SETTLED_JS)


def back_to_chart(frame: Any) -> Any:
    frame.get_by_test_id("drill-breadcrumb").get_by_role("button", name="All issues").click()
    chart = frame.locator('[data-testid="chart"][data-ready="true"]')
    expect(chart).to_be_visible()
    return chart


def pointer_on_mark(chart: Any, point: dict[str, float]) -> dict[str, float]:
    """Hovers `point` until the mark's tooltip (its value in bold) shows that ECharts sees the
    pointer on the mark; a small symbol can miss its hit test by a pixel, so nearby points are
    tried too. Returns the point that worked, else `point`: the click that follows, and the
    narrowed table it must give, are the real check (the tooltip sometimes comes late)."""
    for dx, dy in [(0, 0), (1, 1), (-1, -1), (1, -1), (-1, 1)]:
        moved = {"x": point["x"] + dx, "y": point["y"] + dy}
        chart.hover(position=moved)
        try:
            expect(chart.locator("b").first).to_be_visible(timeout=1500)
            return moved
        except AssertionError:
            chart.hover(position={"x": 2, "y": 2})
    return point


def download(page: Any, frame: Any, test_id: str, target: Path) -> tuple[str, bytes]:
    frame.get_by_test_id("export-menu").click()
    with page.expect_download() as downloaded:
        frame.get_by_test_id(test_id).click()
    downloaded.value.save_as(target)
    return downloaded.value.suggested_filename, target.read_bytes()


# Bar and donut on both hosts at both sizes; the other types on Connect at 1280x720.
@pytest.mark.both_hosts
@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("chart_type", sorted(EVERYWHERE))
def test_chart_view_on_each_host_and_size(
    e2e: Any, page: Any, host_name: str, tmp_path: Path, chart_type: str, width: int, height: int
) -> None:
    check_chart_view(e2e, page, host_name, tmp_path, chart_type, width, height)


@pytest.mark.parametrize("chart_type", [t for t in CASES if t not in EVERYWHERE])
def test_every_other_chart_type(
    e2e: Any, page: Any, host_name: str, tmp_path: Path, chart_type: str
) -> None:
    check_chart_view(e2e, page, host_name, tmp_path, chart_type, *SIZES[0])


def check_chart_view(
    e2e: Any, page: Any, host_name: str, tmp_path: Path, chart_type: str, width: int, height: int
) -> None:
    case = CASES[chart_type]
    page.set_viewport_size({"width": width, "height": height})
    page.add_init_script(CSP_LISTENER)
    view = {
        "kind": "chart",
        "id": "chart",
        "name": "Chart",
        "chart_type": chart_type,
        **case["view"],
    }
    report = e2e.create_report(
        {
            "name": f"Chart {chart_type}",
            "jql": JQL,
            "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
            "grouping_rules": case["groups"],
            "views": [view],
        }
    )
    issues = e2e.issues(JQL, ["status", "issuetype", "priority", "created", STORY_POINTS])
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    chart = frame.locator(
        f'[data-testid="chart"][data-chart-type="{chart_type}"][data-ready="true"]'
    )
    expect(chart).to_be_visible()
    expect(chart.locator("svg").first).to_be_visible()

    # 1. The chart fills the view panel's width and the height left under the header.
    box, frame_box = chart.bounding_box(), frame.frame_element().bounding_box()
    svg_box = chart.locator("svg").first.bounding_box()
    assert box and frame_box and svg_box
    panel = frame.locator(".rb-view-panel").bounding_box()
    assert panel
    assert box["width"] >= panel["width"] - 2 and box["height"] >= 300
    # ...down to the panel's foot: the chart grows into the height, with its actions under it.
    chart_panel = frame.get_by_test_id("chart-panel").bounding_box()
    assert chart_panel
    assert abs(chart_panel["y"] + chart_panel["height"] - panel["y"] - panel["height"]) <= 2
    assert box["height"] >= chart_panel["height"] - 80
    assert abs(svg_box["width"] - box["width"]) <= 2 and abs(svg_box["height"] - box["height"]) <= 2
    assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"] + 1
    assert box["y"] + box["height"] <= frame_box["y"] + frame_box["height"] + 1
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )

    # 2. The data table holds the numbers computed here from the same issues.
    table = data_table(frame)
    names = {field["id"]: field["name"] for field in e2e.jira_fields()}
    expected = expected_table(case, issues, names)
    assert table["head"][0] == names[case["groups"][0]["field"]]
    assert table["head"][1:] == table["series"]
    assert {row[0] for row in table["rows"]} == set(expected)
    if case["series"] is None:
        assert table["series"] == [name.format(**names) for name, _ in case["measures"]]
    else:
        assert set(table["series"]) == set(next(iter(expected.values())))
    for row in table["rows"]:
        for name, text in zip(table["series"], row[1:], strict=True):
            assert number(text) == pytest.approx(expected[row[0]][name], abs=0.051), (row[0], name)
    if case.get("cumulative"):
        labels = [row[0] for row in table["rows"]]
        assert labels == sorted(labels, key=month_key)
    toggle = frame.get_by_test_id("chart-show-table")
    hidden_width = "t => t.parentElement.getBoundingClientRect().width"
    assert frame.get_by_test_id("chart-data").evaluate(hidden_width) <= 1
    toggle.click()
    expect(frame.get_by_test_id("chart-data")).to_be_visible()
    assert frame.get_by_test_id("chart-data").evaluate(hidden_width) > 100
    assert violations(frame) == [], "chart with its data table"
    toggle.click()

    # 3. A real mouse click on a mark narrows the table to that mark's group.
    kind = {"pie": "slice", "donut": "slice", "line": "symbol", "area": "symbol"}.get(
        chart_type, "bar"
    )
    # Now and then ECharts misses a pointer right after the data table was hidden (the chart
    # resizes): like a user, the test points and clicks again, up to three times.
    for _ in range(3):
        settled(frame)
        point = frame.evaluate(MARK_POINT_JS, [list(FIRST_COLOUR), kind])
        assert point, "\n".join(frame.evaluate(PAINTS_JS))
        chart.click(position=pointer_on_mark(chart, point))
        try:
            expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible(timeout=3000)
            break
        except AssertionError:
            continue
    assert_narrowed_to_group(e2e, frame, case, issues)
    chart = back_to_chart(frame)

    # 4. Keyboard: Tab reaches the chart; ArrowRight reads the first mark out, then the arrows
    # move to a mark with issues of its own and Enter drills down to them.
    frame.get_by_role("heading", level=1).focus()
    for _ in range(20):
        page.keyboard.press("Tab")
        if frame.evaluate("document.activeElement?.dataset.testid") == "chart":
            break
    assert frame.evaluate("document.activeElement?.dataset.testid") == "chart", (
        "Tab never reached the chart"
    )
    said = frame.get_by_test_id("chart-announcement")
    page.keyboard.press("ArrowRight")
    expect(said).to_have_text(mark_text(table, 0, 0))
    category, series = first_mark_with_issues(case, issues, table)
    for key in ["ArrowRight"] * category + ["ArrowUp"] * series:
        page.keyboard.press(key)
    expect(said).to_have_text(mark_text(table, category, series))
    page.keyboard.press("Enter")
    assert_narrowed_to_group(e2e, frame, case, issues)
    page.keyboard.press("Escape")
    chart = frame.locator('[data-testid="chart"][data-ready="true"]')
    expect(chart).to_be_visible()

    # 5. PNG and SVG of the chart on screen, made in the frame.
    settled(frame)
    box = chart.bounding_box()
    assert box
    name, png = download(page, frame, "export-chart-png", tmp_path / "chart.png")
    assert name.startswith(f"{report['name']} - Chart") and name.endswith(".png")
    png_width, png_height, rows = png_pixels(png)
    assert abs(png_width - 2 * box["width"]) <= 4 and abs(png_height - 2 * box["height"]) <= 4
    colours = {
        row[x : x + 4] for row in rows[:: max(1, png_height // 60)] for x in range(0, len(row), 16)
    }
    assert len(colours) > 3, "the PNG is blank"
    name, svg = download(page, frame, "export-chart-svg", tmp_path / "chart.svg")
    assert name.endswith(".svg")
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    texts = " ".join(t for t in root.itertext())
    assert any(row[0] in texts for row in table["rows"]), "no category label in the SVG"
    hrefs = [
        value
        for element in root.iter()
        for attribute, value in element.attrib.items()
        if attribute.endswith("href")
    ]
    assert [h for h in hrefs if not h.startswith(("#", "data:"))] == []

    assert frame.evaluate("window.__cspViolations") == []
    assert page.evaluate("window.__cspViolations") == []
    assert violations(frame) == [], "chart"
