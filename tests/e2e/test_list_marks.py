"""Issue 12 item 19: after an import, the copy is marked "Imported" with the date in the list, so
two reports of one name can be told apart; the trash says how long it keeps reports and deletes
one forever after a confirmation (in the host's own dialog where it has one). On both hosts, at
two screen sizes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations
from support.browser import inside
from support.host_dialogs import BACKDROP, click_closing, host_dialog_frame

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]


def confirmation(page: Any, frame: Any, title: str) -> Any:
    """Where the question `title` is asked: in the host's own modal (its frame, once it shows
    the question) where the host has one, else in the app's frame. Returns that scope."""
    in_frame = frame.get_by_role("dialog", name=title)
    for _ in range(150):
        if page.locator(f"{BACKDROP} iframe").count():
            host_frame = page.locator(f"{BACKDROP} iframe").element_handle().content_frame()
            host_frame.get_by_role("alertdialog").wait_for()
            expect(host_frame.get_by_role("heading", name=title)).to_be_visible()
            return host_frame
        if in_frame.count():
            return in_frame
        page.wait_for_timeout(200)
    raise AssertionError(f"nobody asked {title!r}")


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_an_imported_copy_is_marked_with_the_date_and_its_file(
    e2e: Any, page: Any, tmp_path: Path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report({"name": "Twin", "jql": "project = ROLL"})
    with e2e.api("admin") as api:
        exported = api.get(f"/api/reports/{report['id']}/export").json()
    file = tmp_path / "twin.rollbook.json"
    file.write_text(json.dumps(exported))

    frame = e2e.open_reports(page, "admin")
    frame.get_by_test_id("import-file").set_input_files(str(file))
    # The options are asked in the host's own dialog.
    dialog = host_dialog_frame(page)
    click_closing(dialog.get_by_role("button", name="Import 1 report"))
    frame.get_by_label("Search reports").fill(report["name"])
    rows = frame.get_by_test_id("report-list-row").filter(has_text=report["name"])
    expect(rows).to_have_count(2)

    copy = frame.locator(
        f"[data-testid='report-list-row']:not([data-report-id='{report['id']}'])"
    ).filter(has_text=report["name"])
    expect(copy).to_have_count(1)
    mark = copy.get_by_test_id("imported-mark")
    expect(mark).to_be_visible()
    expect(mark).to_contain_text("Imported")
    # The date, in the user's locale: this year, and the tooltip names the file.
    expect(mark).to_contain_text(re.compile(r"20\d\d"))
    assert re.fullmatch(
        r"Imported .*20\d\d.* from twin\.rollbook\.json", mark.get_attribute("title") or ""
    )
    expect(
        frame.locator(f"[data-report-id='{report['id']}'] [data-testid='imported-mark']")
    ).to_have_count(0)
    # The mark sits in the name cell, whole, inside the frame.
    assert inside(mark.bounding_box(), copy.locator("td").first.bounding_box())
    assert inside(mark.bounding_box(), frame.frame_element().bounding_box())
    assert violations(frame) == []


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_trash_says_how_long_it_keeps_reports_and_deletes_one_forever(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report({"name": "Old report", "jql": "project = ROLL"})
    with e2e.api("admin") as api:
        assert api.delete(f"/api/reports/{report['id']}").status_code == 204

    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name="Trash").click()
    retention = frame.get_by_test_id("trash-retention")
    expect(retention).to_contain_text(
        "Deleted reports are kept until someone restores them or deletes them forever."
    )
    row = frame.get_by_test_id("trash-row").filter(has_text=report["name"])
    erase = row.get_by_role("button", name=f"Delete forever {report['name']}")
    expect(erase).to_be_visible()
    assert inside(erase.bounding_box(), frame.frame_element().bounding_box())
    assert violations(frame) == []

    # Cancel keeps it.
    erase.click()
    question = confirmation(page, frame, "Delete report forever?")
    expect(question.get_by_text(report["name"])).to_be_visible()
    click_closing(question.get_by_role("button", name="Cancel"))
    expect(frame.get_by_role("dialog")).to_have_count(0)
    with e2e.api("admin") as api:
        assert report["id"] in {r["id"] for r in api.get("/api/trash").json()["items"]}

    erase.click()
    question = confirmation(page, frame, "Delete report forever?")
    click_closing(question.get_by_role("button", name="Delete forever"))
    expect(row).to_have_count(0)
    with e2e.api("admin") as api:
        assert report["id"] not in {r["id"] for r in api.get("/api/trash").json()["items"]}
        assert api.post(f"/api/reports/{report['id']}/restore").status_code == 404
