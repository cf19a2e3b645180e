"""Headless Chromium (Debian's, through Playwright) and the jirasim host page, for browser tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
USER_LABELS = {
    "admin": "Ada Admin (admin@example.com)",
    "member": "Max Member (member@example.com)",
    "outsider": "Olive Outsider (outsider@example.com)",
}


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's Chromium is not installed")


@contextmanager
def chromium_page(**context_options: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(**context_options)
        yield context.new_page()
        browser.close()


def sign_in(page: Any, jira_url: str, user: str) -> None:
    """Acts as a demo user through the host page's user switcher."""
    page.goto(f"{jira_url}/")
    label = USER_LABELS.get(user, user)
    if page.locator("#jirasim-user option:checked").inner_text().strip() == label:
        return  # already this user: selecting again would not navigate
    with page.expect_navigation():
        page.select_option("#jirasim-user", label=label)


def app_frame(page: Any, app_url: str) -> Any:
    page.wait_for_selector('.app-container[data-bridge="established"]', timeout=30_000)
    return next(frame for frame in page.frames if frame.url.startswith(app_url))


def forge_frame(page: Any, container: str = ".app-container[data-host='forge']") -> Any:
    """The Forge app frame inside `container`, once its bridge is established."""
    page.wait_for_selector(f'{container}[data-bridge="established"]', timeout=30_000)
    return page.query_selector(f"{container} iframe").content_frame()


def inside(box: dict[str, float] | None, outer: dict[str, float] | None) -> bool:
    """Whether a bounding box lies within another (1 px of rounding allowed): what the user sees
    of an element is not cut off by its frame or cell."""
    if box is None or outer is None:
        return False
    return (
        box["x"] >= outer["x"] - 1
        and box["y"] >= outer["y"] - 1
        and box["x"] + box["width"] <= outer["x"] + outer["width"] + 1
        and box["y"] + box["height"] <= outer["y"] + outer["height"] + 1
    )
