"""The history-field reference (tests/support/history_reference.py) against values computed by
hand from docs/engine.md: every field on each kind of history, working time across DST
changes, weekends and hours, and nearest-rank percentiles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest

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
    percentile,
    time_in_category,
    time_in_status,
    transitions_into,
    transitions_total,
)

H = 3600
T0 = parse_instant("2026-01-05T00:00:00.000+0000")  # a Monday
NOW = T0 + 100 * H
TODO, IP, REV, DONE, UNKNOWN = "10000", "10001", "10002", "10003", "99999"
CATEGORIES = {TODO: "new", IP: "indeterminate", REV: "indeterminate", DONE: "done"}


def stamp(hours: float) -> str:
    at = datetime.fromtimestamp(T0, ZoneInfo("UTC")) + timedelta(hours=hours)
    return at.strftime("%Y-%m-%dT%H:%M:%S.000+0000")


def issue(
    status: str,
    changes: list[tuple[float, str, str]] | None,
    resolved: float | None = None,
    shuffle: bool = False,
) -> Issue:
    """An issue created at T0 with one change history per (hour, from, to)."""
    histories = None
    if changes is not None:
        histories = [
            {
                "id": str(1000 + n),
                "created": stamp(hours),
                "items": [
                    {"field": "assignee", "from": None, "to": "someone"},
                    {"field": "status", "from": old, "fromString": "?", "to": new, "toString": "?"},
                ],
            }
            for n, (hours, old, new) in enumerate(changes)
        ]
        if shuffle:  # pages may arrive in any order: instant and id decide
            histories.reverse()
    return Issue(stamp(0), status, None if resolved is None else stamp(resolved), histories)


SCENARIOS = {
    "simple": issue(DONE, [(10, TODO, IP), (30, IP, DONE)], resolved=31),
    "entered-many-times": issue(
        DONE,
        [
            *[(10, TODO, IP), (20, IP, REV), (25, REV, IP), (40, IP, REV), (45, REV, IP)],
            *[(50, IP, REV), (60, REV, DONE)],
        ],
        resolved=60,
    ),
    "reopened": issue(IP, [(10, TODO, IP), (20, IP, DONE), (30, DONE, IP)]),
    "reopened-done-again": issue(
        DONE, [(10, TODO, IP), (20, IP, DONE), (30, DONE, IP), (40, IP, DONE)]
    ),
    "created-in-done": issue(DONE, []),
    "never-started": issue(TODO, []),
    "straight-to-done": issue(DONE, [(10, TODO, DONE)], resolved=10),
    "still-in-progress": issue(IP, [(10, TODO, IP)]),
    "same-instant": issue(
        DONE, [(10, TODO, IP), (10, IP, REV), (20, REV, DONE)], resolved=20, shuffle=True
    ),
    "unknown-status": issue(DONE, [(10, TODO, UNKNOWN), (20, UNKNOWN, DONE)], resolved=20),
    "clock-skew": issue(DONE, [(-5, TODO, IP), (105, IP, DONE)], resolved=105),
    "incomplete": issue(DONE, None, resolved=30),
    "ends-in-another-status": issue(DONE, [(10, TODO, IP)], resolved=10),
}

FIELDS: dict[str, Callable[[Issue], Any]] = {
    "time-todo": lambda i: time_in_status(i, TODO, NOW),
    "time-ip": lambda i: time_in_status(i, IP, NOW),
    "time-review": lambda i: time_in_status(i, REV, NOW),
    "time-done": lambda i: time_in_status(i, DONE, NOW),
    "time-unknown": lambda i: time_in_status(i, UNKNOWN, NOW),
    "cat-new": lambda i: time_in_category(i, "new", CATEGORIES, NOW),
    "cat-progress": lambda i: time_in_category(i, "indeterminate", CATEGORIES, NOW),
    "cat-done": lambda i: time_in_category(i, "done", CATEGORIES, NOW),
    "transitions": transitions_total,
    "into-ip": lambda i: transitions_into(i, IP),
    "first-ip": lambda i: first_entered(i, IP, NOW),
    "last-left-ip": lambda i: last_left(i, IP, NOW),
    "first-done": lambda i: first_entered(i, DONE, NOW),
    "cycle": lambda i: cycle_time(i, NOW, CATEGORIES),
    "cycle-from-todo": lambda i: cycle_time(i, NOW, CATEGORIES, start=Category("new")),
    "lead": lambda i: lead_time(i, NOW, CATEGORIES),
    "age": lambda i: current_status_age(i, NOW),
}
COUNTS = {"transitions", "into-ip"}
DATES = {"first-ip", "last-left-ip", "first-done"}
N = None
# One row per scenario, in FIELDS order. Durations and dates in hours from T0; N = empty.
EXPECTED = {
    "simple": (10, 20, 0, 70, 0, 10, 20, 70, 2, 1, 10, 30, 30, 20, 30, 31, 70),
    "entered-many-times": (10, 30, 20, 40, 0, 10, 50, 40, 7, 3, 10, 50, 60, 50, 60, 60, 40),
    "reopened": (10, 80, 0, 10, 0, 10, 80, 10, 3, 2, 10, 20, 20, N, N, N, 70),
    "reopened-done-again": (10, 20, 0, 70, 0, 10, 20, 70, 4, 2, 10, 40, 20, 30, 40, 40, 60),
    "created-in-done": (0, 0, 0, 100, 0, 0, 0, 100, 0, 0, N, N, 0, N, N, 0, 100),
    "never-started": (100, 0, 0, 0, 0, 100, 0, 0, 0, 0, N, N, N, N, N, N, 100),
    "straight-to-done": (10, 0, 0, 90, 0, 10, 0, 90, 1, 0, N, N, 10, N, 10, 10, 90),
    "still-in-progress": (10, 90, 0, 0, 0, 10, 90, 0, 1, 1, 10, N, N, N, N, N, 90),
    "same-instant": (10, 0, 10, 80, 0, 10, 10, 80, 3, 1, 10, 10, 20, 10, 20, 20, 80),
    "unknown-status": (10, 0, 0, 80, 10, 10, 0, 80, 2, 0, N, N, 20, N, 20, 20, 80),
    "clock-skew": (0, 100, 0, 0, 0, 0, 100, 0, 2, 1, 0, 100, 100, 100, 100, 100, 0),
    "incomplete": (N,) * len(FIELDS),
    "ends-in-another-status": (N,) * len(FIELDS),
}


def _expected(value: float | None, field: str) -> int | None:
    if value is None or field in COUNTS:
        return value  # type: ignore[return-value]
    return T0 + int(value * H) if field in DATES else int(value * H)


CASES = [
    pytest.param(scenario, field, _expected(row[n], field), id=f"{scenario}-{field}")
    for scenario, row in EXPECTED.items()
    for n, field in enumerate(FIELDS)
]


@pytest.mark.parametrize(("scenario", "field", "expected"), CASES)
def test_field_on_each_kind_of_history(scenario: str, field: str, expected: int | None) -> None:
    assert FIELDS[field](SCENARIOS[scenario]) == expected


def test_the_table_covers_every_field() -> None:
    assert all(len(row) == len(FIELDS) for row in EXPECTED.values())


WEEKDAYS = frozenset(range(1, 6))
EVERY_DAY = frozenset(range(1, 8))
UTC_NINE_TO_FIVE = WorkingCalendar(WEEKDAYS, 9, 17, "UTC")


@pytest.mark.parametrize(
    ("field", "expected_hours"),
    [
        # Mon 00:00 created; Mon 10:00 In Progress; Tue 06:00 Done; resolved Tue 07:00;
        # now Fri 04:00. Working days Mon-Thu have 8 hours each: 32 in all.
        pytest.param(lambda i: time_in_status(i, TODO, NOW, UTC_NINE_TO_FIVE), 1, id="todo"),
        pytest.param(lambda i: time_in_status(i, IP, NOW, UTC_NINE_TO_FIVE), 7, id="in-progress"),
        pytest.param(lambda i: time_in_status(i, DONE, NOW, UTC_NINE_TO_FIVE), 24, id="done"),
        pytest.param(
            lambda i: time_in_category(i, "done", CATEGORIES, NOW, UTC_NINE_TO_FIVE), 24, id="cat"
        ),
        pytest.param(
            lambda i: cycle_time(i, NOW, CATEGORIES, calendar=UTC_NINE_TO_FIVE), 7, id="cycle"
        ),
        pytest.param(lambda i: lead_time(i, NOW, CATEGORIES, UTC_NINE_TO_FIVE), 8, id="lead"),
        pytest.param(lambda i: current_status_age(i, NOW, UTC_NINE_TO_FIVE), 24, id="age"),
    ],
)
def test_duration_fields_in_working_time(
    field: Callable[[Issue], Any], expected_hours: int
) -> None:
    assert field(SCENARIOS["simple"]) == expected_hours * H


def local(zone: str, wall: str) -> int:
    """A local wall-clock time as an instant (the first one when the clock shows it twice)."""
    return int(datetime.fromisoformat(wall).replace(tzinfo=ZoneInfo(zone)).timestamp())


BERLIN, NEW_YORK = "Europe/Berlin", "America/New_York"
SUNDAY = frozenset({7})
# Berlin: CET→CEST Sun 29 Mar 2026 at 02:00, CEST→CET Sun 25 Oct 2026 at 03:00.
# New York: EST→EDT Sun 8 Mar 2026 at 02:00, EDT→EST Sun 1 Nov 2026 at 02:00.
WORKING_CASES = [
    ("berlin-over-a-weekend", BERLIN, WEEKDAYS, 9, 17, "2026-03-27 15:00", "2026-03-30 10:00", 3),
    ("berlin-spring-23-hour-day", BERLIN, EVERY_DAY, 0, 24, "2026-03-28", "2026-03-30", 47),
    ("berlin-autumn-25-hour-day", BERLIN, EVERY_DAY, 0, 24, "2026-10-24", "2026-10-26", 49),
    ("berlin-spring-three-days", BERLIN, EVERY_DAY, 0, 24, "2026-03-28", "2026-03-31", 71),
    ("berlin-autumn-three-days", BERLIN, EVERY_DAY, 0, 24, "2026-10-24", "2026-10-27", 73),
    ("berlin-spring-window-in-gap", BERLIN, EVERY_DAY, 2, 4, "2026-03-28", "2026-03-30", 3),
    ("berlin-autumn-window-in-fold", BERLIN, EVERY_DAY, 2, 4, "2026-10-24", "2026-10-26", 5),
    ("berlin-spring-9-17-unchanged", BERLIN, EVERY_DAY, 9, 17, "2026-03-29", "2026-03-30", 8),
    ("berlin-two-weeks-over-spring", BERLIN, WEEKDAYS, 9, 17, "2026-03-23", "2026-04-06", 80),
    ("berlin-two-weeks-over-autumn", BERLIN, WEEKDAYS, 9, 17, "2026-10-19", "2026-11-02", 80),
    (
        "berlin-elapsed-over-the-gap",
        BERLIN,
        EVERY_DAY,
        0,
        24,
        "2026-03-29 00:30",
        "2026-03-29 03:30",
        2,
    ),
    (
        "starts-and-ends-outside-hours",
        BERLIN,
        WEEKDAYS,
        9,
        17,
        "2026-03-24 07:00",
        "2026-03-24 20:00",
        8,
    ),
    ("overnight-outside-hours", BERLIN, WEEKDAYS, 9, 17, "2026-03-24 18:00", "2026-03-25 08:00", 0),
    ("inside-one-window", BERLIN, WEEKDAYS, 9, 17, "2026-03-25 10:30", "2026-03-25 11:15", 0.75),
    ("weekend-only", BERLIN, WEEKDAYS, 9, 17, "2026-03-28 10:00", "2026-03-29 16:00", 0),
    (
        "new-york-over-a-weekend",
        NEW_YORK,
        WEEKDAYS,
        9,
        17,
        "2026-03-06 16:00",
        "2026-03-09 10:00",
        2,
    ),
    ("new-york-spring-23-hour-day", NEW_YORK, EVERY_DAY, 0, 24, "2026-03-07", "2026-03-09", 47),
    ("new-york-autumn-25-hour-day", NEW_YORK, EVERY_DAY, 0, 24, "2026-10-31", "2026-11-02", 49),
    ("new-york-spring-1-to-4", NEW_YORK, SUNDAY, 1, 4, "2026-03-08", "2026-03-09", 2),
    ("new-york-autumn-1-to-4", NEW_YORK, SUNDAY, 1, 4, "2026-11-01", "2026-11-02", 4),
    ("new-york-autumn-0-to-2", NEW_YORK, SUNDAY, 0, 2, "2026-11-01", "2026-11-02", 3),
    ("new-york-two-weeks-over-autumn", NEW_YORK, WEEKDAYS, 9, 17, "2026-10-26", "2026-11-09", 80),
    ("empty-interval", NEW_YORK, EVERY_DAY, 0, 24, "2026-11-01 05:00", "2026-11-01 05:00", 0),
]


@pytest.mark.parametrize(
    ("zone", "weekdays", "start_hour", "end_hour", "start", "end", "hours"),
    [pytest.param(*case[1:], id=case[0]) for case in WORKING_CASES],
)
def test_working_time(
    zone: str,
    weekdays: frozenset[int],
    start_hour: int,
    end_hour: int,
    start: str,
    end: str,
    hours: float,
) -> None:
    calendar = WorkingCalendar(weekdays, start_hour, end_hour, zone)
    assert calendar.working_seconds(local(zone, start), local(zone, end)) == int(hours * H)


def test_working_time_adds_up_over_split_intervals() -> None:
    calendar = WorkingCalendar(WEEKDAYS, 9, 17, BERLIN)
    start, end = local(BERLIN, "2026-03-20 11:11"), local(BERLIN, "2026-04-03 16:59")
    cuts = [start, local(BERLIN, "2026-03-29 02:30"), local(BERLIN, "2026-03-30 12:00:07"), end]
    parts = sum(calendar.working_seconds(a, b) for a, b in pairwise(cuts))
    # Fri 11:11-17:00, nine full weekdays, Fri 9:00-16:59.
    assert (
        parts
        == calendar.working_seconds(start, end)
        == (5 * H + 49 * 60) + 72 * H + (7 * H + 59 * 60)
    )


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        pytest.param([], 85, None, id="no-values"),
        pytest.param([None, None], 50, None, id="only-empty"),
        pytest.param([7], 50, 7, id="one-value-p50"),
        pytest.param([7], 95, 7, id="one-value-p95"),
        pytest.param(list(range(1, 11)), 50, 5, id="ten-p50"),
        pytest.param(list(range(1, 11)), 85, 9, id="ten-p85"),
        pytest.param(list(range(1, 11)), 95, 10, id="ten-p95"),
        pytest.param([3, 1, 2], 50, 2, id="unsorted-p50"),
        pytest.param([3, 1, 2], 85, 3, id="unsorted-p85"),
        pytest.param([None, 4, None, 2], 50, 2, id="empty-values-ignored"),
        pytest.param(list(range(1, 21)), 85, 17, id="twenty-p85-exact-rank"),
        pytest.param(list(range(1, 21)), 95, 19, id="twenty-p95-exact-rank"),
        pytest.param([0, 0, 5, 5], 50, 0, id="ties-p50"),
        pytest.param(list(range(100, 0, -1)), 85, 85, id="hundred-p85"),
    ],
)
def test_percentile_nearest_rank(values: list[int | None], p: int, expected: int | None) -> None:
    assert percentile(values, p) == expected
