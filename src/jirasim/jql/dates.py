"""JQL date values: absolute dates, relative periods, Jira timestamps and calendar arithmetic.

All arithmetic that involves days, weeks, months or years happens on the user's wall clock
(`zone`), so `startOfDay()` is local midnight and `-1d` keeps the local time across DST.
Instants are exchanged as epoch milliseconds (ints), which is what the issue columns hold.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

VALID_DATE_FORMATS = (
    "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', "
    "'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."
)

_ABSOLUTE = re.compile(r"(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?")
_PERIOD = re.compile(r"([-+])?\s*((?:\d+\s*[yMwdhm]?\s*)+)")
_PERIOD_PART = re.compile(r"(\d+)\s*([yMwdhm]?)")
_INCREMENT = re.compile(r"([-+])?(\d+)([yMwdhm])?")


def to_millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_millis(millis: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(millis / 1000, tz=zone)


def parse_jira_timestamp(value: object) -> int | None:
    """Epoch millis of `2023-06-24T19:24:50.000+0000` (or ISO with colon / Z), else None."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    elif len(text) > 5 and text[-5] in "+-" and ":" not in text[-5:]:
        text = text[:-2] + ":" + text[-2:]
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return to_millis(moment)


def parse_iso_date(value: object) -> date | None:
    """`2024-06-01` (the shape of `duedate`), else None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def local_midnight(day: date, zone: ZoneInfo) -> int:
    """Epoch millis of the start of `day` on the user's wall clock."""
    return to_millis(datetime.combine(day, time(), tzinfo=zone))


def parse_date_value(text: str, now: datetime, zone: ZoneInfo) -> int | None:
    """Epoch millis for an absolute date (user's zone) or a period relative to `now`."""
    stripped = text.strip()
    absolute = _ABSOLUTE.fullmatch(stripped)
    if absolute:
        year, _, month, day, hour, minute = absolute.groups()
        try:
            moment = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), tzinfo=zone
            )
        except ValueError:
            return None
        return to_millis(moment)
    period = _PERIOD.fullmatch(stripped)
    if period:
        sign = -1 if period.group(1) == "-" else 1
        moment = now.astimezone(zone)
        for amount, unit in _PERIOD_PART.findall(period.group(2)):
            moment = shift(moment, sign * int(amount), unit or "m")
        return to_millis(moment)
    return None


def parse_increment(text: str, default_unit: str) -> tuple[int, str] | None:
    """`-1M`, `+15d`, `3` (in `default_unit`) as (amount, unit); None if malformed."""
    match = _INCREMENT.fullmatch(text.strip())
    if match is None:
        return None
    sign, amount, unit = match.groups()
    return (-1 if sign == "-" else 1) * int(amount), unit or default_unit


def shift(moment: datetime, amount: int, unit: str) -> datetime:
    """`moment` moved by `amount` units (y M w d on the wall clock, h m as elapsed time)."""
    if unit in ("y", "M"):
        months = amount * 12 if unit == "y" else amount
        index = moment.year * 12 + moment.month - 1 + months
        year, month = divmod(index, 12)
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        return _wall(moment, moment.replace(year=year, month=month + 1, day=day))
    if unit in ("w", "d"):
        days = amount * 7 if unit == "w" else amount
        return _wall(moment, moment.replace(tzinfo=None) + timedelta(days=days))
    delta = timedelta(hours=amount) if unit == "h" else timedelta(minutes=amount)
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


def _wall(original: datetime, wall_clock: datetime) -> datetime:
    return wall_clock.replace(tzinfo=original.tzinfo)


def start_of(period: str, moment: datetime, week_start: int) -> datetime:
    """Start of the day/week/month/year containing `moment` (a zone-aware local time).

    `week_start` is a weekday number (0 = Monday ... 6 = Sunday).
    """
    midnight = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "day":
        return midnight
    if period == "week":
        back = (midnight.weekday() - week_start) % 7
        return _wall(moment, midnight.replace(tzinfo=None) - timedelta(days=back))
    if period == "month":
        return midnight.replace(day=1)
    return midnight.replace(month=1, day=1)


def end_of(period: str, moment: datetime, week_start: int) -> datetime:
    """The last millisecond of the day/week/month/year containing `moment`."""
    start = start_of(period, moment, week_start)
    unit = {"day": "d", "week": "w", "month": "M", "year": "y"}[period]
    following = shift(start, 1, unit)
    return (following.astimezone(UTC) - timedelta(milliseconds=1)).astimezone(moment.tzinfo)
