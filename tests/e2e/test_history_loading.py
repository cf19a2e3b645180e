"""Issue 14, loading (helper C): a report with history fields loads every issue's changelog through
the fetch planner — `changelog/bulkfetch` on Forge, `expand=changelog` on Connect — and a storm
of 429s on the changelog routes (jirasim faults limited to those `paths`) does not stop it: the
report completes, says exactly how many changelogs are missing, and leaves those issues' history
cells empty, never 0. Both hosts, 1280x720 and 1920x1080."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from e2e.conftest import USERS, basic_auth
from support.axe import violations
from support.jira_changelogs import BULK_CHANGELOG_PATH as BULK_PATH
from support.jira_changelogs import BULK_ISSUES, status_histories

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

SIZES = [(1280, 720), (1920, 1080)]
JQL = "project = OPS"
# The "changelog 429 storm": both changelog routes, search and everything else left alone.
CHANGELOG_PATHS = [BULK_PATH, "/rest/api/3/issue/*/changelog"]
# jirasim embeds at most this many histories with expand=changelog (search_routes.py).
FIRST_BULK_GROUP = 100  # the client's first bulkfetch group (client/src/jira/changelogs.ts)
EXPANDED_HISTORIES = 20
# The client's retries of one rate-limited request (DEFAULT_RETRY_POLICY), plus the first try.
RATE_LIMIT_TRIES = 8 + 1
IN_PROGRESS = "10001"  # jirasim's "In Progress" status id
TIME_IN_PROGRESS = f"history_time_in_status_{IN_PROGRESS}"
TRANSITIONS = "history_transitions"
DEFINITION: dict[str, Any] = {
    "name": "Time in progress",
    "jql": JQL,
    "columns": [{"field": "summary"}, {"field": TIME_IN_PROGRESS}, {"field": TRANSITIONS}],
}


@pytest.fixture
def faults_off(e2e: Any) -> Iterator[None]:
    yield
    e2e.stack.set_faults(
        rate_429=0.0, rate_5xx=0.0, seed=0, latency_ms=0, retry_after_seconds=1, paths=[]
    )


def bulk_groups(issues: int) -> int:
    """The client's bulkfetch requests for `issues` (one page each): the first 100 ids alone,
    for fast first rows, then 1,000 at a time."""
    if issues == 0:
        return 0
    return 1 + math.ceil(max(0, issues - FIRST_BULK_GROUP) / BULK_ISSUES)


def status_changes(e2e: Any, ids: list[str]) -> dict[str, int]:
    """Status items per issue id (the engine's "Transitions"), from bulkfetch as the admin."""
    with httpx.Client(
        base_url=e2e.jira_url, headers=basic_auth(USERS["admin"]), timeout=30
    ) as jira:
        histories = status_histories(jira.post, ids, page_size=10000)
    return {
        issue_id: sum(
            item["field"] == "status"
            for history in histories.get(issue_id, [])
            for item in history["items"]
        )
        for issue_id in ids
    }


def longest_changelog(e2e: Any, issues: list[dict[str, Any]]) -> int:
    """The most change histories any of `issues` has (all fields), as `expand=changelog` counts."""
    most = 0
    with httpx.Client(base_url=e2e.jira_url, headers=basic_auth(USERS["admin"])) as jira:
        for issue in issues:
            response = jira.get(f"/rest/api/3/issue/{issue['id']}/changelog", timeout=30)
            response.raise_for_status()
            most = max(most, response.json()["total"])
    return most


def open_report(e2e: Any, page: Any, width: int, height: int) -> tuple[dict[str, Any], Any]:
    page.set_viewport_size({"width": width, "height": height})
    report = e2e.create_report(DEFINITION)
    frame = e2e.open_reports(page, "admin")
    frame.get_by_test_id("report-list").wait_for()
    return report, frame


def run(e2e: Any, frame: Any, report: dict[str, Any]) -> tuple[str, str]:
    frame.locator(f'[data-report-id="{report["id"]}"]').get_by_role(
        "button", name=report["name"], exact=True
    ).click()
    return e2e.wait_for_run(frame, timeout=180_000)


def issue_rows(e2e: Any, frame: Any) -> dict[str, dict[str, str]]:
    """Each issue row's cells by issue key (no grouping: one row per issue)."""
    rows = e2e.collect_rows(frame)
    return {row["issueKey"]: row["cells"] for row in rows if row["kind"] == "row-issue"}


def changelog_requests(log: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        e
        for e in log
        if e["path"] == BULK_PATH
        or (e["path"].startswith("/rest/api/3/issue/") and e["path"].endswith("/changelog"))
    ]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_history_report_loads_every_changelog(
    e2e: Any, page: Any, host_name: str, width: int, height: int, faults_off: None
) -> None:
    issues = e2e.issues(JQL, ["summary"])
    changes = status_changes(e2e, [issue["id"] for issue in issues])
    report, frame = open_report(e2e, page, width, height)
    since = e2e.last_request_seq()

    assert run(e2e, frame, report) == ("complete", f"All {len(issues):,} issues loaded")
    expect(frame.get_by_test_id("changelogs-missing")).to_have_count(0)
    cells = issue_rows(e2e, frame)
    # Every issue's transitions match its changelog in Jira: each was loaded whole.
    assert {key: row[TRANSITIONS] for key, row in cells.items()} == {
        issue["key"]: str(changes[issue["id"]]) for issue in issues
    }
    assert all(row[TIME_IN_PROGRESS] != "" for row in cells.values())

    requests = changelog_requests(e2e.request_log(since=since, path_prefix="/rest/api/3/"))
    if host_name == "forge":
        # One bulkfetch per 1,000 issues (one page each: OPS has far fewer than 10,000 changes).
        assert [e["path"] for e in requests] == [BULK_PATH] * bulk_groups(len(issues))
    else:
        # Connect may not call bulkfetch: the changelogs came with the field pages, whole,
        # since no OPS issue has more changes than jirasim embeds.
        assert longest_changelog(e2e, issues) <= EXPANDED_HISTORIES
        assert requests == []


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_changelog_429_storm_completes_and_says_what_is_missing(
    e2e: Any, page: Any, host_name: str, width: int, height: int, faults_off: None
) -> None:
    issues = e2e.issues(JQL, ["summary"])
    total = len(issues)
    changes = status_changes(e2e, [issue["id"] for issue in issues])
    report, frame = open_report(e2e, page, width, height)
    since = e2e.last_request_seq()
    # Every changelog request is limited, with Retry-After 0 so the retries run out quickly.
    e2e.stack.set_faults(rate_429=1.0, retry_after_seconds=0, seed=0, paths=CHANGELOG_PATHS)

    status, text = run(e2e, frame, report)
    log = e2e.request_log(since=since, path_prefix="/rest/api/3/")
    e2e.stack.set_faults(rate_429=0.0, seed=0, paths=[])

    # The storm did not stop the report: every issue is on the table.
    assert (status, text) == ("complete", f"All {total:,} issues loaded")
    expect(frame.get_by_test_id("error-banner")).to_have_count(0)
    cells = issue_rows(e2e, frame)
    assert set(cells) == {issue["key"] for issue in issues}
    # Search and everything else answered: the faults hit the changelog routes only.
    assert all(e["status"] == 200 for e in log if e not in changelog_requests(log))

    if host_name == "forge":
        # Each bulkfetch was tried and retried until the client gave up: no changelog came, and
        # the page says so with the exact count; every history cell is empty, not 0.
        requests = changelog_requests(log)
        assert len(requests) == bulk_groups(total) * RATE_LIMIT_TRIES
        assert all(e["status"] == 429 and e["fault"] for e in requests)
        expect(frame.get_by_test_id("changelogs-missing")).to_have_text(
            f"Changelogs for 0 of {total:,} issues; history fields are empty for the other "
            f"{total:,} (Jira kept limiting the request rate)."
        )
        assert all(row[TIME_IN_PROGRESS] == "" and row[TRANSITIONS] == "" for row in cells.values())
    else:
        # On Connect the changelogs come with the field pages; jirasim's OPS issues all fit in
        # what it embeds, so the storm found no changelog request to limit and none is missing.
        assert changelog_requests(log) == []
        expect(frame.get_by_test_id("changelogs-missing")).to_have_count(0)
        assert {key: row[TRANSITIONS] for key, row in cells.items()} == {
            issue["key"]: str(changes[issue["id"]]) for issue in issues
        }
    assert violations(frame) == []
