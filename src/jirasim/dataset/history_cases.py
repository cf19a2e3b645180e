"""Histories that time-in-status and cycle-time calculations get wrong: issues created directly
in a done status, issues reopened and still open, statuses entered many times, and transitions
within hours of a daylight-saving change in Europe/Berlin or America/New_York.

`vary_life` rewrites a few planned lives with its own random generator (seeded from the site
seed), never the dataset's main one, and keeps the final status category, on which the number of
the main generator's later draws depends: every other issue of a seed stays as it was before
these cases existed (only changelog ids, a site-wide counter, shift).
"""

from __future__ import annotations

import random
from datetime import timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from jirasim.dataset.catalog import DONE, DONE_CATEGORY, IN_PROGRESS, IN_REVIEW, IssueType
from jirasim.dataset.clock import DAY_MS, MINUTE_MS, REFERENCE_DATE
from jirasim.dataset.workflow import Life

DST_ZONES = ("Europe/Berlin", "America/New_York")
# Odds per eligible issue.
_CREATED_DONE = 0.02  # a done issue was created in its done status (imported, or filed late)
_BOUNCES = 0.06  # a reviewed done issue went back and forth between review and work 2-5 times
_REOPENED_OPEN = 0.25  # an issue in review had been done once and was reopened
_NEAR_DST = 0.5  # a transition within 3 days of a DST change moves to within 90 min of it
_DST_REACH_MS = 3 * DAY_MS
_DST_OFFSET_MINUTES = 90


def history_rng(seed: int) -> random.Random:
    """The generator of these cases for a site seed (independent of the main one)."""
    return random.Random(f"jirasim-history-cases-{seed}")  # noqa: S311 - reproducible


@lru_cache(maxsize=1)
def dst_changes_ms() -> tuple[int, ...]:
    """Instants (UTC millis) of every DST change in `DST_ZONES` during the dataset's two years."""
    start = REFERENCE_DATE - timedelta(days=731)
    found: set[int] = set()
    for name in DST_ZONES:
        zone = ZoneInfo(name)
        at = start
        offset = at.astimezone(zone).utcoffset()
        while at < REFERENCE_DATE:
            following = at + timedelta(hours=1)
            following_offset = following.astimezone(zone).utcoffset()
            if following_offset != offset:
                found.add(int(following.timestamp()) * 1000)
            at, offset = following, following_offset
    return tuple(sorted(found))


def vary_life(rng: random.Random, life: Life, issue_type: IssueType) -> None:
    """Maybe turn `life` into one of the hard cases (in place)."""
    rolls = [rng.random() for _ in range(4)]
    if rolls[0] < _CREATED_DONE and life.status.category is DONE_CATEGORY:
        life.statuses[:] = [life.status]
        life.times[:] = []
        return
    if rolls[1] < _BOUNCES:
        _bounce(rng, life)
    if rolls[2] < _REOPENED_OPEN:
        _reopen_before_review(rng, life)
    if rolls[3] < _NEAR_DST:
        _move_next_to_dst_change(rng, life)


def _increasing(rng: random.Random, low: int, high: int, count: int) -> list[int] | None:
    """`count` distinct instants strictly between `low` and `high`, ascending, or None."""
    if high - low <= count + 1:
        return None
    return sorted(rng.sample(range(low + 1, high), count))


def _bounce(rng: random.Random, life: Life) -> None:
    """Done after review: review is sent back to work several more times before the end."""
    statuses, times = life.statuses, life.times
    if life.status is not DONE or len(statuses) < 3 or statuses[-2] is not IN_REVIEW:
        return
    pairs = rng.randint(2, 5)
    # statuses[-2] (In Review) was entered at times[-2]; Done at times[-1].
    extra = _increasing(rng, times[-2], times[-1], 2 * pairs)
    if extra is None:
        return
    statuses[-1:-1] = [IN_PROGRESS, IN_REVIEW] * pairs
    times[-1:-1] = extra


def _reopen_before_review(rng: random.Random, life: Life) -> None:
    """In review now; earlier it had been reviewed, done, and reopened."""
    statuses, times = life.statuses, life.times
    if life.status is not IN_REVIEW or len(statuses) < 3 or statuses[-2] is not IN_PROGRESS:
        return
    # In Progress was entered at times[-2]: review, done and reopening happen before times[-1].
    extra = _increasing(rng, times[-2], times[-1], 3)
    if extra is None:
        return
    statuses[-1:-1] = [IN_REVIEW, DONE, IN_PROGRESS]
    times[-1:-1] = extra


def _move_next_to_dst_change(rng: random.Random, life: Life) -> None:
    """The transition nearest a DST change (within 3 days) moves to within 90 minutes of it,
    keeping the order of events. The last transition (the resolution of done issues) and the
    start of work stay put: fix versions, sprints and work logs are planned from them."""
    times = life.times
    started = life.started_at
    movable = [i for i in range(len(times) - 1) if times[i] != started]
    best: tuple[int, int, int] | None = None  # (distance, index, change)
    for change in dst_changes_ms():
        for index in movable:
            at = times[index]
            distance = abs(at - change)
            if distance <= _DST_REACH_MS and (best is None or distance < best[0]):
                best = (distance, index, change)
    if best is None:
        return
    _, index, change = best
    minutes = rng.choice([-1, 1]) * rng.randint(1, _DST_OFFSET_MINUTES)
    moved = change + minutes * MINUTE_MS + rng.randrange(MINUTE_MS)
    low = times[index - 1] if index else life.created
    if low < moved < times[index + 1]:
        times[index] = moved
