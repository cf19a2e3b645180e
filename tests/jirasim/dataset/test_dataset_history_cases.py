"""The generator makes the histories time-in-status and cycle-time calculations get wrong, on
every seed: issues created directly in a done status, reopened issues (done again, or open now),
statuses entered many times, and transitions within 90 minutes of a DST change in Europe/Berlin or
America/New_York. Each site has them deterministically, and other issues do not move."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from jirasim.dataset import generate_site
from jirasim.dataset.history_cases import dst_changes_ms
from jirasim.jql.dates import parse_jira_timestamp
from jirasim.site import Site

BASE_URL = "http://jirasim.test"
NEAR_DST_MS = 91 * 60_000


def _status_path(issue: dict[str, Any]) -> tuple[list[str], list[int]]:
    """The statuses an issue went through (from creation) and the instants of its moves."""
    histories = sorted(issue["changelog"]["histories"], key=lambda h: (h["created"], int(h["id"])))
    moves = [(h["created"], i) for h in histories for i in h["items"] if i["fieldId"] == "status"]
    if not moves:
        return [issue["fields"]["status"]["name"]], []
    names = [moves[0][1]["fromString"], *(item["toString"] for _, item in moves)]
    return names, [parse_jira_timestamp(at) or 0 for at, _ in moves]


def _category(issue: dict[str, Any]) -> str:
    return str(issue["fields"]["status"]["statusCategory"]["key"])


def _created_in_done(issue: dict[str, Any]) -> bool:
    return not _status_path(issue)[1] and _category(issue) == "done"


def _reopened_and_open(issue: dict[str, Any]) -> bool:
    return "Done" in _status_path(issue)[0][:-1] and _category(issue) != "done"


def _reopened_and_done_again(issue: dict[str, Any]) -> bool:
    return "Done" in _status_path(issue)[0][:-1] and _category(issue) == "done"


def _status_entered_four_times(issue: dict[str, Any]) -> bool:
    return max(Counter(_status_path(issue)[0]).values()) >= 4


def _moved_next_to_dst_change(issue: dict[str, Any]) -> bool:
    moves = _status_path(issue)[1]
    return any(abs(at - change) <= NEAR_DST_MS for at in moves for change in dst_changes_ms())


CASES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "created in done": _created_in_done,
    "reopened, open now": _reopened_and_open,
    "reopened, done again": _reopened_and_done_again,
    "a status entered 4+ times": _status_entered_four_times,
    "a move within 90 min of a DST change": _moved_next_to_dst_change,
}


@pytest.fixture(scope="module", params=[(11, 400), (5, 700)], ids=["seed 11", "seed 5"])
def seeded(request) -> Site:
    seed, count = request.param
    return generate_site(seed=seed, issue_count=count, base_url=BASE_URL)


@pytest.mark.parametrize("case", list(CASES))
def test_every_seed_has_each_hard_history(seeded: Site, case: str) -> None:
    assert sum(CASES[case](issue) for issue in seeded.issues) >= 2, case


def test_the_hard_histories_are_the_same_for_a_seed() -> None:
    def picked(site: Site) -> dict[str, list[str]]:
        return {c: [i["key"] for i in site.issues if CASES[c](i)] for c in CASES}

    first = generate_site(seed=8, issue_count=300, base_url=BASE_URL)
    again = generate_site(seed=8, issue_count=300, base_url=BASE_URL)
    assert picked(first) == picked(again)
    assert picked(first) != picked(generate_site(seed=9, issue_count=300, base_url=BASE_URL))


@pytest.mark.parametrize(
    "instant",
    [
        datetime(2025, 3, 30, 1, tzinfo=UTC),  # Europe/Berlin to summer time
        datetime(2025, 10, 26, 1, tzinfo=UTC),  # Europe/Berlin to winter time
        datetime(2025, 3, 9, 7, tzinfo=UTC),  # America/New_York to summer time
        datetime(2025, 11, 2, 6, tzinfo=UTC),  # America/New_York to winter time
        datetime(2026, 3, 29, 1, tzinfo=UTC),
        datetime(2024, 11, 3, 6, tzinfo=UTC),
    ],
    ids=lambda d: d.strftime("%Y-%m-%d %H:%MZ"),
)
def test_dst_changes_are_the_zones_real_ones(instant: datetime) -> None:
    assert int(instant.timestamp()) * 1000 in dst_changes_ms()
    assert len(dst_changes_ms()) == 8  # four per zone in the two years before 1 Nov 2026
