"""Jira's Retry-After, read as whole seconds: at least 1, at most 300, so a missing or broken
header still rests the site for a second and a wrong one cannot shut it out for hours."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rollbook.jira.client import retry_after_seconds

NOW = datetime(2026, 12, 6, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        pytest.param("30", 30, id="delta-seconds"),
        pytest.param("2.2", 3, id="fraction-rounds-up"),
        pytest.param("Sun, 06 Dec 2026 12:00:45 GMT", 45, id="http-date"),
        pytest.param("Sun, 06 Dec 2026 11:59:00 GMT", 1, id="date-in-the-past"),
        pytest.param("0", 1, id="zero"),
        pytest.param("-5", 1, id="negative"),
        pytest.param("86400", 300, id="a-day-is-capped"),
        pytest.param("soon", 1, id="garbage"),
        pytest.param("inf", 300, id="infinity"),
        pytest.param("-inf", 1, id="minus-infinity"),
        pytest.param("nan", 1, id="not-a-number"),
        pytest.param(None, 1, id="absent"),
    ],
)
def test_retry_after_is_whole_seconds_within_bounds(header: str | None, seconds: int) -> None:
    assert retry_after_seconds(header, now=NOW) == seconds
