"""Issue 13, the editor's Views pane, in a real browser: a pivot (a row field, a column field,
two values, totals) and each of the six chart types are built through the editor, saved, read
back through the API, and opened in the viewer, whose pivot cells and totals (the pivot DOM
contract) and chart data tables (the chart data table contract) must match what is computed here
from the same issues. Views are reordered with the keyboard and removed; a table view colours a
duration column by thresholds typed in hours, a pivot of shares by thresholds typed in percent,
and the viewer's tones match the values computed here. A view the server refuses shows its
errors on the Views tab with their count, and nothing typed is lost; a chart without a grouping
level says so and leads to the Grouping pane. axe-core checks the pane in each settings state;
layout checks are measured invariants (the pane never scrolls sideways). Everything runs on both
hosts at 1280x720 and 1920x1080, except the six chart types: both hosts at 1280x720 (one chart
runs at both sizes)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1920, 1080)]
size = pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
STORY_POINTS = "customfield_10016"
JQL = "project in (ROLL, WEB)"
RUN_TIMEOUT_MS = 90_000
COUNT = {"field": "issuekey", "aggregation": "count"}
POINTS_SUM = {"field": STORY_POINTS, "aggregation": "sum"}
BASE: dict[str, Any] = {
    "jql": JQL,
    "columns": [
        {"field": "summary"},
        {"field": "assignee"},
        {"field": STORY_POINTS, "aggregation": "sum"},
        {"field": "timespent", "aggregation": "sum"},
    ],
    "grouping_rules": [{"field": "status"}],
}

# The pivot's DOM contract, read in one go: leaf column paths by index, body rows with their
# cells and row totals, and the total row.
READ_PIVOT_JS = """() => {
  const table = document.querySelector('table[data-testid="pivot-table"]');
  const columns = {};
  for (const th of table.querySelectorAll('th[data-testid="pivot-column"]')) {
    columns[th.dataset.columnIndex] ??= th.dataset.path;
  }
  const text = (el) => el.textContent.trim();
  const rows = [...table.querySelectorAll('tr[data-testid="pivot-row"]')].map((tr) => ({
    path: tr.dataset.path,
    depth: Number(tr.dataset.depth),
    cells: [...tr.querySelectorAll('td[data-testid="pivot-cell"]')].map(
      (td) => [Number(td.dataset.columnIndex), Number(td.dataset.valueIndex), text(td)]),
    totals: [...tr.querySelectorAll('td[data-testid="pivot-row-total"]')].map(
      (td) => [Number(td.dataset.valueIndex), text(td)]),
  }));
  const foot = table.querySelector('tr[data-testid="pivot-total-row"]');
  return {
    columns,
    rows,
    columnTotals: foot ? [...foot.querySelectorAll('td[data-testid="pivot-column-total"]')].map(
      (td) => [Number(td.dataset.columnIndex), Number(td.dataset.valueIndex), text(td)]) : null,
    grandTotals: foot ? [...foot.querySelectorAll('td[data-testid="pivot-grand-total"]')].map(
      (td) => [Number(td.dataset.valueIndex), text(td)]) : null,
  };
}"""

# The chart's data table contract: the x axis header, the series, and one row per category.
READ_CHART_DATA_JS = """() => {
  const table = document.querySelector('table[data-testid="chart-data"]');
  const text = (el) => el.textContent.trim();
  return {
    axis: text(table.querySelector('tr th')),
    series: [...table.querySelectorAll('th[data-testid="chart-series"]')].map(text),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => ({
      label: text(tr.querySelector('th[scope="row"]')),
      values: [...tr.querySelectorAll('td')].map(text),
    })),
  };
}"""


def number(text: str) -> float | None:
    """A displayed number ("1,234.5"); None for an empty cell."""
    cleaned = re.sub(r"[,\s\u00a0\u202f]", "", text)
    return None if cleaned == "" else float(cleaned)


def assert_shows(text: str, expected: float, what: str) -> None:
    """The cell shows `expected` as displayed (to one decimal at most), or is empty for 0."""
    shown = number(text)
    assert abs((shown or 0.0) - expected) <= 0.051, f"{what}: shows {text!r}, expected {expected}"


def open_views(e2e: Any, page: Any, report: dict[str, Any], width: int, height: int) -> Any:
    """The report's editor on the Views pane, opened from the list as the admin."""
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_label("Search reports").fill(report["name"])
    frame.get_by_role("button", name=f"Edit {report['name']}", exact=True).click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_role("tab", name="Views").click()
    expect(frame.get_by_test_id("views-pane")).to_be_visible()
    return frame


