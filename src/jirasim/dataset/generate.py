"""`generate_site`: the one entry point that assembles a seeded site from its parts."""

from __future__ import annotations

import gc
import random

from jirasim.dataset.catalog import field_catalog
from jirasim.dataset.history_cases import history_rng
from jirasim.dataset.issues import IssueFactory
from jirasim.dataset.people import (
    ADMINISTRATORS_GROUP,
    SECURITY_GROUP,
    generate_people,
    user_count_for,
)
from jirasim.dataset.projects import RESTRICTED_PROJECT_KEY, generate_projects
from jirasim.dataset.text import TextBank
from jirasim.site import Site

MAX_ISSUES = 200_000


def generate_site(*, seed: int, issue_count: int, base_url: str) -> Site:
    """A complete simulated Jira site, identical for equal (seed, issue_count).

    Sized for 100 to 200,000 issues (fewer work, but carry fewer of everything). The returned
    issues share sub-objects and must be treated as read-only.
    """
    if not 0 <= issue_count <= MAX_ISSUES:
        raise ValueError(f"issue_count must be between 0 and {MAX_ISSUES}, got {issue_count}")
    base_url = base_url.rstrip("/")
    # One generator, consumed in a fixed order: people, projects, text pools, issues. Seeded
    # and reproducible on purpose; nothing it makes (API tokens included) is a real secret.
    rng = random.Random(seed)  # noqa: S311
    people = generate_people(rng, user_count_for(issue_count))
    projects = generate_projects(rng, base_url)
    text = TextBank(rng)
    factory = IssueFactory(
        rng=rng,
        base_url=base_url,
        people=people,
        projects=projects,
        text=text,
        history_rng=history_rng(seed),
    )
    # Millions of new containers trigger the cycle collector over and over, which walks the
    # whole growing heap each time (about 40 % of the run at 100k issues); the dataset makes
    # no reference cycles, so pausing it loses nothing.
    collector_was_enabled = gc.isenabled()
    gc.disable()
    try:
        issues = factory.generate(issue_count)
    finally:
        if collector_was_enabled:
            gc.enable()
    restricted_to = set(people.groups[SECURITY_GROUP]) | set(people.groups[ADMINISTRATORS_GROUP])
    return Site(
        base_url=base_url,
        projects=[data.project for data in projects],
        users=people.users,
        groups=people.groups,
        fields=field_catalog(),
        issues=issues,
        sprints=[sprint for data in projects for sprint in data.sprints],
        versions=[version for data in projects for version in data.versions],
        browse_permissions={RESTRICTED_PROJECT_KEY: restricted_to},
        administrators=people.administrators,
    )
