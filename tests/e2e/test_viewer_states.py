"""Issue 12, the viewer page: item 10 (the completeness line says how many issues the report's
filters hide), item 16 (each empty and error state has a message and a way forward, and no
empty table frame), "Look" (one primary action, the rest in an accessible "…" menu) and, from
item 13, focus on the report's heading when it opens. Both hosts, at 1280x720 and 1920x1080."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import expect

from support.axe import violations

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
size = pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])

STORY_POINTS = "customfield_10016"
OPEN = {"people": {"access": "open"}}
FILTERED = {
    "name": "Filtered",
    "jql": "project in (ROLL, WEB)",
    "columns": [{"field": "summary"}, {"field": STORY_POINTS, "aggregation": "sum"}],
    "filtering_rules": [
        {"field": "status", "operator": "not_equals", "operands": ["Done"]},
        {"field": STORY_POINTS, "operator": "is_not_empty", "operands": []},
    ],
}
NO_ISSUES_JQL = 'project = ROLL AND created < "1990-01-01"'
BAD_JQL = "project = ROLL AND nosuchfield = 1"
NO_SUCH_SUMMARY = {"field": "summary", "operator": "equals", "operands": ["no issue has this"]}
JIRA_SEARCH = "**/rest/api/3/search/**"


def open_viewer(e2e: Any, page: Any, user: str, report_id: str, width: int, height: int) -> Any:
    page.set_viewport_size({"width": width, "height": height})
    return e2e.open_reports(page, user, report_id=report_id)


@size
def test_the_completeness_line_says_how_many_issues_the_filters_hide(
    e2e: Any, page: Any, width: int, height: int
) -> None:
    report = e2e.create_report(FILTERED)
    issues = e2e.issues(report["jql"], ["status", STORY_POINTS])
    shown = [
        issue
        for issue in issues
        if issue["fields"]["status"]["name"] != "Done"
        and issue["fields"].get(STORY_POINTS) is not None
    ]
    hidden = len(issues) - len(shown)
    assert 0 < hidden < len(issues)

    frame = open_viewer(e2e, page, "admin", report["id"], width, height)
    status, text = e2e.wait_for_run(frame)
    assert status == "complete"
    assert text == (
        f"All {len(issues):,} issues loaded. "
        f"{hidden:,} {'issue' if hidden == 1 else 'issues'} hidden by the report's 2 filters"
    )
    expect(frame.get_by_test_id("hidden-by-filters")).to_be_in_viewport()


def _no_issues(e2e: Any) -> dict[str, Any]:
    return e2e.create_report({"name": "Nothing", "jql": NO_ISSUES_JQL, **OPEN})


def _all_filtered(e2e: Any) -> dict[str, Any]:
    definition = {
        "name": "All hidden",
        "jql": "project = ROLL",
        "filtering_rules": [NO_SUCH_SUMMARY],
    }
    return e2e.create_report({**definition, **OPEN})


def _bad_jql(e2e: Any) -> dict[str, Any]:
    return e2e.create_report({"name": "Broken", "jql": BAD_JQL, **OPEN})


def _private(e2e: Any) -> dict[str, Any]:
    return e2e.create_report({"name": "Private", "jql": "project = ROLL"})


def _missing(e2e: Any) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "name": "Report", "jql": ""}


def _plain(e2e: Any) -> dict[str, Any]:
    return e2e.create_report({"name": "Plain", "jql": "project = OPS", **OPEN})


def _abort(page: Any) -> None:
    page.route(JIRA_SEARCH, lambda route: route.abort("connectionrefused"))


def _rate_limit(page: Any) -> None:
    # A pause longer than the client will wait: it stops at once and says why.
    page.route(
        JIRA_SEARCH,
        lambda route: route.fulfill(
            status=429, headers={"Retry-After": "3600"}, json={"errorMessages": ["Rate limited"]}
        ),
    )


# state, report maker, user, Jira fault, title, the way forward
STATES = [
    ("no_issues", _no_issues, "admin", None, "No issues match this report's JQL", "edit-jql"),
    ("no_issues", _no_issues, "member", None, "No issues match this report's JQL", "ask-admin"),
    (
        "all_filtered",
        _all_filtered,
        "admin",
        None,
        "The report's filters hide every issue",
        "edit-filters",
    ),
    (
        "all_filtered",
        _all_filtered,
        "member",
        None,
        "The report's filters hide every issue",
        "ask-admin",
    ),
    ("jql", _bad_jql, "admin", None, "Jira rejected the report's JQL", "edit-jql"),
    ("jql", _bad_jql, "member", None, "Jira rejected the report's JQL", "ask-admin"),
    ("permission", _private, "member", None, "No permission", "back"),
    ("not_found", _missing, "admin", None, "Report not found", "back"),
    ("unreachable", _plain, "admin", _abort, "Jira could not be reached", "retry"),
    ("rate_limited", _plain, "admin", _rate_limit, "Jira is rate limiting", "retry"),
]


@size
@pytest.mark.parametrize(
    ("state", "make_report", "user", "fault", "title", "way_forward"),
    STATES,
    ids=[f"{s[0]}-{s[2]}" for s in STATES],
)
def test_each_empty_and_error_state_explains_itself_and_offers_a_way_forward(
    e2e: Any,
    page: Any,
    width: int,
    height: int,
    state: str,
    make_report: Any,
    user: str,
    fault: Any,
    title: str,
    way_forward: str,
) -> None:
    report = make_report(e2e)
    if fault:
        fault(page)
    frame = open_viewer(e2e, page, user, report["id"], width, height)
    notice = frame.get_by_test_id("viewer-notice")
    expect(notice).to_have_attribute("data-state", state, timeout=60_000)
    expect(notice).to_contain_text(title)
    # The message is the screen: in view at the top, with no empty table frame around nothing.
    expect(notice).to_be_in_viewport(ratio=1)
    expect(frame.get_by_test_id("report-scroller")).to_have_count(0)
    expect(frame.get_by_test_id("report-table")).to_have_count(0)
    assert violations(frame) == [], state
    # And with the toolbar's "…" menu open.
    frame.get_by_test_id("more-actions").click()
    expect(frame.get_by_role("menu", name="More actions")).to_be_visible()
    assert violations(frame) == [], f"{state}, menu open"
    page.keyboard.press("Escape")

    if way_forward == "ask-admin":
        # People who can't edit the report are told whom to ask, by name.
        expect(notice.get_by_test_id("ask-admin")).to_contain_text("Ada Admin")
        expect(notice.get_by_role("button", name="Edit JQL")).to_have_count(0)
        return
    if fault:
        page.unroute(JIRA_SEARCH)  # Jira answers again
    notice.get_by_test_id(f"notice-{way_forward}").click()
    if way_forward in ("edit-jql", "edit-filters"):
        # The editor opens on its General pane, with the report's JQL.
        frame.get_by_test_id("report-editor").wait_for()
        expect(frame.get_by_role("tab", name="General")).to_have_attribute("aria-selected", "true")
        expect(frame.get_by_test_id("jql-input")).to_have_value(report["jql"])
    elif way_forward == "back":
        expect(frame.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    else:
        with_issues = len(e2e.issues(report["jql"], ["summary"]))
        assert e2e.wait_for_run(frame) == ("complete", f"All {with_issues:,} issues loaded")
        expect(frame.get_by_test_id("viewer-notice")).to_have_count(0)
        expect(frame.get_by_test_id("report-table")).to_be_visible()


@size
@pytest.mark.parametrize(
    ("user", "primary"), [("admin", "Edit"), ("member", "Refresh")], ids=["editor", "viewer"]
)
def test_the_toolbar_has_one_primary_action_and_a_keyboard_menu_for_the_rest(
    e2e: Any, page: Any, width: int, height: int, user: str, primary: str
) -> None:
    report = e2e.create_report({**FILTERED, "grouping_rules": [{"field": "status"}], **OPEN})
    frame = open_viewer(e2e, page, user, report["id"], width, height)
    assert e2e.wait_for_run(frame)[0] == "complete"
    toolbar = frame.get_by_role("toolbar", name="Report actions")
    expect(toolbar.locator(".rb-button--primary")).to_have_text([primary])

    # Focus goes to the report's name when the report opens (screen readers start there).
    heading = frame.get_by_role("heading", level=1)
    expect(heading).to_have_text(report["name"])
    expect(heading).to_be_focused()

    more = toolbar.get_by_role("button", name="More actions")
    expect(more).to_have_attribute("aria-haspopup", "menu")
    expect(more).to_have_attribute("aria-expanded", "false")
    more.focus()
    page.keyboard.press("ArrowDown")
    menu = frame.get_by_role("menu", name="More actions")
    expect(menu).to_be_visible()
    expect(more).to_have_attribute("aria-expanded", "true")
    items = menu.get_by_role("menuitem")
    names = ["Refresh", "Expand all", "Collapse all", "Print"] if user == "admin" else []
    names = names or ["Expand all", "Collapse all", "Print"]
    expect(items).to_have_text(names)
    expect(items.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("End")
    expect(items.last).to_be_focused()
    page.keyboard.press("ArrowDown")  # wraps to the first
    expect(items.first).to_be_focused()
    # The open menu lies inside the frame (axe checks it in the state test: a report table
    # carries other checks of its own).
    box, frame_box = menu.bounding_box(), frame.frame_element().bounding_box()
    assert box is not None and frame_box is not None
    assert (
        box["x"] >= frame_box["x"]
        and box["x"] + box["width"] <= frame_box["x"] + frame_box["width"]
    )
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    expect(more).to_be_focused()

    # Choosing an action works from the keyboard: Collapse all leaves the group rows only.
    page.keyboard.press("Enter")
    menu.get_by_role("menuitem", name="Collapse all").focus()
    page.keyboard.press("Enter")
    expect(frame.locator('[data-testid="row-group"][aria-expanded="true"]')).to_have_count(0)
    expect(more).to_be_focused()
