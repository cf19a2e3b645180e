"""Screenshots of the report list, the editor, the grouped viewer with totals, a pivot and a
chart view, and the dashboard gadget — the real UI inside the jirasim host page, at 1280x800.
Always written to a temporary directory and checked; with ROLLBOOK_UPDATE_SCREENSHOTS=1 also to
docs/screenshots/.

Its own stack with the demo's example reports, so the pictures show a tidy site rather than the
reports the other end-to-end tests leave behind, and the README's picture is of a report the demo
creates."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from demo import DASHBOARD_REPORT, EXAMPLE_REPORTS, set_up_both_apps
from devstack import Stack, running_stack
from playwright.sync_api import expect

from support.browser import app_frame, forge_frame, sign_in
from support.png import png_size

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "screenshots"
EDITOR_REPORT = DASHBOARD_REPORT
# A report the demo creates, as the README says.
VIEWER_REPORT = "Points and time by project and status"


@pytest.fixture(scope="module")
def demo_stack(tmp_path_factory: pytest.TempPathFactory, client_bundle: Path) -> Iterator[Stack]:
    with running_stack(tmp_path_factory.mktemp("screenshots"), issues=1200, seed=1) as stack:
        set_up_both_apps(stack)
        yield stack


def report_id(frame: Any, name: str) -> str:
    row = frame.get_by_test_id("report-list-row").filter(has_text=name)
    return str(row.get_attribute("data-report-id"))


def test_screenshots(demo_stack: Stack, page: Any, tmp_path: Path) -> None:
    shots: dict[str, Path] = {}

    def shoot(name: str) -> None:
        page.wait_for_timeout(300)  # let fonts and the last layout settle
        shots[name] = tmp_path / f"{name}.png"
        page.screenshot(path=shots[name])

    sign_in(page, demo_stack.jira_url, "admin")
    page.goto(demo_stack.general_page)
    frame = app_frame(page, demo_stack.app_url)
    expect(frame.get_by_test_id("report-list-row")).to_have_count(len(EXAMPLE_REPORTS))
    expect(frame.locator(".rb-list-table td").nth(1)).to_have_text("Ada Admin")
    shoot("list")

    viewer_id = report_id(frame, VIEWER_REPORT)
    views_id = report_id(frame, EDITOR_REPORT)
    frame.get_by_role("button", name=f"Edit {EDITOR_REPORT}").click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_role("tab", name="Columns").click()
    expect(frame.get_by_test_id("column-row")).to_have_count(4)
    shoot("editor")

    page.goto(f"{demo_stack.general_page}?ac.report={viewer_id}")
    frame = app_frame(page, demo_stack.app_url)
    status = frame.get_by_test_id("completeness")
    status.wait_for(timeout=90_000)
    assert status.get_attribute("data-status") == "complete"
    # Projects with their totals, the first opened on its status groups, and the grand total.
    frame.get_by_test_id("more-actions").click()
    frame.get_by_test_id("collapse-all").click()
    frame.get_by_test_id("row-group").first.get_by_test_id("group-toggle").click()
    expect(frame.locator('[data-testid="row-group"][data-depth="2"]')).to_have_count(6)
    expect(frame.get_by_test_id("row-total")).to_be_in_viewport(ratio=1)
    shoot("viewer")

    # The same report's other views, as tabs over one result: a pivot, then a chart.
    page.goto(f"{demo_stack.general_page}?ac.report={views_id}")
    frame = app_frame(page, demo_stack.app_url)
    frame.get_by_test_id("completeness").wait_for(timeout=90_000)
    frame.get_by_role("tab", name="Status by assignee").click()
    expect(frame.get_by_test_id("pivot-table")).to_be_visible()
    shoot("pivot")
    frame.get_by_role("tab", name="Points by status").click()
    expect(frame.locator('[data-testid="chart"][data-ready="true"]')).to_be_visible()
    shoot("chart")

    page.goto(f"{demo_stack.jira_url}/")
    frame = app_frame(page, demo_stack.app_url)
    # The demo chose this report for the dashboard gadget.
    expect(frame.get_by_test_id("gadget").get_by_role("heading", level=2)).to_have_text(
        DASHBOARD_REPORT
    )
    frame.get_by_test_id("completeness").wait_for(timeout=90_000)
    # It shows the report's chart view.
    expect(frame.locator('[data-testid="chart"][data-ready="true"]')).to_be_visible()
    shoot("gadget")

    # The Forge app on the same site: its own tenant with the same example reports.
    page.goto(f"{demo_stack.jira_url}{demo_stack.forge['pages']['global']}")
    frame = forge_frame(page, "#forge-app-frame")
    expect(frame.get_by_test_id("report-list-row")).to_have_count(len(EXAMPLE_REPORTS))
    shoot("forge")

    assert set(shots) == {"list", "editor", "viewer", "pivot", "chart", "gadget", "forge"}
    for name, path in shots.items():
        assert png_size(path.read_bytes()) == (1280, 800), name
        assert path.stat().st_size > 20_000, f"{name}.png looks empty"
    if os.environ.get("ROLLBOOK_UPDATE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        for name, path in shots.items():
            shutil.copyfile(path, DOCS / f"{name}.png")
