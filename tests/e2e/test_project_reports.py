"""Issue 12 item 18: a project page lists that project's reports. A report created on a project
page is tagged with the project; it shows on that project's page, not on another project's, and
the general page lists every report. On both hosts, at two screen sizes."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from devstack import APP_KEY
from playwright.sync_api import expect

from support.axe import violations
from support.browser import app_frame, forge_frame, sign_in
from support.hosts import FORGE_PAGE

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]


def open_project_page(e2e: Any, page: Any, project: str, user: str = "admin") -> Any:
    """Rollbook's page in the project's sidebar, as `user`; returns the app frame."""
    sign_in(page, e2e.jira_url, user)
    if e2e.host.name == "connect":
        page.goto(f"{e2e.jira_url}/projects/{project}/apps/{APP_KEY}/project-reports")
        return app_frame(page, e2e.app_url)
    path = e2e.stack.forge["pages"]["project"].replace("{projectKey}", project)
    page.goto(f"{e2e.jira_url}{path}")
    return forge_frame(page, FORGE_PAGE)


def listed(frame: Any, name: str) -> Any:
    return frame.get_by_test_id("report-list-row").filter(has_text=name)


def wait_for_list(frame: Any) -> None:
    """The list has loaded (rows or the empty state), so an absent row is really absent."""
    frame.locator("[data-testid='report-list'], [data-testid='list-empty']").first.wait_for()


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_report_made_on_a_project_page_is_listed_only_there_and_on_the_general_page(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    name = f"Roll work {uuid.uuid4().hex[:6]}"

    frame = open_project_page(e2e, page, "ROLL")
    expect(frame.get_by_test_id("project-scope")).to_contain_text("ROLL")
    wait_for_list(frame)
    assert violations(frame) == []
    frame.get_by_role("button", name="Create report").first.click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_label("Name (required)").fill(name)
    # Made here: the report is tagged with the project, and the tag can be edited.
    tags = frame.get_by_test_id("project-tag")
    expect(tags).to_have_count(1)
    expect(tags.first).to_contain_text("ROLL")
    expect(tags.first.get_by_role("button", name="Remove project ROLL")).to_be_visible()
    assert violations(frame) == []
    frame.get_by_role("button", name="Save", exact=True).click()
    expect(frame.get_by_role("heading", name=name)).to_be_visible()
    frame.get_by_role("button", name="← Reports").click()
    row = listed(frame, name)
    expect(row).to_have_count(1)
    report_id = row.get_attribute("data-report-id")
    assert e2e.get_report(report_id)["projects"] == ["ROLL"]
    # The row fits the frame: nothing of it is cut off at the right edge.
    box, frame_box = row.bounding_box(), frame.frame_element().bounding_box()
    assert box is not None and frame_box is not None
    assert box["x"] >= frame_box["x"] - 1
    assert box["x"] + box["width"] <= frame_box["x"] + frame_box["width"] + 1

    frame = open_project_page(e2e, page, "WEB")
    wait_for_list(frame)
    expect(listed(frame, name)).to_have_count(0)

    frame = e2e.open_reports(page, "admin")
    wait_for_list(frame)
    expect(listed(frame, name)).to_have_count(1)


def test_editing_the_projects_moves_a_report_to_another_project_page(e2e: Any, page: Any) -> None:
    report = e2e.create_report({"name": "Tagged WEB", "jql": "project = WEB", "projects": ["WEB"]})
    frame = open_project_page(e2e, page, "WEB")
    listed(frame, report["name"]).get_by_role("button", name=f"Edit {report['name']}").click()
    frame.get_by_test_id("report-editor").wait_for()
    frame.get_by_role("button", name="Remove project WEB").click()
    frame.get_by_label("Projects").fill("roll")
    frame.get_by_role("button", name="Add project").click()
    frame.get_by_role("button", name="Save", exact=True).click()
    # Saved: the editor gives way to the viewer.
    expect(frame.get_by_test_id("report-editor")).to_have_count(0)
    assert e2e.get_report(report["id"])["projects"] == ["ROLL"]

    frame = open_project_page(e2e, page, "WEB")
    wait_for_list(frame)
    expect(listed(frame, report["name"])).to_have_count(0)
    frame = open_project_page(e2e, page, "ROLL")
    expect(listed(frame, report["name"])).to_have_count(1)
