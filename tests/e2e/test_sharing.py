"""Brief items 6 and 7: a stale save is refused with a conflict message instead of overwriting
someone else's edit, and a private report stays private — from its link and from the list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from support.host_dialogs import click_closing, host_dialog_frame
from support.reports import editable

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]


def test_stale_save_shows_a_conflict_and_does_not_overwrite(e2e, page) -> None:
    report = e2e.create_report({"name": "Conflict", "jql": "project = OPS"})
    frame = e2e.open_reports(page, "admin")
    frame.get_by_role("button", name=f"Edit {report['name']}", exact=True).click()
    frame.get_by_test_id("report-editor").wait_for()
    expect(frame.get_by_label("Name (required)")).to_have_value(report["name"])

    # Meanwhile the report changes on the server (another tab, another admin: the API).
    theirs_name = f"{report['name']} (their edit)"
    with e2e.api("admin") as api:
        response = api.put(
            f"/api/reports/{report['id']}",
            json=editable(report, name=theirs_name, jql="project = DATA", version=1),
        )
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2

    frame.get_by_label("Description").fill("my edit, made on version 1")
    expect(frame.get_by_test_id("unsaved-indicator")).to_be_visible()
    frame.get_by_role("button", name="Save", exact=True).click()
    # The conflict is explained in the host's own dialog (its backdrop covers the Jira page).
    dialog = host_dialog_frame(page)
    expect(dialog.get_by_role("heading", name="This report changed")).to_be_visible()
    expect(dialog.get_by_text("Ada Admin saved this report since you opened it.")).to_be_visible()

    stored = e2e.get_report(report["id"])
    assert stored["version"] == 2
    assert stored["name"] == theirs_name
    assert stored["jql"] == "project = DATA"
    assert stored["description"] == ""  # not overwritten by the stale save

    # Keep editing: the edit is still there, unsaved, with the conflict explained in a banner.
    click_closing(dialog.get_by_role("button", name="Keep editing"))
    banner = frame.locator('[data-testid="error-banner"][data-kind="conflict"]')
    expect(banner).to_contain_text("Saving now would replace their changes.")
    expect(frame.get_by_label("Description")).to_have_value("my edit, made on version 1")
    expect(frame.get_by_test_id("unsaved-indicator")).to_be_visible()
    # Reloading their version discards mine and shows theirs.
    banner.get_by_role("button", name="Reload their version").click()
    expect(frame.get_by_label("Name (required)")).to_have_value(theirs_name)
    expect(frame.get_by_label("Description")).to_have_value("")
    expect(frame.get_by_test_id("jql-input")).to_have_value("project = DATA")
    expect(frame.get_by_test_id("unsaved-indicator")).to_have_count(0)
    assert e2e.get_report(report["id"])["version"] == 2


def test_an_outsider_cannot_open_or_list_a_private_report(e2e, page) -> None:
    private = e2e.create_report({"name": "Private to Ada", "jql": "project = ROLL"})
    shared = e2e.create_report(
        {"name": "Open to all", "jql": "project = OPS", "people": {"access": "open"}}
    )
    assert private["people"]["access"] == "private"

    # The link to the private report (AP.navigator's `ac.report`), opened by the outsider.
    since = e2e.last_request_seq()
    frame = e2e.open_reports(page, "outsider", report_id=private["id"])
    banner = frame.get_by_test_id("error-banner")
    expect(banner).to_have_attribute("data-kind", "permission")
    expect(banner).to_contain_text("No permission")
    expect(banner).to_contain_text("You don't have permission to view this report.")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Report")
    assert private["name"] not in frame.locator("body").inner_text()
    expect(frame.get_by_test_id("report-table")).to_have_count(0)
    expect(frame.get_by_test_id("progress")).to_have_count(0)
    # Not one issue was asked of Jira for it.
    assert e2e.request_log(since=since, path_prefix="/rest/api/3/search") == []

    # The outsider's list shows the open report, not the private one.
    frame.get_by_role("button", name="← Reports").click()
    rows = frame.get_by_test_id("report-list-row")
    expect(rows.filter(has_text=shared["name"])).to_have_count(1)
    ids = rows.evaluate_all("rows => rows.map(r => r.dataset.reportId)")
    assert shared["id"] in ids and private["id"] not in ids
    expect(frame.get_by_text(private["name"])).to_have_count(0)

    # The server agrees: no read, and not listed.
    with e2e.api("outsider") as api:
        assert api.get(f"/api/reports/{private['id']}").status_code == 403
        listed = api.get("/api/reports", params={"limit": 100}).json()["items"]
    assert private["id"] not in {r["id"] for r in listed}