def pick_field(frame: Any, scope: Any, label: str, key: str) -> None:
    """Chooses `key` in the searchable field picker named `label` inside `scope`."""
    box = scope.get_by_role("combobox", name=label, exact=True)
    box.fill(key)
    listbox = frame.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.locator(f'[role="option"][data-field-key="{key}"]').click()
    expect(box).not_to_have_attribute("aria-expanded", "true")


def add_view(frame: Any, kind: str, name: str) -> Any:
    """Adds a pivot or chart view, names it, and returns its (open) settings."""
    rows = frame.get_by_test_id("view-row")
    before = rows.count()
    frame.get_by_role("button", name=f"Add {kind}").click()
    expect(rows).to_have_count(before + 1)
    row = rows.nth(before)
    row.get_by_label(f"Name of view {before + 1}").fill(name)
    settings = row.get_by_test_id(f"{kind}-settings")
    expect(settings).to_be_visible()
    return settings


def assert_pane_fits(frame: Any) -> None:
    """The pane never scrolls sideways, and its rows stay inside the tab panel."""
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    panel = frame.get_by_role("tabpanel").bounding_box()
    for row in frame.get_by_test_id("view-row").all():
        box = row.bounding_box()
        assert box is not None and panel is not None
        assert box["x"] >= panel["x"] - 0.5
        assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 0.5


def save_and_open_view(frame: Any, report: dict[str, Any], view_name: str) -> None:
    """Saves; the editor closes on the saved report, whose view tab is then selected."""
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    tab = frame.get_by_role("tablist", name="Views of this report").get_by_role(
        "tab", name=view_name, exact=True
    )
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")


def by_status(e2e: Any, group_field: str | None = None) -> dict[Any, dict[str, float]]:
    """Issue count and story points per status (and per `group_field` name when given)."""
    fields = ["status", STORY_POINTS] + ([group_field] if group_field else [])
    groups: dict[Any, dict[str, float]] = defaultdict(lambda: {"count": 0, "points": 0.0})
    for issue in e2e.issues(JQL, fields):
        values = issue["fields"]
        key: Any = values["status"]["name"]
        if group_field:
            key = (key, values[group_field]["name"])
        groups[key]["count"] += 1
        groups[key]["points"] += values.get(STORY_POINTS) or 0
    return dict(groups)


# ----------------------------------------------------------------------------------- pivot


