"""Estimates and logged work: story points, time tracking (seconds, Jira's `1w 2d` text),
progress and worklogs."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from jirasim.dataset.clock import format_duration, format_timestamp

JsonDict = dict[str, Any]

_QUARTER_HOUR = 900
# 30m, 1h, 2h, 3h, 4h, 1d, 2d, 3d, 1w, 2w with Jira's 8-hour days and 5-day weeks
_ESTIMATES = (1800, 3600, 7200, 10800, 14400, 28800, 57600, 86400, 144000, 288000)
_ESTIMATE_CHANCE = {"Epic": 0.0, "Story": 0.3, "Task": 0.6, "Bug": 0.3, "Sub-task": 0.7}
_STORY_POINT_CHANCE = {"Epic": 0.0, "Story": 0.85, "Task": 0.4, "Bug": 0.15, "Sub-task": 0.05}
_STORY_POINTS = (0.5, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 5.0, 5.0, 5.0, 8.0, 8.0, 13.0, 21.0)


@dataclass(frozen=True)
class Effort:
    """Time tracking in seconds; None where Jira returns null."""

    original: int | None = None
    remaining: int | None = None
    spent: int | None = None


NO_EFFORT = Effort()


def story_points(rng: random.Random, issue_type_name: str) -> float | None:
    if rng.random() < _STORY_POINT_CHANCE[issue_type_name]:
        return rng.choice(_STORY_POINTS)
    return None


def plan_effort(rng: random.Random, issue_type_name: str, category_key: str) -> Effort:
    """An original estimate for some issues; work logged once work has started."""
    if rng.random() >= _ESTIMATE_CHANCE[issue_type_name]:
        return NO_EFFORT
    original = rng.choice(_ESTIMATES)
    if category_key == "new":
        return Effort(original, original, None)
    if category_key == "done":
        spent = max(_QUARTER_HOUR, round(original * rng.uniform(0.5, 1.6) / _QUARTER_HOUR) * 900)
        return Effort(original, 0, spent)
    spent = round(original * rng.uniform(0.0, 1.2) / _QUARTER_HOUR) * _QUARTER_HOUR
    if spent == 0:
        return Effort(original, original, None)
    return Effort(original, max(0, original - spent), spent)


def timetracking_json(effort: Effort) -> JsonDict:
    """The `timetracking` field: only the parts that are set; `{}` when nothing is."""
    value: JsonDict = {}
    if effort.original is not None:
        value["originalEstimate"] = format_duration(effort.original)
    if effort.remaining is not None:
        value["remainingEstimate"] = format_duration(effort.remaining)
    if effort.spent is not None:
        value["timeSpent"] = format_duration(effort.spent)
    if effort.original is not None:
        value["originalEstimateSeconds"] = effort.original
    if effort.remaining is not None:
        value["remainingEstimateSeconds"] = effort.remaining
    if effort.spent is not None:
        value["timeSpentSeconds"] = effort.spent
    return value


def work_ratio(effort: Effort) -> int:
    """Jira's Work Ratio: time spent as a percentage of the original estimate, -1 without one."""
    if not effort.original:
        return -1
    return (effort.spent or 0) * 100 // effort.original


class ProgressCache:
    """`progress`/`aggregateprogress` objects; equal values share one dict."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, int], JsonDict] = {}

    def get(self, spent: int | None, remaining: int | None) -> JsonDict:
        progress = spent or 0
        total = progress + (remaining or 0)
        value = self._cache.get((progress, total))
        if value is None:
            value = {"progress": progress, "total": total}
            if total:
                value["percent"] = progress * 100 // total
            self._cache[(progress, total)] = value
        return value


class WorklogWriter:
    """Worklog entries that add up to an issue's time spent, with site-wide ascending ids."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self.next_id = 10000

    def write(
        self,
        rng: random.Random,
        issue_id: str,
        spent: int,
        author: JsonDict,
        start: int,
        end: int,
    ) -> list[JsonDict]:
        quarters = spent // _QUARTER_HOUR
        count = min(quarters, rng.randint(1, 3))
        cuts = sorted(rng.sample(range(1, quarters), count - 1)) if count > 1 else []
        bounds = [0, *cuts, quarters]
        starts = sorted(start + int(rng.random() * (end - start)) for _ in range(count))
        worklogs = []
        for index, started in enumerate(starts):
            seconds = (bounds[index + 1] - bounds[index]) * _QUARTER_HOUR
            stamp = format_timestamp(started)
            worklogs.append(
                {
                    "self": f"{self._base_url}/rest/api/3/issue/{issue_id}/worklog/{self.next_id}",
                    "author": author,
                    "updateAuthor": author,
                    "created": stamp,
                    "updated": stamp,
                    "started": stamp,
                    "timeSpent": format_duration(seconds),
                    "timeSpentSeconds": seconds,
                    "id": str(self.next_id),
                    "issueId": issue_id,
                }
            )
            self.next_id += 1
        return worklogs
