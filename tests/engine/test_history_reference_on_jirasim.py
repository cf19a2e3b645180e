"""The history-field reference (tests/support/history_reference.py) on jirasim's real changelogs,
fetched over REST (search, then `changelog/bulkfetch` filtered to status, paged): invariants that
must hold for every issue, on two seeds and two site time zones. The dataset's hard cases (created
in Done, reopened, bounced, changes next to DST changes; jirasim/dataset/history_cases.py) must be
among them."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from functools import cache, partial
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from jirasim.app import create_app
from jirasim.dataset import generate_site
from support.history_reference import (
    Category,
    Issue,
    WorkingCalendar,
    current_status_age,
    cycle_time,
    first_entered,
    last_left,
    lead_time,
    parse_instant,
    stays,
    time_in_category,
    time_in_status,
    transitions_into,
    transitions_total,
)
from support.jira_changelogs import search_all, status_histories

AUTH = ("admin@example.com", "demo-token-admin")
HISTORY_INPUTS = ["status", "created", "resolutiondate"]
NOW = parse_instant("2026-11-01T00:00:00.000Z")  # jirasim's reference date: the dataset's end
ISSUE_COUNT = 800
DST_REACH = 90 * 60  # history_cases moves changes to within 90 minutes of a DST change


@cache
def site_issues(seed: int) -> tuple[list[Issue], dict[str, str], list[int]]:
    """Every issue of a generated site, its status categories (id → key) and, per issue, how
    many status items its raw changelog holds (counted here, apart from the reference)."""
    site = generate_site(seed=seed, issue_count=ISSUE_COUNT, base_url="http://jirasim.test")
    with TestClient(create_app(site, admin_token="t"), base_url="http://jirasim.test") as client:
        categories = {
            s["id"]: s["statusCategory"]["key"]
            for s in client.get("/rest/api/3/status", auth=AUTH).json()
        }
        keys = [p["key"] for p in client.get("/rest/api/3/project", auth=AUTH).json()]
        post = partial(client.post, auth=AUTH)
        found = search_all(post, f"project in ({', '.join(keys)})", HISTORY_INPUTS)
        histories = status_histories(post, [issue["id"] for issue in found], page_size=500)
    issues, status_items = [], []
    for raw in found:
        fields = raw["fields"]
        mine = histories.get(raw["id"], [])
        issues.append(
            Issue(fields["created"], fields["status"]["id"], fields["resolutiondate"], mine)
        )
        status_items.append(
            sum(1 for h in mine for item in h["items"] if item["field"] == "status")
        )
    return issues, categories, status_items


def present(value: int | None) -> int:
    """A value that must not be empty here: jirasim's changelogs are complete."""
    assert value is not None
    return value


@cache
def _dst_changes() -> list[int]:
    """DST changes of the two zones over the dataset's two years, found hour by hour."""
    found = []
    for name in ("Europe/Berlin", "America/New_York"):
        zone = ZoneInfo(name)
        at = datetime(2024, 10, 1, tzinfo=UTC)
        while at < datetime(2026, 11, 1, tzinfo=UTC):
            following = at + timedelta(hours=1)
            if following.astimezone(zone).utcoffset() != at.astimezone(zone).utcoffset():
                found.append(int(following.timestamp()))
            at = following
    return found


SEEDS = [pytest.param(21, id="seed-21"), pytest.param(7, id="seed-7")]
ZONES = [pytest.param("Europe/Berlin", id="berlin"), pytest.param("America/New_York", id="ny")]
IN_PROGRESS = Category("indeterminate")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("seed", SEEDS)
def test_invariants_on_every_jirasim_issue(seed: int, zone: str) -> None:
    issues, categories, status_items = site_issues(seed)
    calendar = WorkingCalendar(frozenset(range(1, 6)), 9, 17, zone)
    every_day = WorkingCalendar(frozenset(range(1, 8)), 0, 24, zone)
    assert len(issues) == ISSUE_COUNT
    dst = _dst_changes()
    for n, (issue, items) in enumerate(zip(issues, status_items, strict=True)):
        timeline = stays(issue, NOW)
        assert timeline is not None, "jirasim's changelogs end in each issue's current status"
        created = parse_instant(issue.created)
        visited = {stay.status for stay in timeline}
        assert visited <= set(categories), "jirasim's changelogs use only its own statuses"
        # All the time between creation and now is in exactly one status, and one category.
        assert sum(present(time_in_status(issue, s, NOW)) for s in visited) == NOW - created
        per_category = [
            time_in_category(issue, c, categories, NOW) for c in set(categories.values())
        ]
        assert sum(present(v) for v in per_category) == NOW - created
        # Working time walks day by day (slow): every issue with a change next to a DST change,
        # and a sample of the others.
        if n % 10 == 0 or any(abs(s.start - c) <= DST_REACH for s in timeline[1:] for c in dst):
            for work in (calendar, every_day):
                in_statuses = sum(present(time_in_status(issue, s, NOW, work)) for s in visited)
                assert in_statuses == work.working_seconds(created, NOW)
            assert every_day.working_seconds(created, NOW) == NOW - created
        age = current_status_age(issue, NOW)
        assert age is not None
        assert present(time_in_status(issue, issue.status, NOW)) >= age
        assert transitions_total(issue) == items
        assert sum(present(transitions_into(issue, s)) for s in categories) == items
        cycle, lead = cycle_time(issue, NOW, categories), lead_time(issue, NOW, categories)
        if cycle is not None and lead is not None:
            assert 0 <= cycle <= lead
        working_cycle = cycle_time(issue, NOW, categories, calendar=calendar)
        assert (working_cycle is None) == (cycle is None)
        if categories[issue.status] != "done":
            assert cycle is None, "not done now: no end"
        if not any(categories.get(s or "") == "indeterminate" for s in visited):
            # Never reached the start: empty, never 0.
            assert cycle is None
            for status in (s for s, key in categories.items() if key == "indeterminate"):
                assert first_entered(issue, status, NOW) is None
                assert last_left(issue, status, NOW) is None
                assert time_in_status(issue, status, NOW) == 0
            assert time_in_category(issue, IN_PROGRESS.key, categories, NOW) == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_the_sites_hold_every_hard_case(seed: int) -> None:
    """The invariants above mean little unless the data has the cases they are about."""
    issues, categories, status_items = site_issues(seed)
    done = {s for s, key in categories.items() if key == "done"}
    dst = _dst_changes()
    seen: dict[str, int] = defaultdict(int)
    for issue, items in zip(issues, status_items, strict=True):
        timeline = stays(issue, NOW)
        assert timeline is not None
        if items == 0 and issue.status in done:
            seen["created in done"] += 1
        if any(s.status in done for s in timeline[:-1]) and issue.status not in done:
            seen["reopened, not done now"] += 1
        if any(present(transitions_into(issue, s)) >= 3 for s in categories):
            seen["a status entered 3+ times"] += 1
        if not any(categories.get(s.status or "") == "indeterminate" for s in timeline):
            seen["never started"] += 1
        if issue.status not in done and any(
            categories.get(s.status or "") == "indeterminate" for s in timeline
        ):
            seen["in progress now"] += 1
        if any(abs(s.start - change) <= DST_REACH for s in timeline[1:] for change in dst):
            seen["change next to a DST change"] += 1
        if cycle_time(issue, NOW, categories) is not None:
            seen["has a cycle time"] += 1
    expected = {
        "created in done",
        "reopened, not done now",
        "a status entered 3+ times",
        "never started",
        "in progress now",
        "change next to a DST change",
        "has a cycle time",
    }
    assert {case for case, count in seen.items() if count} == expected, dict(seen)
