"""Issue 12 item 12: every report has its own URL through the host's history (`AP.history` on
Connect, `view.createHistory` on Forge). Back and Forward move between the list and reports, a
reload keeps the report, and the address opens the same report for another permitted user."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from support.browser import sign_in

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
