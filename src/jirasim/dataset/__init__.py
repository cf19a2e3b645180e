"""Seeded dataset generator for jirasim: a whole Jira Cloud site (users, groups, projects,
field catalog, sprints, versions, issues) from `generate_site(seed=..., issue_count=...,
base_url=...)`, identical for equal (seed, issue_count) and built with `random.Random(seed)` only.

Time: everything happens during the two years before `REFERENCE_DATE` (2026-11-01T00:00:00Z, a
constant, never the clock). Released versions and closed sprints lie before it; unreleased
versions, the active sprint's end and future sprints after it.

Demo users exist in every site whatever the seed (fixed account ids and API tokens for HTTP
Basic auth, so a README can print them):

- `admin@example.com`, token `demo-token-admin`, account `5b10ac8d82e05b22cc7d4ef5`: Jira
  administrator (in `site.administrators`), groups jira-administrators, jira-software-users,
  team-platform; can browse every project including the restricted `SEC`.
- `member@example.com`, token `demo-token-member`, account `5b10a0effa615349cb016cd8`: groups
  jira-software-users, team-platform, team-web; cannot browse `SEC`.
- `outsider@example.com`, token `demo-token-outsider`, account `5b109f2e9729b51b54dc274d`: in no
  group and cannot browse `SEC`; never a reporter or assignee.

Histories include, on every seed, the cases that time-in-status and cycle-time calculations get
wrong (`jirasim.dataset.history_cases`): issues created directly in a done status (no status
change, resolved at creation), issues reopened and done again or still open, statuses entered
four times or more, and status changes within 90 minutes of a DST change in Europe/Berlin or
America/New_York.

Issues are dicts in the exact Jira REST v3 shape (`fields=*all&expand=changelog`). Sub-objects
that Jira renders identically (users, statuses, projects, versions, sprints, options, empty
lists) are shared between issues to save memory: callers must treat issues as read-only and
copy before changing anything.
"""

from jirasim.dataset.catalog import (
    PLATFORMS_FIELD,
    SPRINT_FIELD,
    STORY_POINTS_FIELD,
    TARGET_DATE_FIELD,
    TEAM_FIELD,
    ReferenceJson,
    field_catalog,
)
from jirasim.dataset.clock import REFERENCE_DATE
from jirasim.dataset.generate import MAX_ISSUES, generate_site
from jirasim.dataset.people import DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER, DEMO_USERS
from jirasim.dataset.projects import RESTRICTED_PROJECT_KEY

__all__ = [
    "DEMO_ADMIN",
    "DEMO_MEMBER",
    "DEMO_OUTSIDER",
    "DEMO_USERS",
    "MAX_ISSUES",
    "PLATFORMS_FIELD",
    "REFERENCE_DATE",
    "RESTRICTED_PROJECT_KEY",
    "SPRINT_FIELD",
    "STORY_POINTS_FIELD",
    "TARGET_DATE_FIELD",
    "TEAM_FIELD",
    "ReferenceJson",
    "field_catalog",
    "generate_site",
]
