"""An issue's life: which statuses it went through and when, and the changelog that records it.

Workflows: standard issues (story, task, bug) go Backlog → To Do → In Progress → In Review →
Done, may bounce back from review, be reopened, or end in Won't Do; epics and sub-tasks go
To Do → In Progress → Done. Every instant lies in [created, reference date].
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from jirasim.dataset.catalog import (
    BACKLOG,
    DONE,
    DONE_CATEGORY,
    IN_PROGRESS,
    IN_REVIEW,
    RESOLUTION_DONE,
    SUBTASK,
    TO_DO,
    TO_DO_CATEGORY,
    WONT_DO,
    IssueType,
    Resolution,
    Status,
)
from jirasim.dataset.clock import DAY_MS, MINUTE_MS, REFERENCE_MS, format_timestamp

JsonDict = dict[str, Any]

_STANDARD_LINE = (BACKLOG, TO_DO, IN_PROGRESS, IN_REVIEW, DONE)
_SHORT_LINE = (TO_DO, IN_PROGRESS, DONE)
_TWO_YEARS_MS = 730 * DAY_MS


@dataclass
class Life:
    """The planned history of one issue. `statuses[0]` is the status it was created in and
    `times[k]` the instant of the transition into `statuses[k + 1]`."""

    statuses: list[Status]
    times: list[int]
    created: int
    lifetime: int  # every planned event happens within [created, created + lifetime]
    # (instant, old assignee, new assignee); account ids or None for unassigned
    assignee_changes: list[tuple[int, str | None, str | None]] = field(default_factory=list)

    @property
    def status(self) -> Status:
        return self.statuses[-1]

    @property
    def started_at(self) -> int | None:
        """When work first started (first move into an In Progress-category status)."""
        for index, status in enumerate(self.statuses[1:]):
            if status.category.key == "indeterminate":
                return self.times[index]
        return None

    @property
    def status_category_changed_at(self) -> int | None:
        """The last transition that changed the status category, or None if none did."""
        for index in range(len(self.times) - 1, -1, -1):
            if self.statuses[index].category is not self.statuses[index + 1].category:
                return self.times[index]
        return None


def _final_status(rng: random.Random, line: tuple[Status, ...], age_fraction: float) -> Status:
    """Older issues are more likely finished."""
    roll = rng.random()
    done_chance = 0.2 + 0.72 * age_fraction
    if roll < done_chance:
        return WONT_DO if rng.random() < 0.08 else DONE
    if roll < done_chance + (1 - done_chance) * 0.45:
        return IN_REVIEW if IN_REVIEW in line and rng.random() < 0.35 else IN_PROGRESS
    return BACKLOG if BACKLOG in line and rng.random() < 0.3 else TO_DO


def plan_statuses(rng: random.Random, issue_type: IssueType, age_fraction: float) -> list[Status]:
    """The sequence of statuses from creation to now (at least the creation status)."""
    line = _SHORT_LINE if issue_type.hierarchy_level != 0 else _STANDARD_LINE
    final = _final_status(rng, line, age_fraction)
    if final is BACKLOG:
        return [BACKLOG]
    start = BACKLOG if line is _STANDARD_LINE and rng.random() < 0.3 else TO_DO
    first = line.index(start)
    if final is WONT_DO:
        # abandoned somewhere before review
        stop = rng.randint(first, line.index(IN_PROGRESS))
        return [*line[first : stop + 1], WONT_DO]
    path = list(line[first : line.index(final) + 1])
    if IN_REVIEW in path and final is DONE and rng.random() < 0.15:
        review = path.index(IN_REVIEW)
        path[review + 1 : review + 1] = [IN_PROGRESS, IN_REVIEW]  # sent back from review
    if final is DONE and line is _STANDARD_LINE and rng.random() < 0.04:
        path += [IN_PROGRESS, IN_REVIEW, DONE]  # reopened after release
    return path


def plan_life(rng: random.Random, issue_type: IssueType, created: int) -> Life:
    """Statuses with transition instants; every instant lies in [created, reference date)."""
    age_fraction = min(1.0, (REFERENCE_MS - created) / _TWO_YEARS_MS)
    statuses = plan_statuses(rng, issue_type, age_fraction)
    available = max(0, REFERENCE_MS - created - MINUTE_MS)
    final = statuses[-1]
    if final.category is DONE_CATEGORY:
        mean_days = 45 if issue_type.hierarchy_level == 1 else 5 if issue_type is SUBTASK else 10
    elif final.category is TO_DO_CATEGORY:
        mean_days = 30
    else:
        mean_days = 20
    lifetime = min(available, int(rng.expovariate(1.0) * mean_days * DAY_MS) + 30 * MINUTE_MS)
    times = sorted(created + int(rng.random() * lifetime) for _ in range(len(statuses) - 1))
    return Life(statuses, times, created, lifetime)


def plan_assignee_changes(
    rng: random.Random, life: Life, final_assignee: str | None, other_assignee: str
) -> None:
    """Assignee changes leading to `final_assignee`; `other_assignee` is a plausible earlier
    assignee. Without changes the issue had its final assignee from creation."""
    created, lifetime = life.created, life.lifetime
    roll = rng.random()
    if final_assignee is None:
        if roll < 0.06:  # assigned at creation, unassigned later
            unassigned = created + int(rng.random() * lifetime)
            life.assignee_changes.append((unassigned, other_assignee, None))
        return
    if roll < 0.45:  # created unassigned, picked up before work started
        first_move = life.times[0] if life.times else created + lifetime
        picked_up = created + int(rng.random() * (first_move - created))
        life.assignee_changes.append((picked_up, None, final_assignee))
    elif roll < 0.55 and other_assignee != final_assignee:  # handed over
        handover = created + int(rng.random() * lifetime)
        life.assignee_changes.append((handover, other_assignee, final_assignee))


class ChangelogWriter:
    """Builds `changelog` objects. Item dicts that Jira would render identically (the same
    status transition, the same resolution change) are built once and shared."""

    def __init__(self, user_json: dict[str, JsonDict], user_names: dict[str, str]) -> None:
        self._user_json = user_json
        self._user_names = user_names
        self._status_items: dict[tuple[str, str], JsonDict] = {}
        self._resolution_items: dict[tuple[str | None, str | None], JsonDict] = {}
        self._assignee_items: dict[tuple[str | None, str | None], JsonDict] = {}
        self.next_id = 100000

    def _status_item(self, old: Status, new: Status) -> JsonDict:
        key = (old.id, new.id)
        item = self._status_items.get(key)
        if item is None:
            item = self._status_items[key] = {
                "field": "status",
                "fieldtype": "jira",
                "fieldId": "status",
                "from": old.id,
                "fromString": old.name,
                "to": new.id,
                "toString": new.name,
            }
        return item

    def _resolution_item(self, old: Resolution | None, new: Resolution | None) -> JsonDict:
        key = (old.id if old else None, new.id if new else None)
        item = self._resolution_items.get(key)
        if item is None:
            item = self._resolution_items[key] = {
                "field": "resolution",
                "fieldtype": "jira",
                "fieldId": "resolution",
                "from": old.id if old else None,
                "fromString": old.name if old else None,
                "to": new.id if new else None,
                "toString": new.name if new else None,
            }
        return item

    def _assignee_item(self, old: str | None, new: str | None) -> JsonDict:
        item = self._assignee_items.get((old, new))
        if item is None:
            item = self._assignee_items[(old, new)] = {
                "field": "assignee",
                "fieldtype": "jira",
                "fieldId": "assignee",
                "from": old,
                "fromString": self._user_names[old] if old else None,
                "to": new,
                "toString": self._user_names[new] if new else None,
            }
        return item

    def write(
        self,
        life: Life,
        resolution: Resolution | None,
        reporter: str,
        assignee: str | None,
        reopened_resolution: Resolution = RESOLUTION_DONE,
    ) -> JsonDict:
        """The `changelog` of an issue, most recent history first (as the Jira Cloud spec
        documents for `expand=changelog`); history ids still grow with time. Status changes are
        made by whoever was assigned at the time, else by the reporter. An issue that is open
        now but was done once had `reopened_resolution` meanwhile."""
        events: list[tuple[int, int, str, list[JsonDict]]] = []  # (instant, order, author, items)
        if life.assignee_changes:
            assignee = life.assignee_changes[0][1]
        pending = list(life.assignee_changes)
        for index, at in enumerate(life.times):
            while pending and pending[0][0] <= at:
                change_at, old, new = pending.pop(0)
                events.append((change_at, 0, reporter, [self._assignee_item(old, new)]))
                assignee = new
            old_status, new_status = life.statuses[index], life.statuses[index + 1]
            items = [self._status_item(old_status, new_status)]
            if new_status.category is DONE_CATEGORY and old_status.category is not DONE_CATEGORY:
                items.insert(0, self._resolution_item(None, resolution or reopened_resolution))
            elif old_status.category is DONE_CATEGORY and new_status.category is not DONE_CATEGORY:
                items.insert(0, self._resolution_item(resolution or reopened_resolution, None))
            events.append((at, 1, assignee or reporter, items))
        for change_at, old, new in pending:
            events.append((change_at, 0, reporter, [self._assignee_item(old, new)]))
        events.sort(key=lambda event: (event[0], event[1]))
        histories = []
        for at, _order, author, items in events:
            histories.append(
                {
                    "id": str(self.next_id),
                    "author": self._user_json[author],
                    "created": format_timestamp(at),
                    "items": items,
                }
            )
            self.next_id += 1
        histories.reverse()
        total = len(histories)
        return {"startAt": 0, "maxResults": total, "total": total, "histories": histories}
