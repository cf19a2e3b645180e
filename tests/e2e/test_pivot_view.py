"""Issue 13, the pivot view in the viewer, on Connect and Forge at 1280x720 and 1920x1080.

A report saved through the API with a pivot view whose axes are both multi-valued (labels down,
fix versions across) opens on the pivot. The test counts every cell, row total, column total and
the grand total here, from the issues jirasim returns (independent code: each total counts an
issue once however many labels or versions it has), and compares them with the DOM: counts and
sums of story points, then shares of the grand total in a second case. Clicking a cell narrows
the table to exactly that cell's issues, with a breadcrumb back to the pivot and an "Open in
Jira" whose JQL finds the same issues in jirasim; the keyboard drills down from a row total.
CSV and XLSX exports hold the labels, both header rows and the totals. A wide pivot keeps its
header and first column in view when scrolled; axe finds nothing on the pivot."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import openpyxl
import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
# One project: versions of two projects can share a name ("3.0") and be two columns.
JQL = "project = ROLL"
WIDE_JQL = "project in (ROLL, WEB)"
STORY_POINTS = "customfield_10016"
COUNT = {"field": "issuekey", "aggregation": "count"}
POINTS = {"field": STORY_POINTS, "aggregation": "sum"}
NONE = "(none)"
SEP = " \u203a "
VIEW_NAME = "Labels by version"

CASES = {
    "count-and-points": {"values": [COUNT, POINTS], "percent_of": "none"},
    "percent-of-total": {"values": [COUNT], "percent_of": "total"},
}

# The pivot as the DOM shows it: leaf columns, body rows with their cells, the totals row.
READ_PIVOT_JS = """
(table) => {
  const cells = (el, testid) => [...el.querySelectorAll(`[data-testid="${testid}"]`)].map((td) => ({
    column: td.dataset.columnIndex === undefined ? null : Number(td.dataset.columnIndex),
    value: Number(td.dataset.valueIndex),
    text: td.textContent,
  }));
  const totalRow = table.querySelector('[data-testid="pivot-total-row"]');
  return {
    columns: [...table.querySelectorAll('[data-testid="pivot-column"]')].map((th) => ({
      index: Number(th.dataset.columnIndex), path: th.dataset.path,
    })),
    rows: [...table.querySelectorAll('[data-testid="pivot-row"]')].map((tr) => ({
      path: tr.dataset.path, depth: Number(tr.dataset.depth),
      cells: cells(tr, 'pivot-cell'), totals: cells(tr, 'pivot-row-total'),
    })),
    columnTotals: totalRow ? cells(totalRow, 'pivot-column-total') : null,
    grandTotal: totalRow ? cells(totalRow, 'pivot-grand-total') : null,
    tabStops: table.querySelectorAll('[tabindex="0"]').length,
  };
}
"""


def values_of(issue: dict[str, Any], field: str) -> list[str]:
    """An issue's groups on a multi-valued axis: each label or version, or "(none)"."""
    raw = issue["fields"].get(field) or []
    names = [v if isinstance(v, str) else v["name"] for v in raw]
    return sorted(set(names)) or [NONE]


class Expected:
    """Issue keys per cell and per total, counted here from the issues."""

    def __init__(self, issues: list[dict[str, Any]]) -> None:
        self.points = {i["key"]: i["fields"].get(STORY_POINTS) or 0 for i in issues}
        self.cells: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.rows: dict[str, set[str]] = defaultdict(set)
        self.columns: dict[str, set[str]] = defaultdict(set)
        self.all = {i["key"] for i in issues}
        for issue in issues:
            for label in values_of(issue, "labels"):
                self.rows[label].add(issue["key"])
                for version in values_of(issue, "fixVersions"):
                    self.cells[label, version].add(issue["key"])
            for version in values_of(issue, "fixVersions"):
                self.columns[version].add(issue["key"])

    def numbers(self, keys: set[str], case: dict[str, Any]) -> list[float | None]:
        """The cell's values as the pivot must show them (None: an empty cell)."""
        if case["percent_of"] == "total":
            return [100 * len(keys) / len(self.all)]
        points = [self.points[k] for k in keys]
        return [float(len(keys)), float(sum(points)) if any(points) else None]


def number(text: str) -> float | None:
    text = text.replace(",", "").removesuffix("%").strip()
    return float(text) if text else None


def assert_shows(cells: list[dict[str, Any]], expected: list[float | None], where: str) -> None:
    shown = [number(c["text"]) for c in sorted(cells, key=lambda c: c["value"])]
    assert len(shown) == len(expected), where
    for got, want in zip(shown, expected, strict=True):
        if want is None or want == 0:
            assert got in (None, 0.0), (where, got, want)
        else:
            assert got == pytest.approx(want, abs=0.051), (where, got, want)


