"""Confirmations and the dialogs with a small form (import options, a save conflict, the admin
page's purge) open in the host's own modal (Connect's AP.dialog, Forge's Modal), so the backdrop
covers the whole Jira page, not only the app's iframe: measured at common screen sizes on both
hosts, with the question, Cancel, confirm, Escape, Enter and the form's choices checked against
the server."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from jirasim.dataset import DEMO_ADMIN
from support.axe import violations
from support.browser import inside
from support.host_dialogs import BACKDROP, click_closing, host_dialog_frame, press_closing
from support.reports import editable

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]


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

    click_closing(dialog.get_by_role("button", name="Cancel"))
    assert not in_trash(e2e, report["id"])


@pytest.mark.parametrize("answer", ["confirm", "escape"])
def test_confirming_moves_the_report_to_trash_and_escape_does_not(
    e2e: Any, page: Any, answer: str
) -> None:
    report = e2e.create_report({"name": "Dialog answer", "jql": "project = OPS"})
    frame = ask_to_delete(e2e, page, report)
    dialog = host_dialog_frame(page)
    if answer == "confirm":
        click_closing(dialog.get_by_role("button", name="Move to trash"))
    else:
        dialog.get_by_role("button", name="Cancel").focus()
        press_closing(page, "Escape")
    expect(page.locator(BACKDROP)).to_have_count(0)
    if answer == "confirm":
        expect(frame.get_by_role("button", name=f"Delete {report['name']}")).to_have_count(0)
        assert in_trash(e2e, report["id"])
    else:
        assert not in_trash(e2e, report["id"])


# --- dialogs with a form: import options, a save conflict, the purge -------------------------


def covers_the_page(page: Any, width: int, height: int) -> None:
    """The host's backdrop spans the viewport and lies over the Jira page's own header."""
    backdrop = page.locator(BACKDROP).bounding_box()
    assert backdrop == {"x": 0, "y": 0, "width": width, "height": height}
    assert page.evaluate(f"document.elementFromPoint(5, 5).closest('{BACKDROP}') !== null")


def focus_is_in_the_dialog(page: Any) -> bool:
    """Keyboard focus went into the dialog's frame: keys go there, not to the page beneath."""
    return page.evaluate(
        f"document.activeElement?.tagName === 'IFRAME'"
        f" && document.activeElement.closest('{BACKDROP}') !== null"
    )


@dataclass(frozen=True)
class FormDialog:
    title: str
    confirm: str
    # Makes the app ask; returns what `answer` needs.
    open: Callable[[Any, Any, Path], dict[str, Any]]
    # Fills the form in the dialog's frame, confirms, and checks what reached the server.
    answer: Callable[[Any, Any, Any, dict[str, Any]], None]


def open_import(e2e: Any, page: Any, tmp_path: Path) -> dict[str, Any]:
    # Shared with everyone: "keep" would import it open; only "importer_only" makes it private.
    report = e2e.create_report(
        {
            "name": f"Import form check {uuid.uuid4().hex[:8]}",
            "jql": "project = OPS",
            "people": {"access": "open"},
        }
    )
    with e2e.api("admin") as api:
        exported = api.get(f"/api/reports/{report['id']}/export").json()
    file = tmp_path / "shared.rollbook.json"
    file.write_text(json.dumps(exported))
    frame = e2e.open_reports(page, "admin")
    frame.get_by_test_id("import-file").set_input_files(str(file))
    return {"report": report, "frame": frame}


def answer_import(e2e: Any, page: Any, dialog: Any, state: dict[str, Any]) -> None:
    report = state["report"]
    expect(dialog.get_by_text("shared.rollbook.json holds 1 report.")).to_be_visible()
    people = dialog.get_by_role("group", name="People")
    keep = people.get_by_role("radio", name="Keep access, administrators and viewers")
    expect(keep).to_be_checked()
    expect(dialog.get_by_role("checkbox", name="Keep report ids")).not_to_be_checked()
    people.get_by_role("radio", name="Make me the only administrator").check()
    click_closing(dialog.get_by_role("button", name="Import 1 report"))

    frame = state["frame"]
    frame.get_by_label("Search reports").fill(report["name"])
    expect(frame.get_by_test_id("report-list-row").filter(has_text=report["name"])).to_have_count(
        2, timeout=30_000
    )
    with e2e.api("admin") as api:
        listed = api.get("/api/reports", params={"limit": 100, "search": report["name"]}).json()
    copies = [r for r in listed["items"] if r["name"] == report["name"] and r["id"] != report["id"]]
    assert len(copies) == 1  # a new id: "Keep report ids" stayed unchecked
    copy = e2e.get_report(copies[0]["id"])
    assert copy["people"]["access"] == "private"
    assert copy["people"]["administrators"] == [DEMO_ADMIN.account_id]


def open_conflict(e2e: Any, page: Any, tmp_path: Path) -> dict[str, Any]:
    report = e2e.create_report({"name": "Conflict form check", "jql": "project = OPS"})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name=f"Edit {report['name']}", exact=True).click()
    expect(frame.get_by_label("Name (required)")).to_have_value(report["name"])
    theirs = f"{report['name']} (their edit)"
    with e2e.api("admin") as api:
        saved = api.put(
            f"/api/reports/{report['id']}",
            json=editable(report, name=theirs, jql="project = DATA", version=1),
        )
    assert saved.status_code == 200, saved.text
    frame.get_by_label("Description").fill("mine, made on version 1")
    frame.get_by_role("button", name="Save", exact=True).click()
    return {"report": report, "frame": frame, "theirs": theirs}


