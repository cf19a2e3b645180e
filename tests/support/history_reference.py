"""An independent reference for the history fields of issue 14, written from docs/engine.md
and nothing else: the TypeScript engine is checked against it, so it shares no code or shortcut
with client/. Plain and slow on purpose (working time walks day by day).

Instants are whole seconds since the Unix epoch; durations are whole seconds; `None` is an empty
value (never 0)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

JsonDict = dict[str, Any]


def parse_instant(text: str) -> int:
    """A Jira timestamp (`2024-11-05T07:42:47.328+0000`, or ISO with `Z`), truncated to its
    whole second."""
    at = datetime.strptime(text.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    return int(at.replace(microsecond=0).timestamp())


def _instant_ms(text: str) -> int:
    at = datetime.strptime(text.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    return int(at.replace(microsecond=0).timestamp()) * 1000 + at.microsecond // 1000


@dataclass(frozen=True)
class Issue:
    """One issue as the report sees it. `histories`: its change histories as Jira sends them (any
    order; other fields' items are ignored), or None when the changelog is incomplete."""

    created: str
    status: str  # the current status id
    resolution_date: str | None
    histories: list[JsonDict] | None


@dataclass(frozen=True)
class Change:
    at: int
    from_id: str | None
    to_id: str | None


@dataclass(frozen=True)
class Stay:
    status: str | None
    start: int
    end: int
    left: bool  # ended by a change (False for the stay running now)


@dataclass(frozen=True)
class Status:
    """A cycle-time end point: one status, by id."""

    id: str


@dataclass(frozen=True)
class Category:
    """A cycle-time end point: a status category, by key ("new", "indeterminate", "done")."""

    key: str


def status_changes(histories: list[JsonDict]) -> list[Change]:
    """The status items, ordered by instant (ms), history id, then order inside the history."""
    ordered = sorted(histories, key=lambda h: (_instant_ms(h["created"]), int(h["id"])))
    return [
        Change(parse_instant(history["created"]), item.get("from"), item.get("to"))
        for history in ordered
        for item in history.get("items") or []
        if item.get("field") == "status"
    ]


def stays(issue: Issue, now: int) -> list[Stay] | None:
    """The issue's life from created to now as stays, or None when the changelog is incomplete
    (not loaded, or ending in another status than the current one)."""
    if issue.histories is None:
        return None
    created = parse_instant(issue.created)
    end_of_time = max(now, created)
    changes = status_changes(issue.histories)
    status = changes[0].from_id if changes else issue.status
    result = []
    start = created
    for change in changes:
        at = min(max(change.at, created), end_of_time)
        result.append(Stay(status, start, at, left=True))
        status, start = change.to_id, at
    if status != issue.status:
        return None
    result.append(Stay(status, start, end_of_time, left=False))
    return result


def _length(start: int, end: int, calendar: WorkingCalendar | None) -> int:
    return end - start if calendar is None else calendar.working_seconds(start, end)


def time_in_status(
    issue: Issue, status_id: str | None, now: int, calendar: WorkingCalendar | None = None
) -> int | None:
    timeline = stays(issue, now)
    if timeline is None:
        return None
    return sum(_length(s.start, s.end, calendar) for s in timeline if s.status == status_id)


def time_in_category(
    issue: Issue,
    category_key: str,
    categories: dict[str, str],
    now: int,
    calendar: WorkingCalendar | None = None,
) -> int | None:
    """`categories`: status id → category key; statuses missing from it are in no category."""
    timeline = stays(issue, now)
    if timeline is None:
        return None
    return sum(
        _length(s.start, s.end, calendar)
        for s in timeline
        if s.status in categories and categories[s.status] == category_key
    )


def transitions_total(issue: Issue) -> int | None:
    # stays(…, 0) only checks that the changelog is complete and ends in the current status.
    if issue.histories is None or stays(issue, 0) is None:
        return None
    return len(status_changes(issue.histories))


def transitions_into(issue: Issue, status_id: str | None) -> int | None:
    if issue.histories is None or stays(issue, 0) is None:
        return None
    return sum(1 for change in status_changes(issue.histories) if change.to_id == status_id)


def first_entered(issue: Issue, status_id: str | None, now: int) -> int | None:
    timeline = stays(issue, now)
    if timeline is None:
        return None
    return next((s.start for s in timeline if s.status == status_id), None)


def last_left(issue: Issue, status_id: str | None, now: int) -> int | None:
    timeline = stays(issue, now)
    if timeline is None:
        return None
    left = [s.end for s in timeline if s.status == status_id and s.left]
    return left[-1] if left else None


def _inside(status: str | None, point: Status | Category, categories: dict[str, str]) -> bool:
    if isinstance(point, Status):
        return status == point.id
    return status in categories and categories[status] == point.key


def _entries(
    timeline: list[Stay], point: Status | Category, categories: dict[str, str]
) -> list[int]:
    """Instants the issue entered `point`: from outside it, or by being created in it."""
    found = []
    for index, stay in enumerate(timeline):
        was_inside = index > 0 and _inside(timeline[index - 1].status, point, categories)
        if _inside(stay.status, point, categories) and not was_inside:
            found.append(stay.start)
    return found


def cycle_time(
    issue: Issue,
    now: int,
    categories: dict[str, str],
    start: Status | Category = Category("indeterminate"),
    end: Status | Category = Category("done"),
    calendar: WorkingCalendar | None = None,
) -> int | None:
    """First entry into `start` → last entry into `end`; empty unless the issue entered `start`,
    is in `end` now and the end is not before the start."""
    timeline = stays(issue, now)
    if timeline is None or not _inside(timeline[-1].status, end, categories):
        return None
    starts = _entries(timeline, start, categories)
    ends = _entries(timeline, end, categories)
    if not starts or not ends or ends[-1] < starts[0]:
        return None
    return _length(starts[0], ends[-1], calendar)


def lead_time(
    issue: Issue, now: int, categories: dict[str, str], calendar: WorkingCalendar | None = None
) -> int | None:
    """Created → resolution date, else → the last entry into the done category if done now."""
    timeline = stays(issue, now)
    if timeline is None:
        return None
    created = parse_instant(issue.created)
    if issue.resolution_date:
        resolved = min(max(parse_instant(issue.resolution_date), created), max(now, created))
        return _length(created, resolved, calendar)
    done = Category("done")
    if not _inside(timeline[-1].status, done, categories):
        return None
    return _length(created, _entries(timeline, done, categories)[-1], calendar)


def current_status_age(
    issue: Issue, now: int, calendar: WorkingCalendar | None = None
) -> int | None:
    timeline = stays(issue, now)
    if timeline is None:
        return None
    return _length(timeline[-1].start, timeline[-1].end, calendar)


@dataclass(frozen=True)
class WorkingCalendar:
    """Working weekdays (1 = Monday … 7 = Sunday), whole start and end hours (0 ≤ start < end ≤
    24) and an IANA zone."""

    weekdays: frozenset[int]
    start_hour: int
    end_hour: int
    zone: str

    def working_seconds(self, start: int, end: int) -> int:
        """Seconds of [start, end) inside working windows, summed local date by local date."""
        if end <= start:
            return 0
        zone = ZoneInfo(self.zone)
        first = datetime.fromtimestamp(start, UTC).astimezone(zone).date() - timedelta(days=1)
        last = datetime.fromtimestamp(end, UTC).astimezone(zone).date() + timedelta(days=1)
        total = 0
        day = first
        while day <= last:
            if day.isoweekday() in self.weekdays:
                opens = first_moment(day, self.start_hour, zone)
                closes = first_moment(day, self.end_hour, zone)
                total += max(0, min(end, closes) - max(start, opens))
            day += timedelta(days=1)
        return total


def first_moment(day: date, hour: int, zone: ZoneInfo) -> int:
    """The instant the local clock first reads `hour`:00 on `day` (24: the next midnight); when
    the clock skips that time, the instant it jumps."""
    if hour == 24:
        day, hour = day + timedelta(days=1), 0
    wall = datetime.combine(day, time(hour))
    earlier = int(wall.replace(tzinfo=zone, fold=0).timestamp())
    if _wall(earlier, zone) == wall:
        return earlier
    # A skipped time: the two folds give instants on either side of the jump; find the first
    # instant whose wall clock reads `hour`:00 or later, one second at a time by bisection.
    low, high = sorted((earlier, int(wall.replace(tzinfo=zone, fold=1).timestamp())))
    while low < high:
        middle = (low + high) // 2
        if _wall(middle, zone) >= wall:
            high = middle
        else:
            low = middle + 1
    return low


def _wall(instant: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(instant, UTC).astimezone(zone).replace(tzinfo=None)


def percentile(values: list[int | None], p: int) -> int | None:
    """Nearest rank: the value at rank ⌈p·n/100⌉ of the sorted non-empty values."""
    present = sorted(v for v in values if v is not None)
    if not present:
        return None
    rank = max(1, -(-p * len(present) // 100))  # ceil in integers: no float rounding
    return present[rank - 1]
