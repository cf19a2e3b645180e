"""Issue 12 item 15, on Connect and on Forge at two screen sizes: the viewer's Export menu
downloads CSV and XLSX with the values as shown on screen or raw. Both files are opened (csv
module, openpyxl) and checked against the table on screen and the issues in jirasim: an issue key
column with every key, the screen's text in the shown mode (units in the headers), plain numbers
and seconds in the raw mode, and no Group/Issues columns for an ungrouped report."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
STORY_POINTS = "customfield_10016"
MODES = ["shown", "raw"]


def download(page: Any, frame: Any, kind: str, mode: str, path: Path) -> Path:
    frame.get_by_test_id("export-menu").click()
    with page.expect_download() as downloaded:
        frame.get_by_test_id(f"export-{kind}-{mode}").click()
    target = path / f"{kind}-{mode}.{kind}"
    downloaded.value.save_as(target)
    return target


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def read_xlsx(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def download_all(page: Any, frame: Any, tmp_path: Path) -> dict[tuple[str, str], list[list[Any]]]:
    """Every file the menu offers, opened: (kind, mode) → header row and body rows."""
    files: dict[tuple[str, str], list[list[Any]]] = {}
    for mode in MODES:
        files["csv", mode] = read_csv(download(page, frame, "csv", mode, tmp_path))
        files["xlsx", mode] = read_xlsx(download(page, frame, "xlsx", mode, tmp_path))
    return files


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_grouped_exports_as_shown_and_raw(
    e2e, page, points_report, points_expected, tmp_path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin", report_id=points_report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"

    # The menu: a button that opens four choices, and is accessible while open.
    menu_button = frame.get_by_test_id("export-menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    menu_button.click()
    expect(frame.get_by_role("menu", name="Export").get_by_role("menuitem")).to_have_count(4)
    # axe over the part this test adds to the viewer: the menu.
    assert violations(frame, within=".rb-toolbar") == []
    page.keyboard.press("Escape")
    expect(frame.get_by_role("menu")).to_have_count(0)
    expect(menu_button).to_be_focused()

    files = download_all(page, frame, tmp_path)
    headers = {
        "shown": ["Group", "Issues", "Key", "Summary", "Story Points", "Time Spent (hours)"],
        "raw": ["Group", "Issues", "Key", "Summary", "Story Points", "Time Spent (seconds)"],
    }
    for (kind, mode), rows in files.items():
        assert rows[0] == headers[mode], (kind, mode)
        # The key column holds every issue key of the report, once.
        keys = [row[2] for row in rows[1:] if row[2]]
        assert sorted(keys) == sorted(points_expected.keys), (kind, mode)

    # Shown: the group and total rows read as the table on screen.
    e2e.viewer_action(frame, "collapse-all")
    screen_rows = e2e.collect_rows(frame)
    on_screen = {
        (r["groupKey"] if r["kind"] == "row-group" else "Total"): r
        for r in screen_rows
        if r["kind"] in ("row-group", "row-total")
    }
    for kind in ("csv", "xlsx"):
        summary_rows = [row for row in files[kind, "shown"][1:] if row[0]]
        assert [row[0] for row in summary_rows] == list(on_screen), kind
        for row in summary_rows:
            cells = on_screen[row[0]]["cells"]
            assert [row[4] or "", row[5] or ""] == [cells[STORY_POINTS], cells["timespent"]], row
    # …and so do the issue rows of one group, expanded.
    first = next(r for r in screen_rows if r["kind"] == "row-group")
    frame.locator(
        f'[data-testid="row-group"][data-group-key="{first["groupKey"]}"]'
    ).get_by_test_id("group-toggle").click()
    shown_issues = [r for r in e2e.collect_rows(frame) if r["kind"] == "row-issue"]
    assert shown_issues
    for kind in ("csv", "xlsx"):
        by_key = {row[2]: row for row in files[kind, "shown"][1:] if row[2]}
        for issue in shown_issues:
            row = by_key[issue["issueKey"]]
            text = issue["cells"]["summary"]
            # A summary a spreadsheet would run as a formula is written with a leading '.
            assert row[3] in (text, f"'{text}"), issue["issueKey"]
            assert (row[4] or "") == issue["cells"][STORY_POINTS], issue["issueKey"]
            assert (row[5] or "") == issue["cells"]["timespent"], issue["issueKey"]

    # Raw: plain numbers, durations in seconds, matching the issues in jirasim.
    by_issue = {i["key"]: i["fields"] for i in points_expected.issues}
    csv_raw = {row[2]: row for row in files["csv", "raw"][1:] if row[2]}
    xlsx_raw = {row[2]: row for row in files["xlsx", "raw"][1:] if row[2]}
    for key, fields in by_issue.items():
        points, seconds = fields.get(STORY_POINTS), fields.get("timespent")
        assert csv_raw[key][4] == ("" if points is None else f"{points:g}"), key
        assert csv_raw[key][5] == ("" if seconds is None else str(seconds)), key
        assert xlsx_raw[key][4] == points and xlsx_raw[key][5] == seconds, key
    for label, mine in points_expected.python.items():
        group = next(row for row in files["xlsx", "raw"][1:] if row[0] == label)
        assert group[1] == mine["count"]
        assert (group[5] or 0) == mine["seconds"]
        assert (group[4] or 0) == pytest.approx(mine["points"])
    # XLSX keeps numbers as numbers in the raw mode, and the screen's text in the shown mode.
    raw_total = files["xlsx", "raw"][-1]
    shown_total = files["xlsx", "shown"][-1]
    assert raw_total[0] == shown_total[0] == "Total"
    assert isinstance(raw_total[4], float | int) and isinstance(raw_total[5], int)
    assert shown_total[5] == on_screen["Total"]["cells"]["timespent"]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_an_ungrouped_report_exports_without_group_columns(
    e2e, page, tmp_path, width: int, height: int
) -> None:
    report = e2e.create_report(
        {
            "name": "Time spent, ungrouped",
            "jql": "project = ROLL",
            "columns": [{"field": "summary"}, {"field": "timespent", "aggregation": "sum"}],
        }
    )
    issues = e2e.issues(report["jql"], ["timespent"])
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin", report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"
    files = download_all(page, frame, tmp_path)
    total_seconds = sum(i["fields"].get("timespent") or 0 for i in issues)
    for (kind, mode), rows in files.items():
        unit = "hours" if mode == "shown" else "seconds"
        assert rows[0] == ["Key", "Summary", f"Time Spent ({unit})"], (kind, mode)
        assert sorted(row[0] for row in rows[1:-1]) == sorted(i["key"] for i in issues)
        assert rows[-1][0] == "Total"
        assert all(len(row) == 3 for row in rows), (kind, mode)
    assert int(files["csv", "raw"][-1][2]) == total_seconds
    assert files["xlsx", "raw"][-1][2] == total_seconds
    total_row = frame.get_by_test_id("row-total")
    expect(total_row.locator('[data-column="timespent"]')).to_have_text(
        files["csv", "shown"][-1][2]
    )