def answer_conflict(e2e: Any, page: Any, dialog: Any, state: dict[str, Any]) -> None:
    expect(dialog.get_by_text("Ada Admin saved this report since you opened it.")).to_be_visible()
    click_closing(dialog.get_by_role("button", name="Reload their version"))
    frame = state["frame"]
    expect(frame.get_by_label("Name (required)")).to_have_value(state["theirs"], timeout=30_000)
    expect(frame.get_by_label("Description")).to_have_value("")
    expect(frame.get_by_test_id("unsaved-indicator")).to_have_count(0)
    assert e2e.get_report(state["report"]["id"])["description"] == ""


def purge_requests(e2e: Any, page: Any) -> list[str]:
    """Records the site URL each purge request carries as it leaves the browser, then spoils it
    on the way so the server refuses: the shared test stack must keep its data. The refusal is
    the server's own, shown in the opener's frame."""
    typed: list[str] = []

    def spoil(body: dict[str, Any]) -> dict[str, Any]:
        typed.append(body["confirm_site_url"])
        return {**body, "confirm_site_url": "https://not-this-site.invalid"}

    if e2e.host.name == "connect":

        def on_connect(route: Any) -> None:
            route.continue_(post_data=json.dumps(spoil(json.loads(route.request.post_data))))

        page.route(f"{e2e.app_url}/api/admin/purge", on_connect)
    else:

        def on_forge(route: Any) -> None:
            sent = json.loads(route.request.post_data or "{}")
            call = sent.get("call", {})
            if call.get("path") == "/api/admin/purge":
                sent = {**sent, "call": {**call, "body": spoil(call["body"])}}
            route.continue_(post_data=json.dumps(sent))

        page.route(f"{e2e.jira_url}/_jirasim/forge/invoke", on_forge)
    return typed


def open_purge(e2e: Any, page: Any, tmp_path: Path) -> dict[str, Any]:
    typed = purge_requests(e2e, page)
    frame = e2e.host.open_admin(page, "admin")
    frame.get_by_role("button", name="Remove all Rollbook data…").click()
    return {"frame": frame, "typed": typed}


def answer_purge(e2e: Any, page: Any, dialog: Any, state: dict[str, Any]) -> None:
    site = e2e.jira_url
    remove = dialog.get_by_role("button", name="Remove permanently")
    field = dialog.get_by_label("Site URL")
    # Focus starts in the field: what the user types goes there.
    expect(field).to_be_focused()
    expect(remove).to_be_disabled()
    page.keyboard.type("https://other.atlassian.net")
    expect(remove).to_be_disabled()
    page.keyboard.press("Enter")  # not the site's URL: Enter does nothing
    expect(dialog.get_by_role("heading", name="Remove all Rollbook data?")).to_be_visible()
    field.fill("")
    page.keyboard.type(f"{site}/")
    expect(remove).to_be_enabled()
    press_closing(page, "Enter")
    # The typed URL went out; the server's refusal shows in the admin page's own frame.
    frame = state["frame"]
    banner = frame.locator('[data-testid="error-banner"][data-kind="purge"]')
    # Through the host and the server, on a busy machine: more than expect's default 5 s.
    expect(banner).to_contain_text("type the site URL exactly", timeout=30_000)
    assert state["typed"] == [site]
    assert e2e.stack.tenant().installed


FORM_DIALOGS = {
    "import": FormDialog("Import reports", "Import 1 report", open_import, answer_import),
    "conflict": FormDialog(
        "This report changed", "Reload their version", open_conflict, answer_conflict
    ),
    "purge": FormDialog(
        "Remove all Rollbook data?", "Remove permanently", open_purge, answer_purge
    ),
}


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("kind", list(FORM_DIALOGS))
def test_a_form_dialog_covers_the_whole_page_and_its_answer_reaches_the_server(
    e2e: Any, page: Any, tmp_path: Path, kind: str, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    form = FORM_DIALOGS[kind]
    state = form.open(e2e, page, tmp_path)

    covers_the_page(page, width, height)
    dialog = host_dialog_frame(page)
    expect(dialog.get_by_role("heading", name=form.title)).to_be_visible()
    assert focus_is_in_the_dialog(page)
    # The whole form and its buttons show without scrolling, inside the dialog's frame.
    confirm = dialog.get_by_role("button", name=form.confirm)
    frame_box = dialog.frame_element().bounding_box()
    assert inside(confirm.bounding_box(), frame_box)
    assert inside(frame_box, {"x": 0, "y": 0, "width": width, "height": height})
    assert dialog.evaluate(
        "document.scrollingElement.scrollHeight <= document.scrollingElement.clientHeight"
    )
    assert violations(dialog) == []
    form.answer(e2e, page, dialog, state)


@pytest.mark.parametrize("kind", list(FORM_DIALOGS))
def test_escape_in_a_form_dialog_cancels_it(e2e: Any, page: Any, tmp_path: Path, kind: str) -> None:
    form = FORM_DIALOGS[kind]
    state = form.open(e2e, page, tmp_path)
    dialog = host_dialog_frame(page)
    expect(dialog.get_by_role("heading", name=form.title)).to_be_visible()
    press_closing(page, "Escape")
    frame = state["frame"]
    if kind == "import":
        with e2e.api("admin") as api:
            listed = api.get(
                "/api/reports", params={"limit": 100, "search": state["report"]["name"]}
            )
        assert [r["id"] for r in listed.json()["items"]] == [state["report"]["id"]]
    elif kind == "conflict":
        # Keep editing: the edit stays, and the banner explains the conflict.
        expect(frame.get_by_label("Description")).to_have_value("mine, made on version 1")
        banner = frame.locator('[data-testid="error-banner"][data-kind="conflict"]')
        expect(banner).to_contain_text("Saving now would replace their changes.")
    else:
        assert state["typed"] == []
        expect(frame.get_by_test_id("error-banner")).to_have_count(0)
