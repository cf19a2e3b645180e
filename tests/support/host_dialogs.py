"""The host's modal dialog as a test meets it: Connect's `AP.dialog` and Forge's `Modal` both
draw a backdrop over the whole Jira page, with the app's frame inside asking the question."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

BACKDROP = ".dialog-backdrop"


def host_dialog_frame(page: Any) -> Any:
    """The app's frame inside the host's modal, once it shows its question (an alertdialog) or
    its form (a dialog)."""
    page.wait_for_selector(f"{BACKDROP} iframe", timeout=30_000)
    frame = page.locator(f"{BACKDROP} iframe").element_handle().content_frame()
    frame.locator("[role=alertdialog], [role=dialog]").first.wait_for()
    return frame


def click_closing(button: Any) -> None:
    """Clicks a button that closes the host's dialog, with the page's mouse at its centre (the
    same hit test and events as a user's click). A click made through the button's own frame
    waits for that frame to take the mouse-up; on Forge the frame runs out of process and can be
    gone by then, and the click would hang until its timeout."""
    button.wait_for(state="visible")
    box = button.bounding_box()
    page = button.page
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator(BACKDROP)).to_have_count(0)


def press_closing(page: Any, key: str) -> None:
    """Presses `key` where the focus is, when that closes the dialog. Playwright's press waits for
    the key-up to be delivered, which never happens once the frame that had the focus (an
    out-of-process one on Forge) was removed by the key-down: the key goes up after the dialog
    closed, on the Jira page, as it does for a user."""
    page.keyboard.down(key)
    expect(page.locator(BACKDROP)).to_have_count(0)
    page.keyboard.up(key)
