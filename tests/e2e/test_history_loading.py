"""Issue 14, loading (helper C): a report with history fields loads every issue's changelog through
the fetch planner — `changelog/bulkfetch` on Forge, `expand=changelog` on Connect, plus
`GET /issue/{id}/changelog` pages for an issue whose embedded changelog Jira cut short — and a
storm of 429s on the changelog routes (jirasim faults limited to those `paths`) does not stop it:
the report completes, says exactly how many changelogs are missing, and leaves those issues'
history cells empty, never 0. Both hosts, 1280x720 and 1920x1080.

No generated issue has more histories than search embeds, so the report also reads a few issues
of SEC (the restricted project, which no other test reports on) whose summaries this module
edits, through Jira's REST API, until their changelogs are longer."""

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

pytestmark = [
    pytest.mark.browser,
    pytest.mark.both_hosts,
    pytest.mark.usefixtures("long_changelogs"),
]

SIZES = [(1280, 720), (1920, 1080)]
# Changelog lengths (at least) the module gives these issues: just past what search embeds,
# twice that, and more than one page of the issue's own changelog route.
LONG_CHANGELOGS = {"SEC-1": 21, "SEC-2": 40, "SEC-3": 130}
JQL = f"project = OPS OR key in ({', '.join(LONG_CHANGELOGS)})"
# The "changelog 429 storm": both changelog routes, search and everything else left alone.
CHANGELOG_PATHS = [BULK_PATH, "/rest/api/3/issue/*/changelog"]
FIRST_BULK_GROUP = 100  # the client's first bulkfetch group (client/src/jira/changelogs.ts)
# Jira (and jirasim, search_routes.py) embeds at most this many histories with expand=changelog.
EXPANDED_HISTORIES = 20
# The histories per `GET /issue/{id}/changelog` page the client asks for (changelogs.ts).
ISSUE_CHANGELOG_PAGE = 100
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


def jira_admin(e2e: Any) -> httpx.Client:
    return httpx.Client(base_url=e2e.jira_url, headers=basic_auth(USERS["admin"]), timeout=30)


def changelog_total(jira: httpx.Client, issue_id_or_key: str) -> int:
    response = jira.get(f"/rest/api/3/issue/{issue_id_or_key}/changelog", params={"maxResults": 1})
    response.raise_for_status()
    return int(response.json()["total"])


@pytest.fixture(scope="module")
def long_changelogs(e2e: Any) -> None:
    """Gives each issue of LONG_CHANGELOGS at least that many change histories, by editing its
    summary back and forth as a user would (an even number of edits, so it ends as it was).
    The stack is shared by both hosts: the second time there is nothing left to do."""
    with jira_admin(e2e) as jira:
        for key, wanted in LONG_CHANGELOGS.items():
            edits = max(0, wanted - changelog_total(jira, key))
            if edits == 0:
                continue
            response = jira.get(f"/rest/api/3/issue/{key}", params={"fields": "summary"})
            response.raise_for_status()
            summary = response.json()["fields"]["summary"]
            for edit in range(edits + edits % 2):
                text = summary if edit % 2 else f"{summary} (edited)"
                response = jira.put(f"/rest/api/3/issue/{key}", json={"fields": {"summary": text}})
                assert response.status_code == 204, response.text


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
    with jira_admin(e2e) as jira:
        histories = status_histories(jira.post, ids, page_size=10000)
    return {
        issue_id: sum(
            item["field"] == "status"
            for history in histories.get(issue_id, [])
            for item in history["items"]
        )
        for issue_id in ids
    }


def cut_changelogs(e2e: Any, issues: list[dict[str, Any]]) -> dict[str, int]:
    """Change histories (all fields) by issue id, of the issues whose changelog is longer than
    `expand=changelog` embeds: those Connect must read from the issue's own changelog route.
    Checks they are the issues this module lengthened, so every other one comes whole."""
    with jira_admin(e2e) as jira:
        totals = {issue["id"]: changelog_total(jira, issue["id"]) for issue in issues}
    cut = {issue_id: total for issue_id, total in totals.items() if total > EXPANDED_HISTORIES}
    assert {issue["key"] for issue in issues if issue["id"] in cut} == set(LONG_CHANGELOGS)
    return cut


def issue_changelog_request(issue_id: str, start_at: int) -> tuple[str, str]:
    """A page request as the client sends it (path, query)."""
    path = f"/rest/api/3/issue/{issue_id}/changelog"
    return path, f"startAt={start_at}&maxResults={ISSUE_CHANGELOG_PAGE}"


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
    cut = cut_changelogs(e2e, issues)
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
        # One bulkfetch per 1,000 issues (one page each: these issues have far fewer than 10,000
        # status changes).
        assert [e["path"] for e in requests] == [BULK_PATH] * bulk_groups(len(issues))
    else:
        # Connect may not call bulkfetch: the changelogs came with the field pages, and only an
        # issue whose embedded changelog was cut had its own pages read, each page once.
        assert sorted((e["path"], e["query"]) for e in requests) == sorted(
            issue_changelog_request(issue_id, start)
            for issue_id, total in cut.items()
            for start in range(0, total, ISSUE_CHANGELOG_PAGE)
        )
        assert all(e["status"] == 200 for e in requests)


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_changelog_429_storm_completes_and_says_what_is_missing(
    e2e: Any, page: Any, host_name: str, width: int, height: int, faults_off: None
) -> None:
    issues = e2e.issues(JQL, ["summary"])
    total = len(issues)
    cut = cut_changelogs(e2e, issues)
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
        # On Connect the changelogs come with the field pages; only the issues whose embedded
        # changelog was cut need their own pages, and each first page was tried and retried
        # until the client gave up. The page names exactly those issues as missing: their history
        # cells are empty, not 0, and every other issue's match Jira.
        requests = changelog_requests(log)
        assert sorted((e["path"], e["query"]) for e in requests) == sorted(
            [issue_changelog_request(issue_id, 0) for issue_id in cut] * RATE_LIMIT_TRIES
        )
        assert all(e["status"] == 429 and e["fault"] for e in requests)
        missing = len(cut)
        expect(frame.get_by_test_id("changelogs-missing")).to_have_text(
            f"Changelogs for {total - missing:,} of {total:,} issues; history fields are empty "
            f"for the other {missing:,} (Jira kept limiting the request rate)."
        )
        assert {key: row[TRANSITIONS] for key, row in cells.items()} == {
            issue["key"]: "" if issue["id"] in cut else str(changes[issue["id"]])
            for issue in issues
        }
        assert all(cells[key][TIME_IN_PROGRESS] == "" for key in LONG_CHANGELOGS)
    assert violations(frame) == []
