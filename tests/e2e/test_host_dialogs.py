"""Confirmations open in the host's own modal (Connect's AP.dialog, Forge's Modal), so the
backdrop covers the whole Jira page, not only the app's iframe: measured at common screen
sizes on both hosts, with the question, Cancel, confirm and Escape checked against the server."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
BACKDROP = ".dialog-backdrop"


def host_dialog_frame(page: Any) -> Any:
    """The app's frame inside the host's modal, once it shows its question."""
    page.wait_for_selector(f"{BACKDROP} iframe", timeout=30_000)
    frame = page.locator(f"{BACKDROP} iframe").element_handle().content_frame()
    frame.get_by_role("alertdialog").wait_for()
    return frame


def ask_to_delete(e2e: Any, page: Any, report: dict[str, Any]) -> Any:
    frame = e2e.open_reports(page, "admin")
    frame.get_by_label("Search reports").fill(report["name"])
    frame.get_by_role("button", name=f"Delete {report['name']}").click()
    return frame


def in_trash(e2e: Any, report_id: str) -> bool:
    with e2e.api("admin") as api:
        response = api.get(f"/api/reports/{report_id}")
    return response.status_code == 404


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_delete_question_covers_the_whole_page_and_cancel_keeps_the_report(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report({"name": "Dialog check", "jql": "project = OPS"})
    ask_to_delete(e2e, page, report)

    backdrop = page.locator(BACKDROP).bounding_box()
    assert backdrop == {"x": 0, "y": 0, "width": width, "height": height}
    # The Jira page's own header is under the backdrop: what the top-left corner hits is it.
    assert page.evaluate(f"document.elementFromPoint(5, 5).closest('{BACKDROP}') !== null")
    dialog = host_dialog_frame(page)
    expect(dialog.get_by_role("heading", name="Move report to trash?")).to_be_visible()
    expect(dialog.get_by_text(report["name"])).to_be_visible()
    assert violations(dialog) == []
    # Cancel is focused first: a stray Enter must not delete anything.
    expect(dialog.get_by_role("button", name="Cancel")).to_be_focused()

    dialog.get_by_role("button", name="Cancel").click()
    expect(page.locator(BACKDROP)).to_have_count(0)
    assert not in_trash(e2e, report["id"])


@pytest.mark.parametrize("answer", ["confirm", "escape"])
def test_confirming_moves_the_report_to_trash_and_escape_does_not(
    e2e: Any, page: Any, answer: str
) -> None:
    report = e2e.create_report({"name": "Dialog answer", "jql": "project = OPS"})
    frame = ask_to_delete(e2e, page, report)
    dialog = host_dialog_frame(page)
    if answer == "confirm":
        dialog.get_by_role("button", name="Move to trash").click()
    else:
        dialog.get_by_role("button", name="Cancel").press("Escape")
    expect(page.locator(BACKDROP)).to_have_count(0)
    if answer == "confirm":
        expect(frame.get_by_role("button", name=f"Delete {report['name']}")).to_have_count(0)
        assert in_trash(e2e, report["id"])
    else:
        assert not in_trash(e2e, report["id"])