@pytest.mark.both_hosts
@size
def test_a_pivot_built_in_the_editor_shows_the_counts_and_sums_computed_here(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Pivot from the editor", **BASE})
    frame = open_views(e2e, page, report, width, height)
    # The table view opens first and says so; the last view cannot be removed.
    first = frame.get_by_test_id("view-row").first
    expect(first.get_by_test_id("opens-first")).to_be_visible()
    expect(frame.get_by_role("button", name="Remove Table (table)")).to_be_disabled()
    assert violations(frame) == [], "table settings"

    settings = add_view(frame, "pivot", "Status by type")
    # Defaults from the report: rows by its grouping level, counting issues.
    expect(settings.get_by_role("combobox", name="Row field 1", exact=True)).to_have_value("Status")
    pick_field(frame, settings, "Column field 1", "issuetype")
    pick_field(frame, settings, "Add a value", STORY_POINTS)
    settings.get_by_role("button", name="Add value").click()
    settings.get_by_label("Value 2 aggregation").select_option("sum")
    settings.get_by_label(re.compile("^Column totals")).check()
    settings.get_by_label(re.compile("^Row totals")).check()
    assert violations(frame) == [], "pivot settings"
    assert_pane_fits(frame)

    save_and_open_view(frame, report, "Status by type")
    stored = e2e.get_report(report["id"])
    pivot = stored["views"][1]
    assert [v["kind"] for v in stored["views"]] == ["table", "pivot"]
    assert pivot["id"] == "pivot" and pivot["name"] == "Status by type"
    assert [r["field"] for r in pivot["rows"]] == ["status"]
    assert [c["field"] for c in pivot["columns"]] == ["issuetype"]
    assert pivot["values"] == [COUNT, POINTS_SUM]
    assert pivot["column_totals"] is True and pivot["row_totals"] is True
    assert pivot["percent_of"] == "none"

    cells = by_status(e2e, "issuetype")
    table = frame.locator('table[data-testid="pivot-table"]')
    expect(table).to_be_visible(timeout=RUN_TIMEOUT_MS)
    shown = frame.evaluate(READ_PIVOT_JS)
    statuses = sorted({s for s, _ in cells})
    types = sorted({t for _, t in cells})
    assert sorted(shown["columns"].values()) == types
    assert sorted(r["path"] for r in shown["rows"]) == statuses
    column_of = {int(i): path for i, path in shown["columns"].items()}
    for row in shown["rows"]:
        for column, value, text in row["cells"]:
            group = cells.get((row["path"], column_of[column]), {"count": 0, "points": 0.0})
            what = f"{row['path']} by {column_of[column]} value {value}"
            if group["count"] == 0:
                # No issue in the pair: a count of none is 0, a sum of none is empty ("").
                assert text == ("0" if value == 0 else ""), what
            else:
                assert_shows(text, group["count"] if value == 0 else group["points"], what)
        assert len(row["cells"]) == 2 * len(types)
        for value, text in row["totals"]:
            members = [g for (s, _), g in cells.items() if s == row["path"]]
            assert_shows(text, sum(g["count" if value == 0 else "points"] for g in members), "")
    assert shown["columnTotals"] is not None and len(shown["columnTotals"]) == 2 * len(types)
    for column, value, text in shown["columnTotals"]:
        members = [g for (_, t), g in cells.items() if t == column_of[column]]
        assert_shows(text, sum(g["count" if value == 0 else "points"] for g in members), "total")
    everything = list(cells.values())
    assert {v for v, _ in shown["grandTotals"]} == {0, 1}
    for value, text in shown["grandTotals"]:
        assert_shows(text, sum(g["count" if value == 0 else "points"] for g in everything), "all")


# ----------------------------------------------------------------------------------- charts

CHART_TYPES = ["bar", "stacked_bar", "line", "area", "pie", "donut"]
ROUND = {"pie", "donut"}
CHART_LABELS = {
    "bar": "Bar",
    "stacked_bar": "Stacked bar",
    "line": "Line",
    "area": "Area",
    "pie": "Pie",
    "donut": "Donut",
}


def build_and_check_chart(e2e: Any, page: Any, chart_type: str, width: int, height: int) -> None:
    report = e2e.create_report({"name": f"{CHART_LABELS[chart_type]} chart", **BASE})
    frame = open_views(e2e, page, report, width, height)
    name = f"{CHART_LABELS[chart_type]} by status"
    settings = add_view(frame, "chart", name)
    settings.get_by_label("Chart type").select_option(chart_type)
    cumulative = settings.get_by_role("checkbox", name=re.compile("^Running totals"))
    # Status is no date axis: running totals are off, and the pane says why.
    expect(cumulative).to_be_disabled()
    expect(settings.get_by_test_id("cumulative-note")).to_be_visible()
    if chart_type in ROUND:
        # A pie or donut draws one measure: no second one is offered.
        expect(settings.get_by_role("button", name="Add measure")).to_have_count(0)
        measures = [COUNT]
    else:
        pick_field(frame, settings, "Add a measure", STORY_POINTS)
        settings.get_by_role("button", name="Add measure").click()
        settings.get_by_label("Measure 2 aggregation").select_option("sum")
        measures = [COUNT, POINTS_SUM]
    assert violations(frame) == [], f"{chart_type} settings"
    assert_pane_fits(frame)

    save_and_open_view(frame, report, name)
    chart = e2e.get_report(report["id"])["views"][1]
    assert chart == {
        "kind": "chart",
        "id": "chart",
        "name": name,
        "chart_type": chart_type,
        "series": "aggregates",
        "measures": measures,
        "cumulative": False,
    }

    expected = by_status(e2e)
    drawn = frame.locator(f'[data-testid="chart"][data-chart-type="{chart_type}"]')
    expect(drawn).to_have_attribute("data-ready", "true", timeout=RUN_TIMEOUT_MS)
    data = frame.evaluate(READ_CHART_DATA_JS)
    assert data["axis"] == "Status"
    assert len(data["series"]) == len(measures)
    assert sorted(row["label"] for row in data["rows"]) == sorted(expected)
    for row in data["rows"]:
        group = expected[row["label"]]
        assert len(row["values"]) == len(measures)
        assert_shows(row["values"][0], group["count"], f"{row['label']} count")
        if len(measures) == 2:
            assert_shows(row["values"][1], group["points"], f"{row['label']} points")


@pytest.mark.both_hosts
@pytest.mark.parametrize("chart_type", CHART_TYPES)
def test_each_chart_type_built_in_the_editor_draws_the_values_computed_here(
    e2e: Any, page: Any, chart_type: str
) -> None:
    build_and_check_chart(e2e, page, chart_type, *SIZES[0])


@pytest.mark.both_hosts
@size
def test_a_chart_built_in_the_editor_on_every_host_and_size(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    build_and_check_chart(e2e, page, "stacked_bar", width, height)


@pytest.mark.both_hosts
@size
def test_a_chart_without_a_grouping_level_says_so_and_leads_to_the_grouping_pane(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({**BASE, "name": "Chart without groups", "grouping_rules": []})
    frame = open_views(e2e, page, report, width, height)
    settings = add_view(frame, "chart", "Needs groups")
    notice = settings.get_by_test_id("chart-needs-grouping")
    expect(notice).to_contain_text("this report has none yet")
    assert violations(frame) == [], "chart without a grouping level"
    assert_pane_fits(frame)
    notice.get_by_role("button", name=re.compile("Grouping pane")).click()
    expect(frame.get_by_role("tab", name="Grouping")).to_have_attribute("aria-selected", "true")


# ------------------------------------------------------------------------------ server errors

FORMULA = {
    "key": "formula_points_doubled",
    "name": "Points doubled",
    "expression": f"{STORY_POINTS} * 2",
    "result_type": "number",
}


def thresholds_out_of_order(frame: Any) -> tuple[str, list[tuple[str, str]]]:
    """Colours story points at 10, then 5: out of order (the pane explains, the server refuses)."""
    table = frame.get_by_test_id("table-settings")
    table.get_by_role("button", name="Add conditional formatting").click()
    table.get_by_label("Column", exact=True).select_option(STORY_POINTS)
    table.get_by_label("Threshold 1 at least", exact=True).fill("10")
    table.get_by_role("button", name="Add threshold").click()
    table.get_by_label("Threshold 2 at least", exact=True).fill("5")
    expect(table.get_by_test_id("thresholds-order")).to_contain_text(
        "Threshold 2 must be higher than threshold 1."
    )
    kept = [("Threshold 1 at least", "10"), ("Threshold 2 at least", "5")]
    return "greater than the threshold before it", kept


def measure_field_removed(frame: Any) -> tuple[str, list[tuple[str, str]]]:
    """Removes the formula the chart measures: the chart's measure now names no field."""
    frame.get_by_role("tab", name="Formulas").click()
    frame.get_by_role("button", name=f"Remove formula {FORMULA['name']}").click()
    return "is not one of the report's formula_fields", []


BAD_VIEWS = {
    "thresholds-out-of-order": thresholds_out_of_order,
    "measure-removed": measure_field_removed,
}


@pytest.mark.both_hosts
@pytest.mark.parametrize("case", list(BAD_VIEWS))
@size
def test_a_view_the_server_refuses_shows_its_error_on_the_views_tab(
    e2e: Any, page: Any, case: str, width: int, height: int
) -> None:
    report = e2e.create_report(
        {
            **BASE,
            "name": f"Refused view {case}",
            "formula_fields": [FORMULA],
            "views": [
                {"kind": "table", "id": "table", "name": "Table"},
                {
                    "kind": "chart",
                    "id": "doubled",
                    "name": "Doubled points",
                    "chart_type": "bar",
                    "measures": [{"field": FORMULA["key"], "aggregation": "sum"}],
                },
            ],
        }
    )
    frame = open_views(e2e, page, report, width, height)
    message, kept = BAD_VIEWS[case](frame)
    frame.get_by_role("button", name="Save", exact=True).click()

    tab = frame.get_by_role("tab", name=re.compile("^Views"))
    expect(tab).to_have_attribute("aria-selected", "true")
    expect(tab.get_by_role("img", name="1 error")).to_be_visible()
    pane = frame.get_by_test_id("views-pane")
    expect(pane.get_by_test_id("field-error").filter(has_text=message)).to_be_visible()
    expect(pane.get_by_role("img", name="Has errors")).to_have_count(1)
    # Nothing typed is lost: the editor stays open with the edits, and nothing was stored.
    expect(frame.get_by_test_id("unsaved-indicator")).to_be_visible()
    for label, value in kept:
        expect(pane.get_by_label(label, exact=True)).to_have_value(value)
    expect(frame.get_by_test_id("view-row")).to_have_count(2)
    assert e2e.get_report(report["id"])["version"] == 1
    assert violations(frame) == [], "views pane with a server error"


# ------------------------------------------------------------------- the list, the table view


@pytest.mark.both_hosts
@size
def test_views_are_reordered_with_the_keyboard_and_removed(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Views reordered", **BASE})
    frame = open_views(e2e, page, report, width, height)
    add_view(frame, "pivot", "Pivot")
    add_view(frame, "chart", "Chart")
    rows = frame.get_by_test_id("view-row")

    def order() -> list[str | None]:
        return [row.get_attribute("data-view-id") for row in rows.all()]

    up = frame.get_by_role("button", name="Move Chart (chart) up")
    up.focus()
    up.press("Enter")
    expect(rows.nth(1)).to_have_attribute("data-view-id", "chart")
    # Focus follows the moved view, so Enter moves it again.
    frame.locator(":focus").press("Enter")
    expect(rows.first).to_have_attribute("data-view-id", "chart")
    expect(rows.first.get_by_test_id("opens-first")).to_be_visible()
    assert order() == ["chart", "table", "pivot"]
    frame.get_by_role("button", name="Remove Table (table)").click()
    assert order() == ["chart", "pivot"]
    assert_pane_fits(frame)

    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    assert [v["id"] for v in e2e.get_report(report["id"])["views"]] == ["chart", "pivot"]
    # The viewer's tabs follow, and the first view opens.
    tabs = frame.get_by_role("tablist", name="Views of this report").get_by_role("tab")
    expect(tabs).to_have_text(["Chart", "Pivot"])
    expect(tabs.first).to_have_attribute("aria-selected", "true")
    expect(frame.locator('[data-testid="chart"]')).to_be_visible(timeout=RUN_TIMEOUT_MS)


HOUR = 3600


@pytest.mark.both_hosts
@size
def test_a_table_view_colours_a_duration_column_with_thresholds_entered_in_hours(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    spent: dict[str, float] = defaultdict(float)
    for issue in e2e.issues(JQL, ["status", "timespent"]):
        spent[issue["fields"]["status"]["name"]] += issue["fields"].get("timespent") or 0
    # Whole hours between the groups' sums, so some groups reach each threshold and some do not.
    sums = sorted(spent.values())
    low = int(sums[len(sums) // 3] // HOUR)
    high = int(sums[2 * len(sums) // 3] // HOUR)
    assert 0 < low < high

    report = e2e.create_report({"name": "Colours in hours", **BASE})
    frame = open_views(e2e, page, report, width, height)
    table = frame.get_by_test_id("table-settings")
    table.get_by_role("button", name="Add conditional formatting").click()
    column = table.get_by_label("Column", exact=True)
    # Only number and duration columns are offered.
    expect(column.locator("option")).to_have_text(["Story Points", "Time Spent"])
    column.select_option("timespent")
    table.get_by_label("Threshold 1 at least (hours)").fill(str(low))
    table.get_by_label("Threshold 1 colour").select_option("yellow")
    table.get_by_role("button", name="Add threshold").click()
    table.get_by_label("Threshold 2 at least (hours)").fill(str(high))
    table.get_by_label("Threshold 2 colour").select_option("red")
    swatches = table.get_by_test_id("threshold-swatch")
    expect(swatches).to_have_text([f"at least {low}h", f"at least {high}h"])
    assert [s.get_attribute("data-tone") for s in swatches.all()] == ["yellow", "red"]
    expect(table.get_by_test_id("thresholds-order")).to_have_count(0)
    assert violations(frame) == [], "table settings with thresholds"
    assert_pane_fits(frame)

    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    assert e2e.get_report(report["id"])["views"][0]["conditional_formats"] == [
        {
            "field": "timespent",
            "thresholds": [
                {"at_least": low * HOUR, "color": "yellow"},
                {"at_least": high * HOUR, "color": "red"},
            ],
        }
    ]
    assert e2e.wait_for_run(frame)[0] == "complete"
    # The group rows (keyed by status name; the report has one grouping level).
    groups = [row for row in e2e.collect_rows(frame, styled=True) if row["groupKey"] in spent]
    assert sorted(row["groupKey"] for row in groups) == sorted(spent)
    for row in groups:
        total = spent[row["groupKey"]]
        want = "red" if total >= high * HOUR else "yellow" if total >= low * HOUR else None
        assert row["styles"]["timespent"]["tone"] == want, row["groupKey"]


@pytest.mark.both_hosts
@size
def test_a_pivot_of_shares_colours_cells_by_thresholds_entered_in_percent(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Shares coloured", **BASE})
    frame = open_views(e2e, page, report, width, height)
    settings = add_view(frame, "pivot", "Type shares")
    pick_field(frame, settings, "Column field 1", "issuetype")
    settings.get_by_label("Show", exact=True).select_option("row")
    settings.get_by_role("button", name="Add conditional formatting").click()
    settings.get_by_label("Threshold 1 at least (%)").fill("25")
    settings.get_by_label("Threshold 1 colour").select_option("red")
    expect(settings.get_by_test_id("threshold-swatch")).to_have_text(["at least 25%"])
    assert violations(frame) == [], "pivot settings with shares and thresholds"

    save_and_open_view(frame, report, "Type shares")
    pivot = e2e.get_report(report["id"])["views"][1]
    assert pivot["percent_of"] == "row"
    assert pivot["conditional_formats"] == [
        {"value": 0, "thresholds": [{"at_least": 0.25, "color": "red"}]}
    ]

    cells = by_status(e2e, "issuetype")
    per_status: dict[str, float] = defaultdict(float)
    for (status, _), group in cells.items():
        per_status[status] += group["count"]
    table = frame.locator('table[data-testid="pivot-table"]')
    expect(table).to_be_visible(timeout=RUN_TIMEOUT_MS)
    columns = {
        th.get_attribute("data-column-index"): th.get_attribute("data-path")
        for th in table.locator('th[data-testid="pivot-column"]').all()
    }
    toned = frame.evaluate(
        """() => [...document.querySelectorAll('tr[data-testid="pivot-row"]')].flatMap((tr) =>
          [...tr.querySelectorAll('td[data-testid="pivot-cell"]')].map((td) =>
            [tr.dataset.path, td.dataset.columnIndex, td.dataset.tone ?? null]))"""
    )
    assert toned, "the pivot shows cells"
    for status, column, tone in toned:
        count = cells.get((status, columns[column]), {"count": 0})["count"]
        share = count / per_status[status]
        assert tone == ("red" if share >= 0.25 else None), (status, columns[column], share)
