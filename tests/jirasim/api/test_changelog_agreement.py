"""The changelog endpoints agree with everything else jirasim says about an issue, on two seeds.

Replaying an issue's status and resolution changes from creation gives its current status,
resolution and `resolutiondate`; what the changelog says an issue went through is what JQL's
`status WAS`, `WAS … DURING` and `CHANGED FROM … TO` select; and bulkfetch, the per-issue
endpoint and `expand=changelog` (within its 20/40/100 entry cut) carry the same histories. Every
page is checked against the OpenAPI spec."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from jirasim.app import create_app
from jirasim.dataset import generate_site
from jirasim.dataset.history_cases import dst_changes_ms
from jirasim.jql.dates import parse_jira_timestamp
from jirasim.site import Site

SIM_BASE_URL = "http://jirasim.test"
BULK = "/rest/api/3/changelog/bulkfetch"
BULK_SPEC = "/rest/api/3/changelog/bulkfetch"
ONE_SPEC = "/rest/api/3/issue/{issueIdOrKey}/changelog"
# JQL must be bounded; every project is named so every issue can match.
PROJECTS = "project in (ROLL, OPS, WEB, DATA, SEC)"
# The admin reads dates in their own time zone, as Jira does for JQL date literals.
ADMIN_ZONE = ZoneInfo("Europe/London")
STATUSES = ("Backlog", "To Do", "In Progress", "In Review", "Done", "Won't Do")
# (from, to) pairs for CHANGED FROM … TO: forward moves, send-backs, reopenings, abandonment.
MOVES = (
    ("Backlog", "To Do"),
    ("In Review", "In Progress"),
    ("Done", "In Progress"),
    ("To Do", "Won't Do"),
    ("In Progress", "Done"),
)
# DURING windows in the admin's zone; two cross DST changes (London: 30 Mar and 26 Oct 2025).
WINDOWS = (
    ("2025/03/29 12:00", "2025/03/31 12:00"),
    ("2025/10/25 00:00", "2025/10/27 23:59"),
    ("2026/01/01 00:00", "2026/02/01 00:00"),
    ("2026/10/31 09:30", "2026/10/31 10:30"),
)


@dataclass
class Stack:
    site: Site
    client: TestClient
    headers: dict[str, str]
    histories: dict[str, list[dict[str, Any]]]  # issue id -> bulkfetch histories, oldest first


@pytest.fixture(scope="module", params=[(11, 400), (5, 700)], ids=["seed 11", "seed 5"])
def stack(request, demo, openapi) -> Iterator[Stack]:
    seed, count = request.param
    site = generate_site(seed=seed, issue_count=count, base_url=SIM_BASE_URL)
    app = create_app(site, admin_token="t", secret=b"agreement-secret-0123456789abcdef")
    with TestClient(app, base_url=SIM_BASE_URL) as client:
        histories = _bulkfetch_all(client, demo.admin, openapi, [i["id"] for i in site.issues])
        yield Stack(site, client, demo.admin, histories)


def _bulkfetch_all(client, headers, openapi, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), 1000):
        token = None
        while True:
            body: dict[str, Any] = {"issueIdsOrKeys": ids[start : start + 1000]}
            if token:
                body["nextPageToken"] = token
            response = client.post(BULK, json=body, headers=headers)
            assert response.status_code == 200, response.text
            page = response.json()
            openapi.validate(page, BULK_SPEC, "post")
            for entry in page["issueChangeLogs"]:
                out.setdefault(entry["issueId"], []).extend(entry["changeHistories"])
            token = page.get("nextPageToken")
            if token is None:
                break
    return out


def _items(histories: list[dict[str, Any]], field_id: str) -> Iterator[tuple[str, dict]]:
    for history in histories:
        for item in history["items"]:
            if item["fieldId"] == field_id:
                yield history["created"], item


# --- replay -----------------------------------------------------------------------------------


def _status_periods(issue: dict[str, Any], histories: list[dict[str, Any]]) -> list[tuple]:
    """(status name, start ms, end ms) from creation to now, replayed from the changelog; checks
    that each change starts from where the previous one ended."""
    changes = list(_items(histories, "status"))
    fields = issue["fields"]
    held = changes[0][1]["fromString"] if changes else fields["status"]["name"]
    start = parse_jira_timestamp(fields["created"])
    periods = []
    for created, item in changes:
        assert item["fromString"] == held, (issue["key"], created)
        at = parse_jira_timestamp(created)
        periods.append((held, start, at))
        held, start = item["toString"], at
    periods.append((held, start, 1 << 62))
    return periods


def test_replaying_status_changes_gives_the_current_status(stack: Stack) -> None:
    for issue in stack.site.issues:
        periods = _status_periods(issue, stack.histories.get(issue["id"], []))
        assert periods[-1][0] == issue["fields"]["status"]["name"], issue["key"]
        assert all(start <= end for _, start, end in periods), issue["key"]


def test_replaying_resolution_changes_gives_the_resolution_and_its_date(stack: Stack) -> None:
    for issue in stack.site.issues:
        fields = issue["fields"]
        changes = list(_items(stack.histories.get(issue["id"], []), "resolution"))
        resolution = fields["resolution"]["id"] if fields["resolution"] else None
        if changes:
            last_at, last = changes[-1]
            assert last["to"] == resolution, issue["key"]
            expected_date = last_at if resolution else None
        else:
            # Never changed: resolved from creation, or never resolved.
            expected_date = fields["created"] if resolution else None
        assert fields["resolutiondate"] == expected_date, issue["key"]


# --- JQL --------------------------------------------------------------------------------------


def _jql_keys(stack: Stack, jql: str) -> set[str]:
    keys: set[str] = set()
    token = None
    while True:
        body: dict[str, Any] = {"jql": f"{PROJECTS} AND {jql}", "fields": ["key"]}
        body["maxResults"] = 5000
        if token:
            body["nextPageToken"] = token
        response = stack.client.post("/rest/api/3/search/jql", json=body, headers=stack.headers)
        assert response.status_code == 200, response.text
        page = response.json()
        keys |= {issue["key"] for issue in page["issues"]}
        token = page.get("nextPageToken")
        if token is None:
            return keys


def _changelog_keys(stack: Stack, holds) -> set[str]:
    return {
        issue["key"]
        for issue in stack.site.issues
        if holds(issue, _status_periods(issue, stack.histories.get(issue["id"], [])))
    }


def _held_during(status: str, low: int, high: int) -> Callable[[Any, list[tuple]], bool]:
    """WAS … DURING as Jira defines it: the status was held at some instant of [low, high]."""
    return lambda _issue, periods: any(
        name == status and start <= high and end > low for name, start, end in periods
    )


def _minute(text: str) -> int:
    moment = datetime.strptime(text, "%Y/%m/%d %H:%M").replace(tzinfo=ADMIN_ZONE)
    return int(moment.timestamp() * 1000)


@pytest.mark.parametrize("status", STATUSES)
def test_status_was_selects_what_the_changelog_says(stack: Stack, status: str) -> None:
    expected = _changelog_keys(stack, lambda _i, periods: any(p[0] == status for p in periods))
    assert expected, status
    assert _jql_keys(stack, f'status WAS "{status}"') == expected


@pytest.mark.parametrize("window", WINDOWS, ids=[f"{a}..{b}" for a, b in WINDOWS])
@pytest.mark.parametrize("status", ("To Do", "In Progress", "Done"))
def test_status_was_during_selects_what_the_changelog_says(
    stack: Stack, status: str, window: tuple[str, str]
) -> None:
    low, high = (_minute(text) for text in window)
    expected = _changelog_keys(stack, _held_during(status, low, high))
    jql = f'status WAS "{status}" DURING ("{window[0]}", "{window[1]}")'
    assert _jql_keys(stack, jql) == expected


def _unambiguous_minute(at_ms: int) -> datetime | None:
    """The admin-zone minute just after `at_ms`, unless DST makes that local time ambiguous."""
    local = datetime.fromtimestamp(at_ms / 1000, ADMIN_ZONE).replace(second=0, microsecond=0)
    local = local.replace(tzinfo=None) + timedelta(minutes=1)
    earlier, later = (local.replace(tzinfo=ADMIN_ZONE, fold=fold) for fold in (0, 1))
    return None if earlier.utcoffset() != later.utcoffset() else earlier


def test_status_was_during_the_minute_after_a_change(stack: Stack) -> None:
    """Windows a minute wide right after real status changes, many of them next to a DST change:
    a change the JQL engine placed even an hour off would be caught here."""
    changes = sorted(
        (parse_jira_timestamp(at) or 0, item["fromString"], item["toString"])
        for histories in stack.histories.values()
        for at, item in _items(histories, "status")
    )
    near_dst = [c for c in changes if any(abs(c[0] - d) <= 2 * 3_600_000 for d in dst_changes_ms())]
    picked = near_dst + changes[:: max(1, len(changes) // 20)]
    assert near_dst
    checked = 0
    for at, old, new in picked:
        start = _unambiguous_minute(at)
        if start is None:
            continue
        low = int(start.timestamp() * 1000)
        high = low + 60_000
        window = f'("{start:%Y/%m/%d %H:%M}", "{start + timedelta(minutes=1):%Y/%m/%d %H:%M}")'
        for status in {old, new}:
            expected = _changelog_keys(stack, _held_during(status, low, high))
            assert _jql_keys(stack, f'status WAS "{status}" DURING {window}') == expected
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize("move", MOVES, ids=[f"{a} to {b}" for a, b in MOVES])
def test_status_changed_from_to_selects_what_the_changelog_says(
    stack: Stack, move: tuple[str, str]
) -> None:
    old, new = move

    def moved(issue, _periods) -> bool:
        items = _items(stack.histories.get(issue["id"], []), "status")
        return any(i["fromString"] == old and i["toString"] == new for _, i in items)

    expected = _changelog_keys(stack, moved)
    assert expected, move
    assert _jql_keys(stack, f'status CHANGED FROM "{old}" TO "{new}"') == expected


# --- the three ways to read a changelog -------------------------------------------------------


def test_issue_changelog_pages_equal_bulkfetch(stack: Stack, openapi) -> None:
    for issue in stack.site.issues:
        url = f"/rest/api/3/issue/{issue['id']}/changelog"
        response = stack.client.get(url, headers=stack.headers)
        assert response.status_code == 200
        body = response.json()
        openapi.validate(body, ONE_SPEC, "get")
        expected = stack.histories.get(issue["id"], [])
        assert body["total"] == len(expected)
        assert body["values"] == expected[:100], issue["key"]


@pytest.mark.parametrize(
    ("how", "cut"),
    [("search", 20), ("issue bulkfetch", 40), ("get issue", 100)],
)
def test_expand_changelog_is_part_of_bulkfetch(stack: Stack, how: str, cut: int) -> None:
    issues = stack.site.issues
    embedded: dict[str, dict[str, Any]] = {}
    if how == "search":
        for start in range(0, len(issues), 100):
            ids = ", ".join(i["id"] for i in issues[start : start + 100])
            body = {"jql": f"id in ({ids})", "expand": "changelog", "maxResults": 100}
            page = stack.client.post("/rest/api/3/search/jql", json=body, headers=stack.headers)
            embedded |= {i["id"]: i["changelog"] for i in page.json()["issues"]}
    elif how == "issue bulkfetch":
        for start in range(0, len(issues), 100):
            body = {
                "issueIdsOrKeys": [i["id"] for i in issues[start : start + 100]],
                "expand": ["changelog"],
                "fields": ["id"],
            }
            page = stack.client.post(
                "/rest/api/3/issue/bulkfetch", json=body, headers=stack.headers
            )
            embedded |= {i["id"]: i["changelog"] for i in page.json()["issues"]}
    else:
        for issue in issues[:150]:
            url = f"/rest/api/3/issue/{issue['id']}?fields=id&expand=changelog"
            embedded[issue["id"]] = stack.client.get(url, headers=stack.headers).json()["changelog"]
    assert embedded
    for issue_id, changelog in embedded.items():
        full = stack.histories.get(issue_id, [])
        assert changelog["total"] == len(full), issue_id
        shown = sorted(changelog["histories"], key=lambda h: (h["created"], int(h["id"])))
        assert len(shown) == min(cut, len(full)), issue_id
        by_id = {h["id"]: h for h in full}
        assert all(by_id.get(h["id"]) == h for h in shown), issue_id
