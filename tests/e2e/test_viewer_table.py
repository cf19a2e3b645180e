"""Issue 12, items 9 (aggregate labels), 11 (wide and long reports) and 13 (table interactions):
a 16-column report grouped by project and status over the whole 1,000-issue site, at 1280x720
and 1920x1080, on both hosts. Layout checks are measured boxes and scroll positions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from e2e.conftest import STORY_POINTS
from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
ROW_HEIGHT = 32

# One column per aggregation the issue names, then plain columns until the table is far wider
# than any screen.
AGGREGATED = [
    ("summary", "count", "count"),
    (STORY_POINTS, "sum", "Σ"),
    ("timespent", "average", "avg"),
    ("timeoriginalestimate", "median", "median"),
    ("timeestimate", "min", "min"),
    ("aggregatetimespent", "max", "max"),
]
PLAIN = [
    "status",
    "priority",
    "assignee",
    "reporter",
    "issuetype",
    "labels",
    "created",
    "updated",
    "resolutiondate",
    "duedate",
]
WIDE_DEFINITION: dict[str, Any] = {
    "name": "Wide table",
    "jql": "project in (ROLL, WEB, OPS, DATA)",
    "columns": [{"field": f, "aggregation": a} for f, a, _ in AGGREGATED]
    + [{"field": f} for f in PLAIN],
    "grouping_rules": [{"field": "project"}, {"field": "status"}],
}

OPS_JQL = "project = OPS"

size = pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)


@pytest.fixture(scope="module")
def wide_report(e2e: Any) -> dict[str, Any]:
    return e2e.create_report(WIDE_DEFINITION)


@pytest.fixture(scope="module")
def ops_report(e2e: Any) -> dict[str, Any]:
    """The same columns and groups over one project (about a quarter of the site): for the checks
    that need a wide, grouped table but not the whole site, so the module stays quick to run."""
    return e2e.create_report({**WIDE_DEFINITION, "jql": OPS_JQL})


@pytest.fixture(scope="module")
def wide_issues(e2e: Any) -> dict[str, dict[str, Any]]:
    issues = e2e.issues(WIDE_DEFINITION["jql"], ["summary", "status", "project", STORY_POINTS])
    assert len(issues) > 800
    return {issue["key"]: issue["fields"] for issue in issues}


def open_report(e2e: Any, page: Any, report: dict[str, Any], width: int, height: int) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    return frame


def box(locator: Any) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None
    return dict(found)


def scroll_to(frame: Any, top: int | None = None, left: int | None = None) -> None:
    frame.evaluate(
        """([top, left]) => {
          const s = document.querySelector('[data-testid="report-scroller"]');
          if (top !== null) s.scrollTop = top;
          if (left !== null) s.scrollLeft = left;
          s.dispatchEvent(new Event('scroll'));
        }""",
        [top, left],
    )


def row_in_view(frame: Any, selector: str) -> bool:
    """Whether the row is rendered and wholly between the scroller's header and its pinned total."""
    return bool(
        frame.evaluate(
            """(selector) => {
              const s = document.querySelector('[data-testid="report-scroller"]');
              const row = s.querySelector(selector);
              if (!row) return false;
              const r = row.getBoundingClientRect(), v = s.getBoundingClientRect();
              const head = s.querySelector('.rb-table__head').getBoundingClientRect();
              const foot = s.querySelector('.rb-table__foot').getBoundingClientRect();
              return r.top >= head.bottom - 1 && r.bottom <= foot.top + 1 && r.bottom <= v.bottom;
            }""",
            selector,
        )
    )


def leaf_groups(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], list[str]]]:
    """Each deepest group row with the issue keys under it, in display order."""
    groups: list[tuple[dict[str, Any], list[str]]] = []
    for row in rows:
        if row["kind"] == "row-group" and row["depth"] == 2:
            groups.append((row, []))
        elif row["kind"] == "row-issue":
            groups[-1][1].append(row["issueKey"])
    return groups


