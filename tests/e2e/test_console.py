"""The demo's console stays quiet: opening a report on Connect (the list, then the viewer, to a
finished run) logs no warning and no error in any frame, and no request fails. Simple-XDM warned
about every AP.request that was given callbacks, and a missing favicon was a 404."""

from __future__ import annotations

from typing import Any

import pytest

from support.browser import sign_in

pytestmark = [pytest.mark.browser]

SIZES = [(1280, 720), (1920, 1080)]
NOISY = {"warning", "error", "assert"}


def noted(message: Any, messages: list[str]) -> None:
    if message.type in NOISY:
        messages.append(f"{message.type}: {message.text} ({message.location.get('url')})")


def failing(response: Any, failed: list[str]) -> None:
    if response.status >= 400:
        failed.append(f"{response.status} {response.url}")


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_opening_a_report_on_connect_logs_no_warning_or_error(
    e2e: Any, page: Any, points_report: dict[str, Any], width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    messages: list[str] = []
    failed: list[str] = []
    # Signed in first: the dashboard on the way (its gadgets) is not what this test opens.
    sign_in(page, e2e.jira_url, "admin")
    page.on("console", lambda message: noted(message, messages))
    page.on("pageerror", lambda error: messages.append(f"uncaught: {error}"))
    page.on("response", lambda response: failing(response, failed))
    page.goto(e2e.stack.general_page)
    frame = e2e.host.report_frame(page)
    frame.get_by_role("button", name=points_report["name"], exact=True).click()
    status, _ = e2e.wait_for_run(frame)
    assert status == "complete"
    # The browser asks for the site's icon on its own; give it the time to.
    page.wait_for_load_state("networkidle")
    assert messages == [], "\n".join(messages)
    assert failed == []


def test_both_servers_serve_a_favicon(e2e: Any) -> None:
    import httpx

    for url in (e2e.jira_url, e2e.app_url):
        icon = httpx.get(f"{url}/favicon.ico", timeout=10)
        assert icon.status_code == 200, url
        assert icon.headers["content-type"].startswith("image/svg+xml")
