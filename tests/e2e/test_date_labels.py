"""Issue 12 item 20, "one date format", for group labels: a report grouped by Created per month
and per day names its date groups in the user's locale and time zone (en-US and America/New_York
for Max Member, as jirasim's hosts say), in the table and in the "as shown" CSV export, while the
raw export keeps the engine's ISO names. The expected labels are computed here from jirasim's
issues, on both hosts at 1280x720 and 1920x1080."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from jirasim.dataset.people import DEMO_MEMBER
from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
VIEWER = "member"
# Both hosts of jirasim tell the app en-US (AP.user.getLocale, Forge's context.locale).
MONTHS_EN_US = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# One summer of one project: many days, and issues created in the evening in New York fall on
# the next day in UTC.
JQL = 'project = ROLL AND created >= "2026-06-01" AND created < "2026-09-01"'
DEFINITION: dict[str, Any] = {
    "name": "Created by month and day",
    "jql": JQL,
    "columns": [{"field": "summary"}],
    "grouping_rules": [
        {"field": "created", "bucket": {"kind": "date", "unit": "month"}},
        {"field": "created", "bucket": {"kind": "date", "unit": "day"}},
    ],
    # Open, so the member (not in UTC) can view what the admin saved.
    "people": {"access": "open"},
}
# The exports indent a nested group with a single right-pointing angle quote and a space.
LEVEL_INDENT = "\u203a "


def month_label(day: datetime) -> str:
    return f"{MONTHS_EN_US[day.month - 1]} {day.year}"


def day_label(day: datetime) -> str:
    return f"{MONTHS_EN_US[day.month - 1]} {day.day}, {day.year}"


def iso_month(day: datetime) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def iso_day(day: datetime) -> str:
    return day.date().isoformat()


@pytest.fixture(scope="module")
def report(e2e: Any) -> dict[str, Any]:
    return e2e.create_report(DEFINITION)


@pytest.fixture(scope="module")
def created(e2e: Any) -> list[datetime]:
    """When each issue of the report was created, in the viewer's time zone."""
    zone = ZoneInfo(DEMO_MEMBER.time_zone)
    issues = e2e.issues(JQL, ["created"], user=VIEWER)
    assert len(issues) > 20
    stamps = [datetime.strptime(i["fields"]["created"], "%Y-%m-%dT%H:%M:%S.%f%z") for i in issues]
    # The zone matters for this data: some issues fall on another day in New York than in UTC.
    assert any(s.astimezone(zone).date() != s.date() for s in stamps)
    return [s.astimezone(zone) for s in stamps]


# Every group row of the virtualized table, scrolled top to bottom: depth, name, issue count.
# Each step waits until every row in view is rendered; the grand total, pinned and always in the
# page, does not count as the last row in view.
GROUP_ROWS_JS = r"""
async () => {
  const scroller = document.querySelector('[data-testid="report-scroller"]');
  const table = scroller.querySelector('[data-testid="report-table"]');
  const lastRow = Number(table.dataset.rowCount);  // aria-rowindex of the row above the total
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const groups = new Map();
  const rowAt = (y) => Math.min(lastRow, Math.max(2, Math.floor((y - 36) / 32) + 2));
  for (let top = 0; ; top += Math.max(64, scroller.clientHeight - 96)) {
    scroller.scrollTop = top;
    const first = rowAt(scroller.scrollTop);
    const last = rowAt(scroller.scrollTop + scroller.clientHeight - 40);
    const has = (n) => scroller.querySelector(`[aria-rowindex="${n}"]`) !== null;
    for (let i = 0; i < 500; i++) {
      let all = true;
      for (let n = first; n <= last && all; n++) all = has(n);
      if (all) break;
      await sleep(10);
    }
    for (const row of scroller.querySelectorAll('[data-testid="row-group"]')) {
      groups.set(Number(row.getAttribute('aria-rowindex')), [
        Number(row.dataset.depth),
        row.querySelector('.rb-group-label').textContent,
        Number(row.querySelector('.rb-group-count').textContent.replace(/\D/g, '')),
      ]);
    }
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
  }
  scroller.scrollTop = 0;
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k));
}
"""


def expected_groups(created: list[datetime], month: Any, day: Any) -> list[tuple[int, str, int]]:
    """(depth, label, issue count) of every group row in display order: months, each followed by
    its days, oldest first."""
    months = Counter(iso_month(c) for c in created)
    days = Counter(iso_day(c) for c in created)
    first_of = {iso_day(c): c for c in created}
    out: list[tuple[int, str, int]] = []
    for m in sorted(months):
        month_days = sorted(d for d in days if d.startswith(m))
        out.append((1, month(first_of[month_days[0]]), months[m]))
        out.extend((2, day(first_of[d]), days[d]) for d in month_days)
    return out


def download_csv(page: Any, frame: Any, mode: str, path: Path) -> list[list[str]]:
    frame.get_by_test_id("export-menu").click()
    with page.expect_download() as downloaded:
        frame.get_by_test_id(f"export-csv-{mode}").click()
    target = path / f"{mode}.csv"
    downloaded.value.save_as(target)
    return list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))


def csv_groups(rows: list[list[str]]) -> list[tuple[int, str, int]]:
    """(depth, label, count) of the group rows of an export (Group, Issues, Key, …)."""
    out = []
    for row in rows[1:]:
        if not row[0] or row[0] == "Total":
            continue
        label = row[0]
        depth = 1
        while label.startswith(LEVEL_INDENT):
            label, depth = label[len(LEVEL_INDENT) :], depth + 1
        out.append((depth, label, int(row[1])))
    return out


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_date_groups_read_in_the_users_locale_and_zone(
    e2e: Any,
    page: Any,
    report: dict[str, Any],
    created: list[datetime],
    tmp_path: Path,
    width: int,
    height: int,
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, VIEWER, report_id=report["id"])
    assert e2e.wait_for_run(frame)[0] == "complete"

    local = expected_groups(created, month_label, day_label)
    shown = [tuple(row) for row in frame.evaluate(GROUP_ROWS_JS)]
    assert shown == local
    # What the row shows is that name, and its tooltip says it in full.
    first_day = frame.locator('[data-testid="row-group"][data-depth="2"]').first
    label = first_day.locator(".rb-group-label")
    expect(label).to_have_text(local[1][1])
    expect(label).to_have_attribute("title", local[1][1])
    expect(first_day.get_by_test_id("group-toggle")).to_have_accessible_name(
        f"Collapse {local[1][1]}"
    )
    assert violations(frame) == []

    # "As shown" has the screen's names; raw keeps the ISO names a spreadsheet can sort.
    assert csv_groups(download_csv(page, frame, "shown", tmp_path)) == local
    assert csv_groups(download_csv(page, frame, "raw", tmp_path)) == expected_groups(
        created, iso_month, iso_day
    )
