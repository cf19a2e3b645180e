"""Where an issue sits in a project's plan: its sprints, fix and affects versions, components."""

from __future__ import annotations

import random
from bisect import bisect_right
from typing import Any

from jirasim.dataset.clock import REFERENCE_MS
from jirasim.dataset.projects import ProjectData

JsonDict = dict[str, Any]

# How many earlier sprints an unfinished-in-time issue rolled over from.
_ROLLOVERS = (0, 0, 0, 0, 0, 1, 1, 2)


def pick_sprints(
    rng: random.Random,
    project: ProjectData,
    category_key: str,
    created: int,
    resolved: int | None,
) -> list[JsonDict] | None:
    """The Sprint field: every sprint the issue has been in, oldest first, or None."""
    ends = project.sprint_end_ms
    if not ends:
        return None
    active = bisect_right(ends, REFERENCE_MS)
    first = bisect_right(ends, created)
    if first < active and rng.random() < 0.6:
        first += 1  # planned into the next sprint rather than added mid-sprint
    if category_key == "done":
        if resolved is None or rng.random() < 0.15:
            return None
        last = bisect_right(ends, resolved)
    elif category_key == "indeterminate":
        if rng.random() < 0.1:
            return None
        last = active
    else:
        roll = rng.random()
        if roll < 0.55:
            return None  # in the backlog
        last = active if roll < 0.85 else min(active + 1, len(ends) - 1)
    first = max(min(first, last), last - rng.choice(_ROLLOVERS))
    return project.sprint_json[first : last + 1]


def pick_fix_versions(
    rng: random.Random, project: ProjectData, category_key: str, resolved: int | None
) -> list[JsonDict]:
    """Finished work ships in the first version released after it was resolved; some open work
    is planned for the next unreleased version."""
    release = project.version_release_ms
    if category_key == "done" and resolved is not None:
        if rng.random() < 0.3:
            return []
        index = bisect_right(release, resolved)
        index = min(index, len(release) - 1)
        return [project.version_json[index]]
    if rng.random() < 0.3:
        next_unreleased = next(i for i, v in enumerate(project.versions) if not v.released)
        return [project.version_json[next_unreleased]]
    return []


def pick_affected_versions(
    rng: random.Random, project: ProjectData, created: int
) -> list[JsonDict]:
    """A bug affects the latest version released before it was reported."""
    if rng.random() < 0.4:
        return []
    index = bisect_right(project.version_release_ms, created) - 1
    if index < 0 or not project.versions[index].released:
        return []
    return [project.version_json[index]]


def pick_components(rng: random.Random, project: ProjectData) -> list[JsonDict]:
    roll = rng.random()
    if roll < 0.35:
        return []
    components = project.components
    if roll < 0.85:
        return [components[int(rng.random() * len(components))]]
    picked = sorted(rng.sample(range(len(components)), 2))
    return [components[index] for index in picked]
