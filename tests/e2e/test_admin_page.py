"""The admin page's security contact card (ROLLBOOK_SECURITY_CONTACT, unset on the test stack),
as a Jira administrator sees it at common screen sizes, on both hosts."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_unset_security_contact_is_a_visible_warning_that_fits(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = e2e.host.open_admin(page, "admin")
    card = frame.get_by_test_id("security-contact")
    card.scroll_into_view_if_needed()
    expect(card.get_by_role("heading", name="Security contact")).to_be_visible()
    expect(card.get_by_text("No security contact is configured.")).to_be_visible()
    expect(card.get_by_text("ROLLBOOK_SECURITY_CONTACT")).to_be_visible()
    # Nothing on the page is wider than the frame: no sideways scrolling for the admin.
    assert frame.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    box = card.bounding_box()
    frame_box = frame.frame_element().bounding_box()
    assert box is not None and frame_box is not None
    assert box["x"] >= frame_box["x"]
    assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"] + 1