def pivot_report(e2e: Any, case: dict[str, Any]) -> dict[str, Any]:
    view = {
        "kind": "pivot",
        "id": "pivot",
        "name": VIEW_NAME,
        "rows": [{"field": "labels"}],
        "columns": [{"field": "fixVersions"}],
        "values": case["values"],
        "percent_of": case["percent_of"],
        "row_totals": True,
        "column_totals": True,
    }
    return e2e.create_report(
        {
            "name": "Pivot",
            "jql": JQL,
            "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
            "grouping_rules": [{"field": "status"}],
            "views": [view],
        }
    )


def open_pivot(e2e: Any, page: Any, report: dict[str, Any]) -> Any:
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()
    return frame


def read_pivot(frame: Any) -> dict[str, Any]:
    return dict(frame.get_by_test_id("pivot-table").evaluate(READ_PIVOT_JS))


def shown_keys(e2e: Any, frame: Any) -> set[str]:
    return {row["issueKey"] for row in e2e.collect_rows(frame) if row["kind"] == "row-issue"}


def total_link_keys(e2e: Any, frame: Any) -> set[str]:
    """The issues jirasim finds for the JQL of the narrowed total's "Open in Jira"."""
    link = frame.get_by_test_id("row-total").get_by_test_id("open-in-jira")
    jql = parse_qs(urlsplit(str(link.evaluate("a => a.href"))).query)["jql"][0]
    return {issue["key"] for issue in e2e.issues(jql, ["status"])}


def breadcrumb(frame: Any) -> str:
    crumbs = frame.get_by_test_id("drill-breadcrumb").locator("li").all_inner_texts()
    return SEP.join(c.replace("\u203a", "").strip() for c in crumbs)