# --- item 11: wide and long reports ---------------------------------------------------------------


@size
def test_the_first_column_stays_when_scrolling_right(
    e2e: Any, page: Any, wide_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, wide_report, width, height)
    scroller = frame.get_by_test_id("report-scroller")
    assert frame.evaluate(
        "() => { const s = document.querySelector('[data-testid=\"report-scroller\"]');"
        " return s.scrollWidth > s.clientWidth * 1.5; }"
    ), "the report is wider than the screen"
    scroll_to(frame, left=100_000)
    last_column = frame.locator(f'[role="columnheader"][data-column="{PLAIN[-1]}"]')
    expect(last_column).to_be_in_viewport()
    scroller_box = box(scroller)
    first_group = frame.get_by_test_id("row-group").first
    label_cell = first_group.locator(".rb-cell--tree")
    expect(label_cell).to_contain_text(first_group.get_attribute("data-group-key") or "?")
    # The row labels sit at the scroller's left edge, over the scrolled cells.
    assert abs(box(label_cell)["x"] - scroller_box["x"]) <= 2
    assert abs(box(frame.locator('[role="columnheader"]').first)["x"] - scroller_box["x"]) <= 2
    issue_cell = frame.get_by_test_id("row-issue").first.locator(".rb-cell--tree")
    assert abs(box(issue_cell)["x"] - scroller_box["x"]) <= 2
    expect(issue_cell.locator(".rb-issue-link")).to_have_text(re.compile(r"^[A-Z]+-\d+$"))
    # What is drawn at the left edge is the label cell, not a scrolled cell showing through.
    hit = frame.evaluate(
        """() => {
          const cell = document.querySelector('[data-testid="row-issue"] .rb-cell--tree');
          const r = cell.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + 12, r.top + r.height / 2);
          return hit?.closest('.rb-cell--tree') === cell;
        }"""
    )
    assert hit


