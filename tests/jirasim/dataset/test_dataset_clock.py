"""Jira's timestamp, date and duration formats."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from jirasim.dataset.clock import (
    REFERENCE_MS,
    format_date,
    format_duration,
    format_sprint_timestamp,
    format_timestamp,
)

INSTANT = int(datetime(2023, 6, 24, 19, 24, 50, 123000, tzinfo=UTC).timestamp() * 1000)


def test_reference_date_is_the_documented_constant() -> None:
    assert format_timestamp(REFERENCE_MS) == "2026-11-01T00:00:00.000+0000"


@pytest.mark.parametrize(
    ("formatter", "expected"),
    [
        (format_timestamp, "2023-06-24T19:24:50.123+0000"),
        (format_sprint_timestamp, "2023-06-24T19:24:50.123Z"),
        (format_date, "2023-06-24"),
    ],
)
def test_instant_formats(formatter: object, expected: str) -> None:
    assert callable(formatter)
    assert formatter(INSTANT) == expected


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0m"),
        (60, "1m"),
        (1800, "30m"),
        (3600, "1h"),
        (5400, "1h 30m"),
        (8 * 3600, "1d"),  # Jira's default 8-hour day
        (5 * 8 * 3600, "1w"),  # and 5-day week
        (5 * 8 * 3600 + 2 * 8 * 3600 + 3 * 3600 + 15 * 60, "1w 2d 3h 15m"),
    ],
)
def test_durations_use_jira_working_time_units(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text
