"""Issue 12 item 12: every report has its own URL through the host's history (`AP.history` on
Connect, `view.createHistory` on Forge). Back and Forward move between the list and reports, a
reload keeps the report, and the address opens the same report for another permitted user."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations
from support.browser import sign_in
from support.host_dialogs import BACKDROP, click_closing, host_dialog_frame

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]


def open_from_list(frame: Any, report: dict[str, Any]) -> None:
    frame.locator(f'[data-report-id="{report["id"]}"] .rb-list-name').click()
    expect_report(frame, report)


def expect_report(frame: Any, report: dict[str, Any]) -> None:
    expect(frame.get_by_role("heading", level=1)).to_have_text(report["name"])


def expect_list(frame: Any) -> None:
    expect(frame.get_by_test_id("report-list-row").first).to_be_visible()
    expect(frame.get_by_role("heading", level=1, name="Reports")).to_be_visible()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_back_forward_reload_and_a_shared_link_keep_the_report(
    e2e: Any, page: Any, browser: Any, width: int, height: int
) -> None:
    open_to_all = {"people": {"access": "open"}}
    report_a = e2e.create_report({"name": "Nav A", "jql": "project = OPS", **open_to_all})
    report_b = e2e.create_report({"name": "Nav B", "jql": "project = DATA", **open_to_all})
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    expect_list(frame)
    list_url = page.url

    open_from_list(frame, report_a)
    url_a = page.url
    assert url_a != list_url, "opening a report must give it its own address"
    assert report_a["id"] in url_a
    # Report B by its address (a link someone sent), in the same tab.
    url_b = url_a.replace(report_a["id"], report_b["id"])
    page.goto(url_b)
    frame = e2e.host.report_frame(page)
    expect_report(frame, report_b)

    page.go_back()  # B → A
    frame = e2e.host.report_frame(page)
    expect_report(frame, report_a)
    assert page.url == url_a
    page.go_back()  # A → the list the page opened on
    frame = e2e.host.report_frame(page)
    expect_list(frame)
    page.go_forward()  # → A again
    frame = e2e.host.report_frame(page)
    expect_report(frame, report_a)
    assert page.url == url_a

    # A reload keeps the report: the host page's URL carries it into the new frame.
    page.reload()
    frame = e2e.host.report_frame(page)
    expect_report(frame, report_a)

    # The address, opened in a fresh browser context by another permitted user, shows A too.
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        other = context.new_page()
        sign_in(other, e2e.jira_url, "member")
        other.goto(url_a)
        expect_report(e2e.host.report_frame(other), report_a)
    finally:
        context.close()


# The editor has its own address too (issue 12 item 12): Back leaves it for where the user came
# from, but never drops unsaved edits without asking in the host's dialog.
EDITOR = "report-editor"


def open_editor_from_viewer(
    e2e: Any, page: Any, report: dict[str, Any], width: int, height: int
) -> tuple[Any, str]:
    """The report's editor, opened from its viewer (opened by its address); the frame and the
    viewer's URL."""
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin", report["id"])
    expect_report(frame, report)
    viewer_url = page.url
    frame.get_by_role("button", name="Edit", exact=True).click()
    frame.get_by_test_id(EDITOR).wait_for()
    return frame, viewer_url


def expect_editor_url(page: Any, viewer_url: str, report: dict[str, Any]) -> None:
    expect(page).not_to_have_url(viewer_url)
    assert report["id"] in page.url, "the editor's address names its report"


def leave_question(page: Any) -> Any:
    """The app's frame inside the host's modal, once it asks about the unsaved edits."""
    dialog = host_dialog_frame(page)
    expect(dialog.get_by_role("heading", name="Discard unsaved changes?")).to_be_visible()
    assert violations(dialog) == []
    return dialog


def stored_name(e2e: Any, report: dict[str, Any]) -> str:
    return e2e.get_report(report["id"])["name"]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_back_while_editing_asks_before_dropping_unsaved_edits(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Nav edit", "jql": "project = OPS"})
    frame, viewer_url = open_editor_from_viewer(e2e, page, report, width, height)
    expect_editor_url(page, viewer_url, report)
    editor_url = page.url
    renamed = f"{report['name']}, renamed"
    frame.get_by_label("Name (required)").fill(renamed)

    page.go_back()
    dialog = leave_question(page)
    click_closing(dialog.get_by_role("button", name="Cancel"))  # keep editing
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_label("Name (required)")).to_have_value(renamed)
    expect(page).to_have_url(editor_url)

    page.go_back()
    click_closing(leave_question(page).get_by_role("button", name="Discard changes"))
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_test_id(EDITOR)).to_have_count(0)
    expect_report(frame, report)
    expect(page).to_have_url(viewer_url)
    assert stored_name(e2e, report) == report["name"]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_clean_editor_leaves_on_back_and_comes_back_on_forward_and_reload(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Nav clean", "jql": "project = OPS"})
    frame, viewer_url = open_editor_from_viewer(e2e, page, report, width, height)
    expect_editor_url(page, viewer_url, report)
    editor_url = page.url

    page.go_back()  # nothing unsaved: no question
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_test_id(EDITOR)).to_have_count(0)
    expect_report(frame, report)
    expect(page.locator(BACKDROP)).to_have_count(0)
    expect(page).to_have_url(viewer_url)

    page.go_forward()
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_label("Name (required)")).to_have_value(report["name"])
    expect(page).to_have_url(editor_url)

    # A reload (or the address sent to a colleague) opens the editor, not the viewer or the list.
    page.reload()
    frame = e2e.host.report_frame(page)
    frame.get_by_test_id(EDITOR).wait_for()
    expect(frame.get_by_label("Name (required)")).to_have_value(report["name"])


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_back_after_save_does_not_return_into_the_editor(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report({"name": "Nav save", "jql": "project = OPS"})
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_label("Search reports").fill(report["name"])
    open_from_list(frame, report)
    viewer_url = page.url
    frame.get_by_role("button", name="Edit", exact=True).click()
    frame.get_by_test_id(EDITOR).wait_for()
    expect_editor_url(page, viewer_url, report)
    renamed = f"{report['name']}, renamed"
    frame.get_by_label("Name (required)").fill(renamed)
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_test_id(EDITOR)).to_have_count(0)
    expect(frame.get_by_role("heading", level=1)).to_have_text(renamed)
    expect(page).to_have_url(viewer_url)

    page.go_back()  # to the list the report was opened from, not into the editor or a second viewer
    frame = e2e.host.report_frame(page)
    expect_list(frame)
    expect(frame.get_by_test_id(EDITOR)).to_have_count(0)
    assert stored_name(e2e, report) == renamed


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_new_report_has_an_editor_address_that_survives_a_reload(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_label("Search reports").wait_for()
    list_url = page.url
    frame.get_by_role("button", name="Create report").first.click()
    frame.get_by_test_id(EDITOR).wait_for()
    expect(page).not_to_have_url(list_url)
    new_report_url = page.url

    page.reload()
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_role("heading", level=1)).to_have_text("Create report")
    expect(page).to_have_url(new_report_url)

    page.go_back()  # an untouched new report: no question
    frame = e2e.host.report_frame(page)
    expect(frame.get_by_test_id(EDITOR)).to_have_count(0)
    expect(frame.get_by_label("Search reports")).to_be_visible()
    expect(page.locator(BACKDROP)).to_have_count(0)
