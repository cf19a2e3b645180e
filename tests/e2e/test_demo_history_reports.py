"""Issue 14, "Done when" 5: the demo's history reports (scripts/demo.py), as the demo creates
them, run in the browser on both hosts at 1280x720 and 1920x1080. "Cycle time" loads every
issue's changelog, shows the months issues were resolved in, newest first, and a p85 cycle time
and time in status in its total; "Time in status per assignee" shows a time in each of its
status columns. The viewer with these columns passes axe."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from demo import EXAMPLE_REPORTS
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
CYCLE_TIME = "Cycle time"
PER_ASSIGNEE = "Time in status per assignee"


def example(name: str) -> dict[str, Any]:
    (report,) = [r for r in EXAMPLE_REPORTS if r["name"] == name]
    return report


@pytest.fixture(scope="module")
def demo_reports(e2e: Any) -> dict[str, str]:
    """The two reports, created once per host exactly as the demo defines them."""
    return {name: e2e.create_report(example(name))["id"] for name in (CYCLE_TIME, PER_ASSIGNEE)}


def open_complete(e2e: Any, page: Any, report_id: str, size: tuple[int, int]) -> Any:
    """Opens the report and waits until every issue and every changelog loaded."""
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin", report_id)
    status, text = e2e.wait_for_run(frame)
    assert status == "complete", text
    # Whatever the wording, every "N of M" it states (changelogs for N of M issues) is whole.
    for loaded, of in re.findall(r"([\d,]+) of ([\d,]+)", text):
        assert loaded == of, text
    return frame


def total_row(rows: list[dict[str, Any]]) -> dict[str, Any]:
    (total,) = [row for row in rows if row["kind"] == "row-total"]
    return total


def history_columns(report: dict[str, Any]) -> list[str]:
    return [c["field"] for c in report["columns"] if c["field"].startswith("history_")]


def assert_header_in_view(frame: Any, field: str, name: str) -> None:
    """The column's header, scrolled to, lies inside the table's scroller (a wide report at
    1280 px scrolls sideways; no column is cut off out of reach)."""
    header = frame.locator(f'[role="columnheader"][data-column="{field}"]')
    expect(header).to_contain_text(name)
    header.scroll_into_view_if_needed()
    box = header.bounding_box()
    scroller = frame.get_by_test_id("report-scroller").bounding_box()
    assert box is not None and scroller is not None
    assert (
        scroller["x"] - 1 <= box["x"]
        and box["x"] + box["width"] <= scroller["x"] + scroller["width"] + 1
    ), (field, box, scroller)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_demo_cycle_time_report_shows_p85_by_resolution_month(
    e2e: Any, page: Any, demo_reports: dict[str, str], size: tuple[int, int]
) -> None:
    frame = open_complete(e2e, page, demo_reports[CYCLE_TIME], size)
    rows = e2e.collect_rows(frame)

    months = [row["groupKey"] for row in rows if row["kind"] == "row-group"]
    # The viewer labels months in the user's locale (en-US on both hosts): "Oct 2026".
    dated = [datetime.strptime(month, "%b %Y") for month in months if month is not None]
    assert len(dated) >= 3, months
    assert dated == sorted(dated, reverse=True), f"newest month first: {months}"

    total = total_row(rows)
    # The site's finished work has cycle times: the p85 is a duration, not empty.
    for field in history_columns(example(CYCLE_TIME)):
        assert total["cells"][field].strip() not in {"", "—", "-"}, (field, total["cells"])
    assert_header_in_view(frame, "history_cycle_time", "Cycle time")
    assert_header_in_view(frame, "history_time_in_status_10002", "Time in status: In Review")
    assert violations(frame) == []


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_demo_time_in_status_report_shows_each_status_per_assignee(
    e2e: Any, page: Any, demo_reports: dict[str, str], size: tuple[int, int]
) -> None:
    frame = open_complete(e2e, page, demo_reports[PER_ASSIGNEE], size)
    rows = e2e.collect_rows(frame)

    assignees = [row for row in rows if row["kind"] == "row-group"]
    assert len(assignees) >= 3
    total = total_row(rows)
    for field in history_columns(example(PER_ASSIGNEE)):
        assert total["cells"][field].strip() not in {"", "—", "-"}, (field, total["cells"])
    assert_header_in_view(frame, "history_time_in_status_10000", "Time in status: To Do")
    assert_header_in_view(frame, "history_status_age", "Current status age")