@size
def test_the_group_path_stays_pinned_deep_inside_a_long_group(
    e2e: Any, page: Any, wide_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, wide_report, width, height)
    rows = e2e.collect_rows(frame)
    parents: dict[str, dict[str, Any]] = {}
    project = None
    for row in rows:
        if row["kind"] == "row-group" and row["depth"] == 1:
            project = row
        elif row["kind"] == "row-group":
            parents[row["groupId"]] = project
    group, keys = max(leaf_groups(rows), key=lambda g: len(g[1]))
    assert len(keys) > 40, "a group longer than the screen"
    # Scroll so that the middle of the longest group is at the top.
    scroll_to(frame, top=(group["index"] + len(keys) // 2) * ROW_HEIGHT)
    pinned = frame.get_by_test_id("pinned-group")
    expect(pinned).to_have_count(2)
    expect(pinned.nth(0)).to_have_attribute("data-group-key", parents[group["groupId"]]["groupKey"])
    expect(pinned.nth(1)).to_have_attribute("data-group-key", group["groupKey"])
    expect(pinned.nth(1)).to_contain_text(group["groupKey"])
    # Right under the header, inside the scroller; the group's own row is far above.
    header = box(frame.get_by_test_id("header-row"))
    first = box(pinned.nth(0))
    scroller = box(frame.get_by_test_id("report-scroller"))
    assert abs(first["y"] - (header["y"] + header["height"])) <= 2
    assert box(pinned.nth(1))["y"] + ROW_HEIGHT <= scroller["y"] + scroller["height"]
    own_row_rendered = frame.evaluate(
        """(id) => [...document.querySelectorAll('[data-testid="row-group"]')]
          .some((row) => row.dataset.groupId === id)""",
        group["groupId"],
    )
    assert not own_row_rendered
    assert violations(frame) == []


@size
def test_the_total_is_visible_without_scrolling_to_the_end(
    e2e: Any,
    page: Any,
    wide_report: dict[str, Any],
    wide_issues: dict[str, Any],
    width: int,
    height: int,
) -> None:
    frame = open_report(e2e, page, wide_report, width, height)
    total = frame.get_by_test_id("row-total")
    for top in (0, 5_000):
        scroll_to(frame, top=top)
        expect(total).to_be_in_viewport()
        expect(total).to_contain_text("Total")
        expect(total.locator(".rb-group-count")).to_have_text(f"{len(wide_issues):,} issues")
        scroller = box(frame.get_by_test_id("report-scroller"))
        row = box(total)
        assert scroller["y"] < row["y"]
        assert row["y"] + row["height"] <= scroller["y"] + scroller["height"] + 1
    # Scrolled to the very end, the last issue is above the total, not hidden behind it.
    scroll_to(frame, top=10_000_000)
    last = frame.evaluate(
        "() => document.querySelector('[data-testid=\"report-table\"]').dataset.rowCount"
    )
    expect(frame.locator(f'[aria-rowindex="{int(last)}"]')).to_be_visible()
    assert row_in_view(frame, f'[role="row"][aria-rowindex="{int(last)}"]')


# --- item 9: aggregate labels ---------------------------------------------------------------------


@size
@pytest.mark.parametrize(
    ("field", "aggregation", "tag"), AGGREGATED, ids=[a for _, a, _ in AGGREGATED]
)
def test_each_aggregate_is_labelled_in_its_header(
    e2e: Any,
    page: Any,
    ops_report: dict[str, Any],
    field: str,
    aggregation: str,
    tag: str,
    width: int,
    height: int,
) -> None:
    frame = open_report(e2e, page, ops_report, width, height)
    header = frame.locator(f'[role="columnheader"][data-column="{field}"]')
    header.scroll_into_view_if_needed()
    shown = header.get_by_test_id("aggregate-tag")
    expect(shown).to_be_visible()
    drawn = shown.evaluate("el => getComputedStyle(el, '::before').content")
    assert drawn == f'"{tag}"'
    # Inside the header's box, beside the name (not clipped by a narrow column).
    tag_box, header_box = box(shown), box(header)
    assert tag_box["width"] > 4
    assert header_box["x"] <= tag_box["x"]
    assert tag_box["x"] + tag_box["width"] <= header_box["x"] + header_box["width"]
    # Said in words to screen readers; the header's text stays the column's name.
    name = {"sum": "sum", "average": "average", "median": "median", "count": "count"}
    name |= {"min": "minimum", "max": "maximum"}
    expect(header.get_by_role("button")).to_have_accessible_name(
        re.compile(rf", {name[aggregation]}$")
    )
    plain = frame.locator('[role="columnheader"][data-column="status"]')
    expect(plain.get_by_test_id("aggregate-tag")).to_have_count(0)


# --- item 13: interactions ------------------------------------------------------------------------


@size
def test_a_header_click_sorts_this_view(
    e2e: Any,
    page: Any,
    wide_report: dict[str, Any],
    wide_issues: dict[str, Any],
    width: int,
    height: int,
) -> None:
    frame = open_report(e2e, page, wide_report, width, height)
    original = leaf_groups(e2e.collect_rows(frame))
    points = {key: fields.get(STORY_POINTS) for key, fields in wide_issues.items()}

    def expected(keys: list[str], descending: bool) -> list[str]:
        present = [k for k in keys if points[k] is not None]
        empty = [k for k in keys if points[k] is None]
        # Stable: equal values keep the report's own order; empty values last either way.
        ordered = sorted(present, key=lambda k: -points[k] if descending else points[k])
        return ordered + empty

    header = frame.locator(f'[role="columnheader"][data-column="{STORY_POINTS}"]')
    expect(header).to_have_attribute("aria-sort", "none")
    for click, aria in ((1, "ascending"), (2, "descending")):
        header.get_by_role("button").click()
        expect(header).to_have_attribute("aria-sort", aria)
        shown = e2e.collect_rows(frame)
        groups = {g["groupId"]: keys for g, keys in leaf_groups(shown)}
        for group, keys in original:
            assert groups[group["groupId"]] == expected(keys, click == 2), group["groupKey"]
        # Projects follow their sum of points.
        sums = [
            float(r["cells"][STORY_POINTS].replace(",", ""))
            for r in shown
            if r["kind"] == "row-group" and r["depth"] == 1 and r["cells"][STORY_POINTS]
        ]
        assert sums == sorted(sums, reverse=click == 2)
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "none")
    assert leaf_groups(e2e.collect_rows(frame)) == original
    # For this view only: the definition has no sorting rule.
    assert e2e.get_report(wide_report["id"])["sorting_rules"] == []


@size
def test_resize_a_column_by_drag_and_keys_and_save_the_widths(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({**WIDE_DEFINITION, "jql": OPS_JQL})
    frame = open_report(e2e, page, report, width, height)
    header = frame.locator(f'[role="columnheader"][data-column="{STORY_POINTS}"]')
    cell = frame.get_by_test_id("row-issue").first.locator(f'[data-column="{STORY_POINTS}"]')
    before = box(header)["width"]
    handle = header.get_by_role("separator")
    grip = box(handle)
    x, y = grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 40, y, steps=4)
    page.mouse.move(x + 80, y, steps=4)
    page.mouse.up()
    after = box(header)["width"]
    assert after == pytest.approx(before + 80, abs=2)
    assert box(cell)["width"] == pytest.approx(after, abs=1)
    # The keyboard does the same, 10 px a step.
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(handle).to_have_attribute("aria-valuenow", str(round(after) + 20))
    assert box(header)["width"] == pytest.approx(after + 20, abs=1)

    frame.get_by_role("button", name="Save column widths").click()
    expect(frame.get_by_test_id("save-widths-status")).to_have_text("Column widths saved.")
    stored = e2e.get_report(report["id"])
    points_column = next(c for c in stored["columns"] if c["field"] == STORY_POINTS)
    assert points_column["width"] == round(after) + 20
    assert all(c["width"] is None for c in stored["columns"] if c["field"] != STORY_POINTS)
    # Reopened, the table has the saved width.
    frame = open_report(e2e, page, report, width, height)
    header = frame.locator(f'[role="columnheader"][data-column="{STORY_POINTS}"]')
    assert box(header)["width"] == pytest.approx(after + 20, abs=1)


def test_a_viewer_who_cannot_edit_resizes_but_cannot_save(e2e: Any, page: Any) -> None:
    report = e2e.create_report(
        {
            **WIDE_DEFINITION,
            "jql": OPS_JQL,
            "people": {
                "access": "open",
                "administrators": [],
                "viewer_users": [],
                "viewer_groups": [],
            },
        }
    )
    page.set_viewport_size({"width": 1280, "height": 720})
    frame = e2e.open_reports(page, "member", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    handle = frame.get_by_role("separator", name="Resize Summary")
    handle.focus()
    page.keyboard.press("ArrowLeft")
    expect(handle).to_have_attribute("aria-valuenow", "270")
    expect(frame.get_by_role("button", name="Save column widths")).to_have_count(0)


@size
def test_truncated_text_is_shown_in_full_on_hover_and_focus(
    e2e: Any,
    page: Any,
    ops_report: dict[str, Any],
    wide_issues: dict[str, Any],
    width: int,
    height: int,
) -> None:
    frame = open_report(e2e, page, ops_report, width, height)
    key = frame.evaluate(
        """() => {
          for (const row of document.querySelectorAll('[data-testid="row-issue"]')) {
            const cell = row.querySelector('[data-column="summary"]');
            if (cell.scrollWidth > cell.clientWidth) return row.dataset.issueKey;
          }
          return null;
        }"""
    )
    assert key, "a summary too long for its column"
    cell = frame.locator(f'[data-issue-key="{key}"] [data-column="summary"]')
    full = wide_issues[key]["summary"]
    expect(cell).to_have_attribute("title", full)
    cell.focus()
    expect(cell).to_be_focused()
    # Focused, the cell unfolds to show every word of the summary.
    fits = cell.evaluate(
        "el => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1"
    )
    assert fits
    assert box(cell)["height"] > ROW_HEIGHT


@size
def test_search_finds_an_issue_key_and_scrolls_to_it(
    e2e: Any, page: Any, wide_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, wide_report, width, height)
    rows = e2e.collect_rows(frame)
    # The last issue of the report: far below the first screen, and collapsed away below.
    key = [r["issueKey"] for r in rows if r["kind"] == "row-issue"][-1]
    e2e.viewer_action(frame, "collapse-all")
    search = frame.get_by_role("searchbox", name="Find in this report")
    search.fill(key)
    count = frame.get_by_test_id("search-count")
    expect(count).to_have_text(re.compile(r"^1 of \d+$"))
    total = int(count.inner_text().split(" of ")[1])
    assert total == sum(1 for r in rows if key in (r["issueKey"] or ""))
    row = frame.locator(f'[data-testid="row-issue"][data-issue-key="{key}"]')
    expect(row).to_have_class(re.compile("rb-row--current-match"))
    assert row_in_view(frame, f'[data-testid="row-issue"][data-issue-key="{key}"]')
    assert violations(frame) == []
    # Next wraps around the matches; no match says so.
    search.press("Enter")
    expect(count).to_have_text(f"{min(2, total)} of {total}" if total > 1 else "1 of 1")
    search.fill("no such text anywhere")
    expect(count).to_have_text("No matches")


@size
def test_arrow_keys_move_between_rows_and_cells(
    e2e: Any, page: Any, ops_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, ops_report, width, height)
    focused_index = (
        "() => document.activeElement.closest('[role=row]')?.getAttribute('aria-rowindex')"
    )
    first = frame.get_by_test_id("row-group").first
    expect(first).to_have_attribute("tabindex", "0")
    first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    assert frame.evaluate(focused_index) == "4"
    expect(frame.locator('[aria-rowindex="4"]')).to_be_focused()
    # One tab stop: only the focused row is in the tab order.
    assert frame.locator('[role="row"][tabindex="0"]').count() == 1
    # Right and Left move between the cells of a row.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(frame.locator('[aria-rowindex="4"] [data-cell-index="1"]')).to_be_focused()
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(frame.locator('[aria-rowindex="4"]')).to_be_focused()
    # Down past the screen keeps focus on a rendered row, scrolled into view.
    for _ in range(40):
        page.keyboard.press("ArrowDown")
    assert frame.evaluate(focused_index) == "44"
    assert row_in_view(frame, '[aria-rowindex="44"]')
    # On a group row Left collapses, Right expands.
    page.keyboard.press("Home")
    group = frame.locator('[aria-rowindex="2"]')
    expect(group).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(group).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowRight")
    expect(group).to_have_attribute("aria-expanded", "true")
    expect(group).to_be_focused()
    page.keyboard.press("End")
    expect(frame.get_by_test_id("row-total")).to_be_focused()


@size
def test_opening_a_report_focuses_its_heading(
    e2e: Any, page: Any, ops_report: dict[str, Any], width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("searchbox", name="Search reports").fill(ops_report["name"])
    frame.get_by_role("button", name=ops_report["name"], exact=True).click()
    heading = frame.get_by_role("heading", level=1, name=ops_report["name"])
    expect(heading).to_be_focused()


# --- viewer nits: long group names beside "Open in Jira", the search box's buttons ---------------

# Assignees ("Daniela Lindqvist") and, below them, weeks ("Week of Dec 28, 2026"): names longer
# than the first column has room for.
NAMES_DEFINITION: dict[str, Any] = {
    "name": "Long group names",
    "jql": OPS_JQL,
    "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
    "grouping_rules": [
        {"field": "assignee"},
        {"field": "created", "bucket": {"kind": "date", "unit": "week"}},
    ],
}

# The name and "Open in Jira" of every rendered group row, with their boxes.
GROUP_NAMES_JS = """() => [...document.querySelectorAll('[data-testid="row-group"]')].map((row) => {
  const rect = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
  };
  const label = row.querySelector('.rb-group-label');
  const link = row.querySelector('[data-testid="open-in-jira"]');
  return {
    name: row.dataset.groupKey,
    text: label.textContent,
    title: label.getAttribute('title'),
    cut: label.scrollWidth > label.clientWidth + 1,
    label: rect(label),
    cell: rect(row.querySelector('.rb-cell--tree')),
    link: link ? rect(link) : null,
    linkName: link ? link.getAttribute('aria-label') : null,
  };
})"""


@pytest.fixture(scope="module")
def names_report(e2e: Any) -> dict[str, Any]:
    return e2e.create_report(NAMES_DEFINITION)


@size
def test_long_group_names_keep_their_room_beside_open_in_jira(
    e2e: Any, page: Any, names_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, names_report, width, height)
    groups = frame.evaluate(GROUP_NAMES_JS)
    assert len(groups) > 5
    assert any(g["cut"] for g in groups), "a name too long for the first column"
    for g in groups:
        link, label, cell = g["link"], g["label"], g["cell"]
        assert link is not None, g["name"]
        # Side by side inside the first cell: the link never covers the name.
        assert label["right"] <= link["left"] + 0.5, g["name"]
        assert cell["left"] <= label["left"] and link["right"] <= cell["right"] + 0.5, g["name"]
        # The full name is in the tooltip, and in the link's accessible name.
        assert g["text"] == g["title"] == g["name"], g
        assert g["linkName"] == f"Open in Jira: issues in {g['name']}", g
        if g["cut"]:
            # A name cut short keeps most of the room: the link beside it is icon-sized.
            assert link["width"] * 3 <= label["width"], g
    # The link says what it does on hover too.
    link = frame.get_by_test_id("row-group").first.get_by_test_id("open-in-jira")
    expect(link).to_have_attribute("title", re.compile(r"^Search issues in .+ in Jira$"))
    assert violations(frame, within='[data-testid="report-table"]') == []


@size
def test_search_buttons_appear_only_with_matches(
    e2e: Any, page: Any, ops_report: dict[str, Any], width: int, height: int
) -> None:
    frame = open_report(e2e, page, ops_report, width, height)
    search = frame.get_by_role("searchbox", name="Find in this report")
    count = frame.get_by_test_id("search-count")
    steps = frame.get_by_role("button", name=re.compile(r"^(Previous|Next) match$"))
    # Before any search: nothing to step through.
    expect(search).to_be_visible()
    expect(steps).to_have_count(0)
    expect(count).to_have_text("")
    # A query without matches says so, still without buttons.
    search.fill("no such text anywhere")
    expect(count).to_have_text("No matches")
    expect(steps).to_have_count(0)
    # With matches, both buttons, in reading order, and they step.
    key = frame.get_by_test_id("row-issue").first.get_attribute("data-issue-key")
    assert key
    search.fill(key.split("-")[0])
    expect(count).to_have_text(re.compile(r"^1 of \d+$"))
    expect(steps).to_have_text(["Previous", "Next"])
    frame.get_by_role("button", name="Next match").click()
    expect(count).to_have_text(re.compile(r"^2 of \d+$"))
    frame.get_by_role("button", name="Previous match").click()
    expect(count).to_have_text(re.compile(r"^1 of \d+$"))
    assert violations(frame, within=".rb-report-search") == []
    # Cleared, the buttons go again.
    search.fill("")
    expect(steps).to_have_count(0)
    expect(count).to_have_text("")
