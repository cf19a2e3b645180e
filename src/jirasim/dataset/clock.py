"""Time arithmetic for the dataset: the fixed reference date and Jira's timestamp formats.

All instants are integer milliseconds since the Unix epoch (UTC); nothing here reads the clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

# Every dataset ends here: issues are created during the two years before it, released versions
# lie before it, unreleased ones and future sprints after it. A constant, so that a seed always
# produces the same site whatever the day it runs.
REFERENCE_DATE = datetime(2026, 11, 1, tzinfo=UTC)
REFERENCE_MS = int(REFERENCE_DATE.timestamp()) * 1000

MINUTE_MS = 60_000
HOUR_MS = 60 * MINUTE_MS
DAY_MS = 24 * HOUR_MS

# Jira's default time-tracking settings: a working day has 8 hours, a week 5 days.
_DURATION_UNITS = (("w", 5 * 8 * 3600), ("d", 8 * 3600), ("h", 3600), ("m", 60))

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=4096)
def _day_string(day: int) -> str:
    return (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")


def format_timestamp(ms: int) -> str:
    """Jira's datetime format, e.g. `2023-06-24T19:24:50.000+0000` (the site time zone is UTC)."""
    day, rest = divmod(ms, DAY_MS)
    seconds, millis = divmod(rest, 1000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{_day_string(day)}T{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}+0000"


def format_sprint_timestamp(ms: int) -> str:
    """The Agile format used inside Sprint field values, e.g. `2025-03-12T01:36:46.600Z`."""
    return format_timestamp(ms)[:-5] + "Z"


def format_date(ms: int) -> str:
    """A date-only value (`duedate`, version release dates, date pickers): `2024-06-01`."""
    return _day_string(ms // DAY_MS)


def format_duration(seconds: int) -> str:
    """Jira's time-tracking text: `1w 2d 3h 30m`; zero is `0m`."""
    parts = []
    for unit, size in _DURATION_UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return " ".join(parts) or "0m"
