"""Issue 12, editor items 4 to 6: formulas by field name (autocomplete, a function reference,
IFEMPTY, errors with names, a preview on issues that have values), Save that checks the JQL with
Jira and the formulas with the engine and refuses what is wrong, and a live preview of the draft
on sample issues. Both hosts, at 1280x720 and 1920x1080."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
size = pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])

STORY_POINTS = "customfield_10016"
JQL = "project in (ROLL, WEB)"
REMAINING = {
    "key": "formula_remaining",
    "name": "Remaining",
    "expression": f"{STORY_POINTS} * 2",
    "result_type": "number",
}
PLAIN = {
    "name": "Formulas",
    "jql": JQL,
    "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
}


def open_editor(e2e: Any, page: Any, report: dict[str, Any], width: int, height: int) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name=f"Edit {report['name']}").click()
    frame.get_by_test_id("report-editor").wait_for()
    return frame


def estimated_but_unlogged(e2e: Any) -> list[dict[str, Any]]:
    """Issues of JQL with an original estimate and no time spent: the case IFEMPTY is for."""
    issues = e2e.issues(JQL, ["timeoriginalestimate", "timespent"])
    found = [
        i
        for i in issues
        if i["fields"].get("timeoriginalestimate") and not i["fields"].get("timespent")
    ]
    assert len(found) >= 3, "the demo data has estimated issues without logged time"
    return found[:5]


def preview_values(frame: Any) -> dict[str, str]:
    table = frame.get_by_test_id("formula-preview")
    expect(table).to_be_visible()
    return {
        row.locator("th").inner_text().strip(): row.locator("td").inner_text().strip()
        for row in table.locator("tr").all()
    }


@size
def test_a_formula_by_field_name_with_ifempty_previews_values(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    issues = estimated_but_unlogged(e2e)
    keys = [i["key"] for i in issues]
    report = e2e.create_report({**PLAIN, "name": "Estimates", "jql": f"key in ({', '.join(keys)})"})
    frame = open_editor(e2e, page, report, width, height)
    frame.get_by_role("tab", name="Formulas").click()

    # The function reference lists the engine's functions with signatures and descriptions.
    reference = frame.get_by_test_id("function-reference")
    reference.locator("summary").click()
    expect(reference.get_by_text("IFEMPTY(value, fallback)")).to_be_visible()
    expect(reference.get_by_text("ROUND(number, digits?)")).to_be_visible()

    frame.get_by_label("New formula name").fill("Remaining")
    frame.get_by_role("button", name="Add formula").click()
    box = frame.get_by_test_id("formula-expression")
    box.click()
    box.press_sequentially("orig")
    suggestions = frame.get_by_role("listbox", name="Matching fields")
    expect(suggestions).to_be_visible()
    # axe on the Formulas pane with the suggestions open and the reference expanded.
    assert violations(frame) == [], "formulas pane with suggestions"
    suggestions.get_by_role("option", name=re.compile(r"^Original estimate")).click()
    expect(box).to_have_value("[Original estimate]")
    box.press_sequentially(" - [Time Spent]")
    expect(frame.get_by_test_id("formula-ok")).to_contain_text("uses Original estimate, Time Spent")

    # Estimate minus an empty time spent is empty...
    frame.get_by_role("button", name="Preview on sample issues").click()
    values = preview_values(frame)
    assert set(values) == set(keys)
    assert all(v == "(empty)" for v in values.values()), values

    # ...and IFEMPTY treats the empty time spent as 0: every issue gets its estimate in hours.
    box.fill("[Original estimate] - IFEMPTY([Time Spent], 0)")
    expect(frame.get_by_test_id("formula-ok")).to_be_visible()
    expect(frame.get_by_test_id("formula-preview").get_by_text("(empty)")).to_have_count(0)
    values = preview_values(frame)
    for issue in issues:
        hours = issue["fields"]["timeoriginalestimate"] / 3600
        assert float(values[issue["key"]].replace(",", "")) == pytest.approx(hours, abs=0.01)


@size
def test_saving_a_jql_jira_rejects_stays_in_the_editor_and_shows_jiras_error(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({**PLAIN, "name": "Bad JQL"})
    frame = open_editor(e2e, page, report, width, height)
    bad = "projct = ROLL"
    jira_says = e2e.jql_parse_errors(bad)
    assert jira_says
    frame.get_by_test_id("jql-input").fill(bad)
    # Save from another pane: the editor must come back to the JQL.
    frame.get_by_role("tab", name="Columns").click()
    frame.get_by_role("button", name="Save", exact=True).click()

    expect(frame.get_by_role("tab", name="General")).to_have_attribute("aria-selected", "true")
    error = frame.get_by_test_id("field-error").filter(has_text="Jira:")
    expect(error).to_contain_text(jira_says[0])
    expect(frame.get_by_test_id("error-banner")).to_contain_text("Not saved")
    expect(frame.get_by_test_id("report-editor")).to_be_visible()
    stored = e2e.get_report(report["id"])
    assert (stored["jql"], stored["version"]) == (JQL, report["version"])
    assert violations(frame) == [], "general pane with the refused JQL"


@size
def test_saving_a_bad_formula_names_the_formula_and_the_field(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({**PLAIN, "name": "Bad formula", "formula_fields": [REMAINING]})
    frame = open_editor(e2e, page, report, width, height)
    frame.get_by_role("tab", name="Formulas").click()
    frame.get_by_test_id("formula-expression").fill("[Original estimate] - [Time logged]")
    frame.get_by_role("tab", name="General").click()
    frame.get_by_role("button", name="Save", exact=True).click()

    expect(frame.get_by_role("tab", name="Formulas")).to_have_attribute("aria-selected", "true")
    row = frame.get_by_test_id("formula-row")
    expect(row.get_by_test_id("field-error")).to_contain_text(
        "Formula \"Remaining\": unknown field 'Time logged' (line 1, column 23)."
    )
    # The live check under the box names the field as written, never by an id.
    expect(row.get_by_test_id("formula-errors")).to_contain_text("unknown field 'Time logged'")
    stored = e2e.get_report(report["id"])
    assert stored["formula_fields"][0]["expression"] == REMAINING["expression"]
    assert stored["version"] == report["version"]


def add_status_grouping(frame: Any) -> None:
    """Adds a "Status" grouping level with whichever field picker the Grouping pane has."""
    add = frame.get_by_label("Add a grouping level", exact=True)
    if add.get_attribute("role") == "combobox":
        add.fill("Status")
        listbox = frame.locator(f"#{add.get_attribute('aria-controls')}")
        listbox.locator('[data-field-key="status"]').click()
    else:
        add.select_option("status")
    frame.get_by_role("button", name="Add grouping level").click()


@size
def test_the_live_preview_shows_the_draft_and_follows_a_new_grouping_level(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({**PLAIN, "name": "Live preview"})
    sample = e2e.issues(JQL, ["status"])[:100]
    frame = open_editor(e2e, page, report, width, height)
    preview = frame.get_by_test_id("live-preview")
    expect(preview.get_by_role("heading")).to_have_text(f"Preview of {len(sample)} sample issues")
    table = preview.get_by_test_id("live-preview-table")
    expect(table).to_be_visible()
    expect(table.locator("tr[data-kind=group]")).to_have_count(0)
    expect(table.locator("tr[data-kind=total] th")).to_contain_text(str(len(sample)))

    frame.get_by_role("tab", name="Grouping").click()
    add_status_grouping(frame)
    statuses = sorted({i["fields"]["status"]["name"] for i in sample})
    groups = table.locator("tr[data-kind=group] th")
    expect(groups).to_have_count(len(statuses))
    labels = sorted(text.split(" · ")[0] for text in groups.all_inner_texts())
    assert labels == statuses
    preview.scroll_into_view_if_needed()
    assert violations(frame) == [], "live preview"
