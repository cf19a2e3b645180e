"""Issue 12, editor items 1, 2, 7 (grouping) and 8, in a real browser on both hosts at 1280x720
and 1920x1080: the tab bar and Save stay visible however long a pane is; the searchable field
picker (an ARIA combobox grouped by system/custom fields/formulas, showing types, driven by
keyboard and mouse); duration bins in hours; the compact column list with details on demand.
Layout checks are measured invariants (bounding boxes, hit tests), never pixel diffs."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
STORY_POINTS = "customfield_10016"

TWENTY_FIELDS = [
    "summary",
    "issuetype",
    "status",
    "priority",
    "resolution",
    "assignee",
    "reporter",
    "creator",
    "created",
    "updated",
    "resolutiondate",
    "duedate",
    "labels",
    "components",
    "fixVersions",
    "versions",
    "timeoriginalestimate",
    "timeestimate",
    "timespent",
    STORY_POINTS,
]

# True when the element's centre, hit-tested in its own document, lands on the element (nothing
# covers it and it is not clipped away by a collapsed or scrolled ancestor).
HIT_AT_CENTRE_JS = """(el) => {
  const r = el.getBoundingClientRect();
  if (r.width < 1 || r.height < 1) return false;
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return hit !== null && el.contains(hit);
}"""

# Scrolls every scrollable box in the app document (and the document itself) to its end, the
# way a user reaches the bottom of a long pane.
SCROLL_ALL_TO_END_JS = """() => {
  for (const el of [document.scrollingElement, ...document.querySelectorAll("*")]) {
    if (el && el.scrollHeight > el.clientHeight) el.scrollTop = el.scrollHeight;
  }
}"""


def open_editor(e2e: Any, page: Any, report: dict[str, Any], width: int, height: int) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    # The session's other reports may push this one off the list's first page: search for it.
    frame.get_by_label("Search reports").fill(report["name"])
    frame.get_by_role("button", name=f"Edit {report['name']}").click()
    frame.get_by_test_id("report-editor").wait_for()
    return frame


def pick_field(frame: Any, label: str, key: str, search: str | None = None) -> None:
    """Chooses a field in the searchable picker named `label`: type, then click its option."""
    box = frame.get_by_role("combobox", name=label)
    box.fill(search or key)
    frame.locator(f'[role="option"][data-field-key="{key}"]').click()


def in_page_viewport(page: Any, box: dict[str, float]) -> bool:
    size = page.viewport_size
    return (
        box["y"] >= 0
        and box["x"] >= 0
        and box["y"] + box["height"] <= size["height"] + 0.5
        and box["x"] + box["width"] <= size["width"] + 0.5
    )


def assert_tabs_and_save_reachable(page: Any, frame: Any, when: str) -> None:
    tablist = frame.get_by_role("tablist", name="Report settings")
    bar = tablist.bounding_box()
    assert bar is not None and bar["height"] >= 32, f"{when}: tab bar is {bar}"
    tabs = tablist.get_by_role("tab")
    assert tabs.count() == 9
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        box = tab.bounding_box()
        assert box is not None and in_page_viewport(page, box), f"{when}: tab {i} at {box}"
        assert tab.evaluate(HIT_AT_CENTRE_JS), f"{when}: tab {tab.inner_text()} is covered"
    # The selected tab's underline is drawn inside the tab bar, not clipped below it.
    underline = frame.evaluate(
        """() => {
          const tab = document.querySelector('[role="tab"][aria-selected="true"]');
          const list = tab.closest('[role="tablist"]');
          // The bar clips at its padding box (it scrolls sideways on narrow frames).
          const barBottom = list.getBoundingClientRect().bottom
            - parseFloat(getComputedStyle(list).borderBottomWidth || "0");
          const after = getComputedStyle(tab, "::after");
          const bottom = tab.getBoundingClientRect().bottom - parseFloat(after.bottom || "0");
          return { bottom, barBottom, height: parseFloat(after.height) };
        }"""
    )
    assert underline["height"] >= 2
    assert underline["bottom"] <= underline["barBottom"] + 0.5, f"{when}: {underline}"
    save = frame.get_by_role("button", name="Save", exact=True)
    box = save.bounding_box()
    assert box is not None and in_page_viewport(page, box), f"{when}: Save at {box}"
    assert save.evaluate(HIT_AT_CENTRE_JS), f"{when}: Save is covered"


# ------------------------------------------------------------------------- 1. tab bar, Save


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_tabs_and_save_stay_visible_with_twenty_columns(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report(
        {
            "name": "Twenty columns",
            "jql": "project = ROLL",
            "columns": [{"field": f} for f in TWENTY_FIELDS],
        }
    )
    frame = open_editor(e2e, page, report, width, height)
    assert_tabs_and_save_reachable(page, frame, "General pane")

    frame.get_by_role("tab", name="Columns").click()
    rows = frame.get_by_test_id("column-row")
    expect(rows).to_have_count(20)
    pane = frame.get_by_role("tabpanel")
    frame_box = frame.frame_element().bounding_box()
    assert frame_box is not None
    # Compact rows may fit a tall frame: open columns' details until the pane is taller.
    for i in range(20):
        if pane.evaluate("el => el.scrollHeight") > frame_box["height"]:
            break
        rows.nth(i).get_by_role("button", name="Details").click()
    assert pane.evaluate("el => el.scrollHeight") > frame_box["height"], "pane taller than frame"
    assert_tabs_and_save_reachable(page, frame, "Columns pane, top")

    frame.evaluate(SCROLL_ALL_TO_END_JS)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = rows.nth(19)
    last.scroll_into_view_if_needed()
    last_box = last.bounding_box()
    assert last_box is not None and in_page_viewport(page, last_box), "the last column is reachable"
    assert_tabs_and_save_reachable(page, frame, "Columns pane, scrolled to the end")

    # Every pane is still reachable with the mouse from the bottom of the long one.
    frame.get_by_role("tab", name="People").click()
    expect(frame.get_by_role("tab", name="People")).to_have_attribute("aria-selected", "true")
    frame.get_by_role("tab", name="Columns").click()
    expect(rows).to_have_count(20)
    assert violations(frame) == []


# ------------------------------------------------------------------------- 2. field picker

FORMULA = {
    "key": "formula_points_per_hour",
    "name": "Points per hour",
    "expression": "customfield_10016 / (timespent / 3600)",
    "result_type": "number",
    "format": None,
    "rollup": None,
}


def group_options(frame: Any, label: str, group: str) -> list[str]:
    """The option texts (name and type) of one group of the open listbox of picker `label`."""
    listbox = frame.get_by_role("listbox", name=f"{label}: fields")
    return listbox.get_by_role("group", name=group).get_by_role("option").all_inner_texts()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_the_field_picker_searches_groups_and_shows_types(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report(
        {
            "name": "Picker",
            "jql": "project = ROLL",
            "columns": [{"field": "summary"}],
            "formula_fields": [FORMULA],
        }
    )
    frame = open_editor(e2e, page, report, width, height)
    frame.get_by_role("tab", name="Columns").click()
    add = frame.get_by_role("combobox", name="Add a column")
    expect(add).to_have_attribute("aria-expanded", "false")

    # Typing searches names: each group lists its matches with the field's type.
    add.fill("points")
    expect(add).to_have_attribute("aria-expanded", "true")
    assert [" ".join(t.split()) for t in group_options(frame, "Add a column", "Custom fields")] == [
        "Story Points Number"
    ]
    assert [" ".join(t.split()) for t in group_options(frame, "Add a column", "Formulas")] == [
        "Points per hour Number"
    ]
    listbox = frame.get_by_role("listbox", name="Add a column: fields")
    expect(listbox.get_by_role("group", name="System fields")).to_have_count(0)
    assert violations(frame) == [], "picker open"

    # ... and keys; the arrow keys move the active option, Enter picks it.
    add.fill(STORY_POINTS)
    add.press("ArrowDown")
    active = add.get_attribute("aria-activedescendant")
    assert active and frame.locator(f"#{active}").get_attribute("data-field-key") == STORY_POINTS
    add.press("Enter")
    expect(add).to_have_attribute("aria-expanded", "false")
    expect(add).to_have_value("Story Points")
    frame.get_by_role("button", name="Add column").click()
    rows = frame.get_by_test_id("column-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_have_attribute("data-field", STORY_POINTS)

    # Several matches: Down walks them in the listed order; Escape closes, keeping the value.
    add.fill("time")
    options = listbox.get_by_role("option")
    keys = [options.nth(i).get_attribute("data-field-key") for i in range(options.count())]
    assert "timespent" in keys and len(keys) >= 3
    add.press("ArrowDown")
    add.press("ArrowDown")
    active = add.get_attribute("aria-activedescendant")
    assert frame.locator(f"#{active}").get_attribute("data-field-key") == keys[1]
    add.press("Escape")
    expect(add).to_have_attribute("aria-expanded", "false")
    expect(listbox).to_be_hidden()

    # A search without a match says so.
    add.fill("no such field")
    expect(frame.get_by_text("No field matches “no such field”.")).to_be_visible()
    add.press("Escape")

    # The mouse works too, in the sorting and grouping panes.
    frame.get_by_role("tab", name="Sorting").click()
    sort = frame.get_by_role("combobox", name="Add a sort rule")
    sort.click()
    sort_list = frame.get_by_role("listbox", name="Add a sort rule: fields")
    expect(sort_list.get_by_role("group", name="System fields")).to_be_visible()
    sort_list.locator('[data-field-key="priority"]').click()
    expect(sort).to_have_value("Priority")
    frame.get_by_role("button", name="Add sort rule").click()
    expect(
        frame.get_by_test_id("sorting-list").get_by_role("combobox", name="Field")
    ).to_have_value("Priority")

    frame.get_by_role("tab", name="Grouping").click()
    pick_field(frame, "Add a grouping level", "status", search="stat")
    frame.get_by_role("button", name="Add grouping level").click()
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flag.success", has_text=report["name"])).to_be_visible()
    stored = e2e.get_report(report["id"])
    assert [c["field"] for c in stored["columns"]] == ["summary", STORY_POINTS]
    assert [r["field"] for r in stored["sorting_rules"]] == ["priority"]
    assert [r["field"] for r in stored["grouping_rules"]] == ["status"]


# ------------------------------------------------------------------ 7. duration bins in hours


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_duration_bins_are_entered_in_hours_and_stored_in_seconds(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report(
        {
            "name": "Time spent in two-hour bins",
            "jql": "timespent > 0",
            "columns": [{"field": "summary"}, {"field": "timespent", "aggregation": "sum"}],
            "grouping_rules": [{"field": "timespent", "bucket": {"kind": "number", "size": 7200}}],
        }
    )
    frame = open_editor(e2e, page, report, width, height)
    frame.get_by_role("tab", name="Grouping").click()
    bins = frame.get_by_label("Bin size (hours)")
    expect(bins).to_have_value("2")
    expect(frame.get_by_label("Bin size (seconds)")).to_have_count(0)
    bins.fill("0.5")
    assert violations(frame) == []
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flag.success", has_text=report["name"])).to_be_visible()
    stored = e2e.get_report(report["id"])
    assert stored["grouping_rules"][0]["bucket"] == {"kind": "number", "size": 1800}


# ------------------------------------------------------------------------- 8. compact columns


@pytest.mark.parametrize(("width", "height"), SIZES, ids=SIZE_IDS)
def test_sixteen_columns_are_a_compact_list_with_details_on_demand(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    fields = TWENTY_FIELDS[:16]
    report = e2e.create_report(
        {
            "name": "Sixteen columns",
            "jql": "project = ROLL",
            "columns": [{"field": f} for f in fields],
        }
    )
    frame = open_editor(e2e, page, report, width, height)
    frame.get_by_role("tab", name="Columns").click()
    rows = frame.get_by_test_id("column-row")
    expect(rows).to_have_count(16)
    listed = frame.get_by_test_id("columns-list").bounding_box()
    assert listed is not None and listed["height"] <= 16 * 48, listed
    # One line per column: its name, its type and a summary of its settings.
    first = frame.get_by_test_id("reorder-item").first
    first_box = first.bounding_box()
    assert first_box is not None and first_box["height"] <= 48, first_box
    expect(rows.first).to_contain_text("Summary")
    expect(rows.first).to_contain_text("Text")
    expect(rows.first.get_by_test_id("column-summary")).to_have_text("No aggregation")
    # Details stay closed until asked for.
    expect(frame.get_by_label("Aggregation")).to_have_count(0)

    created = rows.nth(8)  # "Created"
    details = created.get_by_role("button", name="Details")
    expect(details).to_have_attribute("aria-expanded", "false")
    details.click()
    expect(details).to_have_attribute("aria-expanded", "true")
    created.get_by_label("Aggregation").select_option("earliest")
    expect(created.get_by_label("Width (px)")).to_be_visible()
    expect(created.get_by_label("Format")).to_be_visible()
    expect(created.get_by_test_id("column-summary")).to_have_text("Earliest")
    assert violations(frame) == [], "details open"
    details.click()
    expect(created.get_by_label("Aggregation")).to_have_count(0)

    # Keyboard reorder still works, and focus stays on the moved column's button.
    move = frame.get_by_role("button", name="Move Created down")
    move.focus()
    page.keyboard.press("Enter")
    expect(rows.nth(9)).to_have_attribute("data-field", "created")
    expect(frame.get_by_role("button", name="Move Created down")).to_be_focused()
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".flag.success", has_text=report["name"])).to_be_visible()
    stored = e2e.get_report(report["id"])
    order = [c["field"] for c in stored["columns"]]
    assert order[8:10] == ["updated", "created"]
    assert stored["columns"][9]["aggregation"] == "earliest"