def download(page: Any, frame: Any, test_id: str, target: Path) -> Path:
    frame.get_by_test_id("export-menu").click()
    with page.expect_download() as downloaded:
        frame.get_by_test_id(test_id).click()
    downloaded.value.save_as(target)
    return target


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("case_id", list(CASES))
def test_pivot_cells_drill_down_and_exports(
    e2e: Any, page: Any, tmp_path: Path, case_id: str, width: int, height: int
) -> None:
    case = CASES[case_id]
    page.set_viewport_size({"width": width, "height": height})
    report = pivot_report(e2e, case)
    expected = Expected(e2e.issues(JQL, ["labels", "fixVersions", STORY_POINTS]))
    frame = open_pivot(e2e, page, report)

    # 1. Every cell and total, against the counts made here.
    pivot = read_pivot(frame)
    columns = {c["index"]: c["path"] for c in pivot["columns"]}
    assert set(columns.values()) == set(expected.columns)
    assert {r["path"] for r in pivot["rows"]} == set(expected.rows)
    assert all(r["depth"] == 1 for r in pivot["rows"])
    for row in pivot["rows"]:
        by_column: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for cell in row["cells"]:
            by_column[cell["column"]].append(cell)
        assert set(by_column) == set(columns), row["path"]
        for index, cells in by_column.items():
            keys = expected.cells.get((row["path"], columns[index]), set())
            assert_shows(cells, expected.numbers(keys, case), f"{row['path']} x {columns[index]}")
        assert_shows(row["totals"], expected.numbers(expected.rows[row["path"]], case), row["path"])
    for index, path in columns.items():
        cells = [c for c in pivot["columnTotals"] if c["column"] == index]
        assert_shows(cells, expected.numbers(expected.columns[path], case), f"total x {path}")
    assert_shows(pivot["grandTotal"], expected.numbers(expected.all, case), "grand total")
    # Multi-valued on both axes: the totals count distinct issues, not the sum of their cells.
    assert sum(len(keys) for keys in expected.rows.values()) > len(expected.all)
    # One Tab stop for the whole grid.
    assert pivot["tabStops"] == 1
    assert violations(frame) == [], "pivot"

    # 2. A click on a cell with issues (a label and a version, not "(none)") drills down.
    label, version = max(
        ((r, c) for (r, c) in expected.cells if NONE not in (r, c)),
        key=lambda rc: len(expected.cells[rc]),
    )
    column_index = next(i for i, p in columns.items() if p == version)
    row = frame.locator(f'[data-testid="pivot-row"][data-path="{label}"]')
    row.locator(
        f'[data-testid="pivot-cell"][data-column-index="{column_index}"][data-value-index="0"]'
    ).click()
    expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible()
    expect(frame.get_by_test_id("pivot-table")).to_have_count(0)
    assert breadcrumb(frame) == SEP.join([VIEW_NAME, label, version])
    cell_keys = expected.cells[label, version]
    assert shown_keys(e2e, frame) == cell_keys
    assert total_link_keys(e2e, frame) == cell_keys
    # The narrowed table is the report's table: grouped by status.
    assert any(r["kind"] == "row-group" for r in e2e.collect_rows(frame))

    # 3. The breadcrumb's root leads back to the pivot, focus on the cell drilled from.
    frame.get_by_test_id("drill-breadcrumb").get_by_role("button", name=VIEW_NAME).click()
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()
    focused = frame.locator(
        f'[data-testid="pivot-row"][data-path="{label}"] '
        f'[data-testid="pivot-cell"][data-column-index="{column_index}"][data-value-index="0"]'
    )
    expect(focused).to_be_focused()

    # 4. The keyboard: to the row's total (End), Enter drills down; Escape comes back.
    page.keyboard.press("End")
    total = row.locator('[data-testid="pivot-row-total"]').last
    expect(total).to_be_focused()
    page.keyboard.press("Enter")
    expect(frame.get_by_test_id("drill-breadcrumb")).to_be_visible()
    assert breadcrumb(frame) == SEP.join([VIEW_NAME, label])
    assert shown_keys(e2e, frame) == expected.rows[label]
    assert total_link_keys(e2e, frame) == expected.rows[label]
    page.keyboard.press("Escape")
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()

    # 5. Exports: CSV as shown and XLSX raw, with labels, both header rows and the totals.
    shown = download(page, frame, "export-pivot-csv-shown", tmp_path / "pivot.csv")
    lines = list(csv.reader(io.StringIO(shown.read_bytes().decode("utf-8-sig"), newline="")))
    values = len(case["values"])
    header, names = lines[0], lines[1]
    assert names[0] == "Labels"
    assert header[1:] == [p for p in columns.values() for _ in range(values)] + ["Total"] * values
    by_label = {line[0]: line for line in lines[2:]}
    assert set(by_label) == set(expected.rows) | {"Total"}
    for line_label, line in by_label.items():
        keys = expected.all if line_label == "Total" else expected.rows[line_label]
        cells = [{"value": v, "text": t} for v, t in enumerate(line[-values:])]
        assert_shows(cells, expected.numbers(keys, case), f"CSV {line_label}")

    raw = download(page, frame, "export-pivot-xlsx-raw", tmp_path / "pivot.xlsx")
    sheet = openpyxl.load_workbook(raw).active
    table = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert table[1][0] == "Labels"
    assert [c for c in table[0][1:] if c] == [
        p for p in columns.values() for _ in range(values)
    ] + ["Total"] * values
    grand = table[-1]
    assert grand[0] == "Total"
    if case["percent_of"] == "total":
        assert grand[-1] == pytest.approx(1.0)
    else:
        assert grand[-values] == len(expected.all)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_a_wide_pivot_keeps_its_header_and_first_column_in_view(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    view = {
        "kind": "pivot",
        "id": "wide",
        "name": "Wide",
        "rows": [{"field": "assignee"}, {"field": "status"}],
        "columns": [{"field": "fixVersions"}, {"field": "issuetype"}],
        "values": [COUNT, POINTS],
    }
    report = e2e.create_report(
        {"name": "Wide pivot", "jql": WIDE_JQL, "columns": [{"field": "summary"}], "views": [view]}
    )
    frame = open_pivot(e2e, page, report)
    leaf = frame.get_by_test_id("pivot-column")
    assert leaf.count() * 2 >= 30, "fewer than 30 columns"
    assert frame.locator('[data-testid="pivot-row"][data-depth="2"]').count() > 0
    scroller = frame.get_by_test_id("pivot-scroller")
    frame_box = frame.frame_element().bounding_box()
    box = scroller.bounding_box()
    assert box and frame_box
    # The pivot scrolls inside its panel, which stays within the frame.
    assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"] + 1
    assert box["y"] + box["height"] <= frame_box["y"] + frame_box["height"] + 1
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    sizes = scroller.evaluate("el => [el.scrollWidth, el.clientWidth, el.scrollHeight]")
    assert sizes[0] > sizes[1], "the pivot does not scroll sideways"

    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; el.scrollTop = el.scrollHeight; }")
    scrolled = scroller.evaluate("el => [el.scrollLeft, el.scrollTop]")
    assert scrolled[0] > 0
    # Playwright's boxes are in the page's coordinates; the scroller's border is 1px.
    inner = {"x": box["x"] + 1, "y": box["y"] + 1}
    # The corner and the header rows stay at the top, the row names at the left.
    corner = frame.locator(".rb-pivot__corner").bounding_box()
    assert corner
    assert abs(corner["x"] - inner["x"]) <= 1.5 and abs(corner["y"] - inner["y"]) <= 1.5
    last_header = leaf.last.bounding_box()
    assert last_header and inner["y"] <= last_header["y"] <= inner["y"] + 32 + 1.5
    last_row = frame.locator('[data-testid="pivot-row"] th').last.bounding_box()
    assert last_row and abs(last_row["x"] - inner["x"]) <= 1.5
    assert last_row["y"] + last_row["height"] <= box["y"] + box["height"] + 1
    assert violations(frame) == [], "wide pivot"
