"""Search results over the hand-written site: one case per operator, field kind and function.

Expected keys are in result order; without ORDER BY that is Jira's `key DESC` (OPS before EX,
higher numbers first). Alice may browse both projects and is the searching user.
"""

# ruff: noqa: E501 - tables of queries and Jira's message texts read best one case per line

from __future__ import annotations

import pytest
from tests.jirasim.jql.conftest import Keys

EX_ALL = [f"EX-{n}" for n in range(12, 0, -1)]
OPS_ALL = [f"OPS-{n}" for n in range(8, 0, -1)]

CASES: list[tuple[str, list[str]]] = [
    # logical operators and precedence
    ("project = EX AND priority = Highest", ["EX-3"]),
    ("priority = Highest OR priority = Lowest", ["OPS-7", "OPS-2", "EX-7", "EX-3"]),
    ("priority = Highest || priority = Lowest && project = OPS", ["OPS-7", "OPS-2", "EX-3"]),
    ("(priority = Highest | priority = Lowest) & project = OPS", ["OPS-7", "OPS-2"]),
    ("NOT project = EX", OPS_ALL),
    ("! project = EX AND priority = Highest", ["OPS-2"]),
    ("not (project = EX or priority = Medium)", ["OPS-7", "OPS-6", "OPS-5", "OPS-2", "OPS-1"]),
    ("NOT assignee = acc-bob AND project = EX",
     ["EX-12", "EX-11", "EX-9", "EX-7", "EX-6", "EX-4", "EX-3", "EX-1"]),
    # project
    ("project = ops", OPS_ALL),
    ('project in (EX, "Operations", 10001)', OPS_ALL + EX_ALL),
    ("project != EX", OPS_ALL),
    ("project not in (OPS)", EX_ALL),
    # status, category, type
    ('status = "in progress"', ["OPS-8", "OPS-2", "EX-11", "EX-3", "EX-1"]),
    ("status = 3", ["OPS-8", "OPS-2", "EX-11", "EX-3", "EX-1"]),
    ("status != Done",
     ["OPS-8", "OPS-7", "OPS-6", "OPS-4", "OPS-3", "OPS-2", "EX-12", "EX-11", "EX-9", "EX-8",
      "EX-5", "EX-4", "EX-3", "EX-1"]),
    ('status not in (Done, "To Do")', ["OPS-8", "OPS-4", "OPS-2", "EX-11", "EX-5", "EX-3", "EX-1"]),
    ('statusCategory = "In Progress"',
     ["OPS-8", "OPS-4", "OPS-2", "EX-11", "EX-5", "EX-3", "EX-1"]),
    ("statusCategory = Done", ["OPS-5", "OPS-1", "EX-10", "EX-7", "EX-6", "EX-2"]),
    ("statusCategory in (new, 3)",
     ["OPS-7", "OPS-6", "OPS-5", "OPS-3", "OPS-1", "EX-12", "EX-10", "EX-9", "EX-8", "EX-7",
      "EX-6", "EX-4", "EX-2"]),
    ("type = Bug", ["OPS-6", "OPS-2", "EX-10", "EX-6", "EX-3"]),
    ("issuetype in (Story, Epic)", ["OPS-4", "EX-9", "EX-5", "EX-2", "EX-1"]),
    ("issuetype in subTaskIssueTypes()", ["EX-8"]),
    ("issuetype in standardIssueTypes() AND project = EX",
     [k for k in EX_ALL if k != "EX-8"]),
    # priority, including ordering (Highest > High > Medium > Low > Lowest)
    ("priority = 1", ["OPS-2", "EX-3"]),
    ("priority > Medium", ["OPS-6", "OPS-2", "OPS-1", "EX-9", "EX-3", "EX-2", "EX-1"]),
    ("priority >= High", ["OPS-6", "OPS-2", "OPS-1", "EX-9", "EX-3", "EX-2", "EX-1"]),
    ("priority < Medium", ["OPS-7", "OPS-5", "EX-12", "EX-7", "EX-6"]),
    ("priority <= low", ["OPS-7", "OPS-5", "EX-12", "EX-7", "EX-6"]),
    # resolution
    ("resolution = Done", ["OPS-5", "OPS-1", "EX-10", "EX-7", "EX-2"]),
    ("resolution != Done", ["EX-6"]),
    ("resolution = Unresolved AND project = OPS",
     ["OPS-8", "OPS-7", "OPS-6", "OPS-4", "OPS-3", "OPS-2"]),
    ("resolution is empty AND project = OPS",
     ["OPS-8", "OPS-7", "OPS-6", "OPS-4", "OPS-3", "OPS-2"]),
    ("resolution is not empty", ["OPS-5", "OPS-1", "EX-10", "EX-7", "EX-6", "EX-2"]),
    ("resolution in (\"Won't Do\", EMPTY) AND project = EX",
     ["EX-12", "EX-11", "EX-9", "EX-8", "EX-6", "EX-5", "EX-4", "EX-3", "EX-1"]),
    # users
    ("assignee = currentUser()", ["OPS-6", "OPS-2", "EX-12", "EX-7", "EX-3", "EX-1"]),
    ("assignee is empty", ["OPS-7", "OPS-3", "EX-9", "EX-4"]),
    ("assignee = null", ["OPS-7", "OPS-3", "EX-9", "EX-4"]),
    ("assignee is not empty AND project = OPS",
     ["OPS-8", "OPS-6", "OPS-5", "OPS-4", "OPS-2", "OPS-1"]),
    ('assignee = "Bob Brown"', ["EX-10", "EX-8", "EX-5", "EX-2"]),
    ('assignee = "bob@example.com"', ["EX-10", "EX-8", "EX-5", "EX-2"]),
    ("assignee != acc-bob",
     ["OPS-8", "OPS-6", "OPS-5", "OPS-4", "OPS-2", "OPS-1", "EX-12", "EX-11", "EX-7", "EX-6",
      "EX-3", "EX-1"]),
    ("assignee in membersOf(developers)",
     ["OPS-6", "OPS-2", "EX-12", "EX-10", "EX-8", "EX-7", "EX-5", "EX-3", "EX-2", "EX-1"]),
    ('assignee not in membersOf("developers")', ["OPS-8", "OPS-5", "OPS-4", "OPS-1", "EX-11", "EX-6"]),
    ("assignee in (acc-dave, EMPTY)", ["OPS-8", "OPS-7", "OPS-5", "OPS-3", "EX-9", "EX-4"]),
    ("reporter = acc-dave", ["OPS-6", "OPS-2", "EX-10"]),
    ("creator = currentUser()", ["OPS-7", "OPS-4", "EX-11", "EX-8", "EX-7", "EX-4", "EX-2"]),
    # labels, components, versions
    ("labels = payments", ["EX-9", "EX-5", "EX-3", "EX-2"]),
    ("labels = PAYMENTS", ["EX-9", "EX-5", "EX-3", "EX-2"]),
    ("labels != payments",
     ["OPS-6", "OPS-5", "OPS-3", "OPS-2", "EX-12", "EX-10", "EX-7", "EX-6", "EX-1"]),
    ("labels in (email, docs)", ["EX-12", "EX-7", "EX-6"]),
    ("labels not in (payments, backlog)",
     ["OPS-6", "OPS-3", "OPS-2", "EX-10", "EX-7", "EX-6", "EX-1"]),
    ("labels is empty", ["OPS-8", "OPS-7", "OPS-4", "OPS-1", "EX-11", "EX-8", "EX-4"]),
    ("component = Backend", ["EX-4", "EX-3"]),
    ("component in (Frontend, Infra)", ["OPS-2", "OPS-1", "EX-2", "EX-1"]),
    ("component is not empty", ["OPS-2", "OPS-1", "EX-4", "EX-3", "EX-2", "EX-1"]),
    ('fixVersion = "2.0"', ["EX-5", "EX-3", "EX-1"]),
    ("fixVersion > 1.0", ["EX-7", "EX-5", "EX-3", "EX-2", "EX-1"]),
    ('fixVersion <= "2024.1"', ["OPS-5", "OPS-1"]),
    ("fixVersion is empty AND project = OPS", ["OPS-8", "OPS-7", "OPS-6", "OPS-2"]),
    ("affectedVersion = 1.1", ["EX-3"]),
    ("fixVersion in releasedVersions(EX)", ["EX-10", "EX-7", "EX-6", "EX-2"]),
    ("fixVersion in releasedVersions()", ["OPS-1", "EX-10", "EX-7", "EX-6", "EX-2"]),
    ("fixVersion in unreleasedVersions()", ["OPS-4", "OPS-3", "EX-5", "EX-3", "EX-1"]),
    ('fixVersion in unreleasedVersions("Operations")', ["OPS-4", "OPS-3"]),
    ("fixVersion = latestReleasedVersion(EX)", ["EX-7", "EX-2"]),
    ("fixVersion = earliestUnreleasedVersion(OPS)", ["OPS-4", "OPS-3"]),
    # sprints, parent, custom fields
    ('sprint = "EX Sprint 1"', ["EX-5", "EX-2"]),
    ("sprint = 2", ["EX-11", "EX-5", "EX-4", "EX-3"]),
    ("sprint != 2", ["EX-9", "EX-2"]),
    ("sprint in openSprints()", ["EX-11", "EX-5", "EX-4", "EX-3"]),
    ("sprint in closedSprints()", ["EX-5", "EX-2"]),
    ("sprint in futureSprints()", ["EX-9", "EX-4"]),
    ("sprint is empty AND project = EX", ["EX-12", "EX-10", "EX-8", "EX-7", "EX-6", "EX-1"]),
    ("parent = EX-1", ["EX-5", "EX-2"]),
    ("parent in (EX-1, 10003)", ["EX-8", "EX-5", "EX-2"]),
    ('"Story point estimate" > 4', ["EX-11", "EX-5", "EX-2"]),
    ("cf[10016] in (2, 3)", ["EX-4", "EX-3"]),
    ("cf[10016] != 5", ["EX-5", "EX-4", "EX-3"]),
    ("cf[10016] is empty AND project = EX",
     ["EX-12", "EX-10", "EX-9", "EX-8", "EX-7", "EX-6", "EX-1"]),
    ("cf[10030] = Red", ["EX-5", "EX-2"]),
    ("Team in (Red, Blue)", ["EX-9", "EX-5", "EX-3", "EX-2"]),
    ("Team = 40001", ["EX-9", "EX-3"]),
    ("Tags = beta", ["EX-9"]),
    ("Tags not in (beta)", ["EX-5"]),
    ('"Start date" > now()', ["EX-9"]),
    ("originalEstimate > 3h", ["EX-11"]),
    ("originalEstimate = 4h", ["EX-11"]),
    ("timespent = 120", ["EX-11"]),
    # issue keys and ids
    ("issue = ex-3", ["EX-3"]),
    ("id = 10003", ["EX-3"]),
    ("key in (EX-1, OPS-2)", ["OPS-2", "EX-1"]),
    ("issuekey != EX-1 AND project = EX", EX_ALL[:-1]),
    ("key > EX-9", ["EX-12", "EX-11", "EX-10"]),
    ("key <= EX-2", ["EX-2", "EX-1"]),
    ("key >= OPS-7", ["OPS-8", "OPS-7"]),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "expected"), CASES)
def test_search_finds_exactly(keys: Keys, jql: str, expected: list[str]) -> None:
    assert keys(jql) == expected


DATE_CASES: list[tuple[str, list[str]]] = [
    ('created < "2024-01-01"', ["OPS-5", "EX-6"]),
    ('created >= "2024/06/10" AND created < "2024-06-11 09:00"', ["OPS-2", "EX-4"]),
    ('created = "2024-06-12 08:00"', ["EX-12"]),
    ('created != "2024-06-12 08:00" AND created >= startOfDay(-1)', ["OPS-2", "EX-8"]),
    ("created >= -1w", ["OPS-6", "OPS-2", "EX-12", "EX-8", "EX-4"]),
    ('created > "-4w 2d"',
     ["OPS-7", "OPS-6", "OPS-2", "EX-12", "EX-11", "EX-8", "EX-7", "EX-4", "EX-3"]),
    ("created > -2d", ["OPS-2", "EX-12", "EX-8", "EX-4"]),
    ('created > "-1440"', ["EX-12"]),
    ("created > 1717977600000", ["OPS-2", "EX-12", "EX-8", "EX-4"]),
    ("created >= now()", []),
    ("created >= startOfDay()", ["EX-12"]),
    ('created >= startOfDay("-1d")', ["OPS-2", "EX-12", "EX-8"]),
    ("created > startOfWeek()", ["OPS-2", "EX-12", "EX-8", "EX-4"]),
    ("created >= startOfWeek(-1w) and created < startOfWeek()", ["OPS-6", "EX-11"]),
    ("created >= startOfMonth(-1M) AND created < startOfMonth()", ["OPS-3", "EX-7", "EX-3"]),
    ("created >= startOfMonth()", ["OPS-7", "OPS-6", "OPS-2", "EX-12", "EX-11", "EX-8", "EX-4"]),
    ("created > endOfMonth(-2M)",
     ["OPS-7", "OPS-6", "OPS-3", "OPS-2", "EX-12", "EX-11", "EX-8", "EX-7", "EX-4", "EX-3"]),
    ("created <= endOfYear(-1)", ["OPS-5", "EX-6"]),
    ("created < startOfYear()", ["OPS-5", "EX-6"]),
    ("updated > endOfDay(-1)", ["EX-12"]),
    ("createdDate >= endOfWeek(-1)", ["OPS-2", "EX-12", "EX-8", "EX-4"]),
    ("resolved >= 2024-05-01", ["EX-7", "EX-2"]),
    ("resolutiondate is empty and status = Done", []),
    ("due = 2024-06-01", ["OPS-8"]),
    ("duedate != 2024-06-01", ["OPS-3", "EX-4", "EX-3", "EX-2"]),
    # a date-only field compares as the start of its day: due today counts as before now()
    ("due < now()", ["OPS-8", "EX-3", "EX-2"]),
    ("due <= endOfWeek()", ["OPS-8", "EX-3", "EX-2"]),
    ("due is not empty", ["OPS-8", "OPS-3", "EX-4", "EX-3", "EX-2"]),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "expected"), DATE_CASES)
def test_date_search(keys: Keys, jql: str, expected: list[str]) -> None:
    assert keys(jql) == expected


def test_dates_follow_the_users_time_zone(keys: Keys) -> None:
    # 2024-06-12 00:00 in Tokyo is 2024-06-11 15:00 UTC: OPS-2 (07:00 UTC) is before it.
    assert keys("created >= startOfDay()", time_zone="Asia/Tokyo") == ["EX-12"]
    assert keys('created >= "2024-06-11 16:00"', time_zone="Asia/Tokyo") == [
        "OPS-2",
        "EX-12",
        "EX-8",
    ]
    assert keys('created >= "2024-06-11 16:00"') == ["EX-12"]
    # midnight in New York is 04:00 UTC
    assert keys('created >= "2024-06-11"', time_zone="America/New_York") == [
        "OPS-2",
        "EX-12",
        "EX-8",
    ]
    assert keys('created >= "2024-06-11 06:00"', time_zone="America/New_York") == ["EX-12", "EX-8"]


TEXT_CASES: list[tuple[str, list[str]]] = [
    ("summary ~ cart", ["EX-8", "EX-3"]),
    ('summary ~ "Checkout cart"', ["EX-3"]),
    ('summary ~ "\\"empty cart\\""', ["EX-3"]),
    ('summary ~ "\\"cart empty\\""', []),
    ('summary ~ "pay*"', ["OPS-4", "EX-4", "EX-2"]),
    ('summary ~ "c?rt"', ["EX-8", "EX-3"]),
    ("summary !~ checkout", [k for k in OPS_ALL + EX_ALL if k not in ("EX-11", "EX-3", "EX-1")]),
    ("summary ~ empty", []),
    ("description ~ NullPointerException", ["EX-3"]),
    ('description ~ "payment -database"', ["EX-11"]),
    ('description ~ "widget OR database"', ["OPS-3", "EX-11"]),
    ('description ~ "on-call"', ["OPS-7"]),
    ("description !~ payments", ["OPS-7", "EX-11", "EX-3", "EX-1"]),
    ("description is not empty", ["OPS-7", "OPS-3", "EX-11", "EX-3", "EX-1"]),
    ("environment ~ ubuntu", ["OPS-2"]),
    ("comment ~ staging", ["EX-3"]),
    ("comment ~ validator", ["EX-10"]),
    ("text ~ payments", ["OPS-6", "OPS-4", "OPS-3"]),
    ("text ~ pci", ["EX-5"]),
    ("text ~ checkout", ["EX-11", "EX-3", "EX-1"]),
    ("Notes ~ review", ["EX-5"]),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "expected"), TEXT_CASES)
def test_text_search(keys: Keys, jql: str, expected: list[str]) -> None:
    assert keys(jql) == expected


HISTORY_CASES: list[tuple[str, list[str]]] = [
    ('status was "To Do"', [k for k in OPS_ALL + EX_ALL if k != "EX-1"]),
    ('status was "In Progress" before 2024-03-01', ["OPS-1", "EX-1"]),
    ('status was "In Progress" after 2024-06-05', ["OPS-8", "OPS-2", "EX-11", "EX-5", "EX-3", "EX-1"]),
    ('status was "In Progress" on 2024-06-03', ["OPS-8", "EX-5", "EX-3", "EX-1"]),
    ('status was "In Progress" during (2024-02-01, 2024-02-28)', ["OPS-1", "EX-1"]),
    ('status was "In Progress" by acc-carol', ["OPS-4", "OPS-1", "EX-11", "EX-1"]),
    ('status was "In Progress" by membersOf(developers)', ["OPS-2", "EX-5", "EX-3", "EX-2"]),
    ('status was in ("In Review", Done) by currentUser()', ["EX-7"]),
    ("status was Done before -30d", ["OPS-5", "OPS-1", "EX-10", "EX-6", "EX-2"]),
    ('status was not "To Do"', ["EX-1"]),
    ('status was not in ("To Do", "In Progress")', []),
    ('assignee was "Alice Anders"', ["OPS-6", "OPS-2", "EX-12", "EX-7", "EX-5", "EX-3", "EX-2", "EX-1"]),
    ("assignee was empty", ["OPS-7", "OPS-3", "OPS-2", "EX-11", "EX-9", "EX-4"]),
    ("assignee was empty after 2024-06-06", ["OPS-7", "OPS-3", "OPS-2", "EX-11", "EX-9", "EX-4"]),
    ("assignee was acc-carol", ["OPS-4", "OPS-1", "EX-11", "EX-6"]),
    ("priority was High", ["OPS-6", "OPS-1", "EX-9", "EX-3", "EX-2", "EX-1"]),
    ("priority was in (Low, Lowest)", ["OPS-7", "OPS-5", "EX-12", "EX-7", "EX-6"]),
    ("resolution was empty before 2024-01-01", ["OPS-5", "EX-6"]),
    ("resolution was \"Won't Do\"", ["EX-6"]),
    ('fixVersion was "1.0"', ["EX-10", "EX-7", "EX-6"]),
    ("fixVersion was 2.0 before 2024-04-30", ["EX-1"]),
    ("reporter was acc-bob", ["EX-12", "EX-6", "EX-3"]),
    ("status changed", ["OPS-8", "OPS-5", "OPS-4", "OPS-2", "OPS-1", "EX-11", "EX-10", "EX-7", "EX-6", "EX-5", "EX-3", "EX-2"]),
    ("not status changed", ["OPS-7", "OPS-6", "OPS-3", "EX-12", "EX-9", "EX-8", "EX-4", "EX-1"]),
    ('status changed from "To Do" to Done', ["OPS-5", "EX-10", "EX-7", "EX-6"]),
    ('status changed from "In Progress"', ["OPS-4", "OPS-1", "EX-5", "EX-2"]),
    ('status changed to "In Review" after startOfWeek()', ["EX-5"]),
    ("status changed to Done after 2024-05-01", ["EX-7", "EX-2"]),
    ("status changed by acc-bob", ["EX-10", "EX-5", "EX-2"]),
    ("status changed during (2024-02-01, 2024-02-28)", ["OPS-1", "EX-10"]),
    ("status changed on 2024-06-11", ["OPS-2", "EX-5"]),
    ("status changed before 2024-01-01", ["OPS-5", "EX-6"]),
    ("assignee changed from empty", ["OPS-2", "EX-11"]),
    ("assignee changed to acc-bob by acc-carol", ["EX-5"]),
    ("assignee changed by (acc-bob, acc-carol)", ["EX-11", "EX-5"]),
    ("priority changed to Highest", ["EX-3"]),
    ("resolution changed to Done after 2024-05-01", ["EX-7", "EX-2"]),
    ("fixVersion changed", ["EX-7", "EX-5"]),
    ("fixVersion changed from 1.0", ["EX-7"]),
    ('fixVersion changed to "1.1" before now()', ["EX-7"]),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "expected"), HISTORY_CASES)
def test_history_search(keys: Keys, jql: str, expected: list[str]) -> None:
    assert keys(jql) == expected


ORDER_CASES: list[tuple[str, list[str]]] = [
    ("project = EX order by key", [f"EX-{n}" for n in range(1, 13)]),
    ("project = EX ORDER BY key DESC", EX_ALL),
    ("project = EX order by status",
     ["EX-11", "EX-3", "EX-1", "EX-12", "EX-9", "EX-8", "EX-4", "EX-5", "EX-10", "EX-7", "EX-6", "EX-2"]),
    ("project = EX order by priority desc",
     ["EX-3", "EX-9", "EX-2", "EX-1", "EX-11", "EX-10", "EX-8", "EX-5", "EX-4", "EX-12", "EX-6", "EX-7"]),
    ("project = EX order by assignee",
     ["EX-12", "EX-7", "EX-3", "EX-1", "EX-10", "EX-8", "EX-5", "EX-2", "EX-11", "EX-6", "EX-9", "EX-4"]),
    ("project = EX order by assignee desc",
     ["EX-9", "EX-4", "EX-11", "EX-6", "EX-10", "EX-8", "EX-5", "EX-2", "EX-12", "EX-7", "EX-3", "EX-1"]),
    ("project = EX order by due",
     ["EX-2", "EX-3", "EX-4", "EX-12", "EX-11", "EX-10", "EX-9", "EX-8", "EX-7", "EX-6", "EX-5", "EX-1"]),
    ('project = EX ORDER BY "Story point estimate" DESC, key ASC',
     ["EX-1", "EX-6", "EX-7", "EX-8", "EX-9", "EX-10", "EX-12", "EX-5", "EX-2", "EX-11", "EX-3", "EX-4"]),
    ("project = EX order by fixVersion desc, key asc",
     ["EX-4", "EX-8", "EX-9", "EX-11", "EX-12", "EX-1", "EX-3", "EX-5", "EX-2", "EX-7", "EX-6", "EX-10"]),
    ("project = EX order by summary",
     ["EX-2", "EX-8", "EX-12", "EX-3", "EX-1", "EX-10", "EX-9", "EX-11", "EX-5", "EX-6", "EX-4", "EX-7"]),
    ("status = Done order by created DESC", ["EX-7", "OPS-1", "EX-2", "EX-10", "EX-6", "OPS-5"]),
    ("project = EX order by statusCategory, type, key",
     ["EX-4", "EX-12", "EX-9", "EX-8", "EX-1", "EX-11", "EX-3", "EX-5", "EX-7", "EX-6", "EX-10", "EX-2"]),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "expected"), ORDER_CASES)
def test_order_by(keys: Keys, jql: str, expected: list[str]) -> None:
    assert keys(jql) == expected


def test_order_by_alone_returns_everything_browsable(keys: Keys) -> None:
    assert keys("order by created", user=None)[:3] == ["EX-6", "EX-1", "EX-10"]


@pytest.mark.parametrize(
    ("user", "expected"),
    [
        ("acc-alice", ["OPS-2", "EX-3"]),
        ("acc-carol", ["OPS-2", "EX-3"]),
        ("acc-bob", ["EX-3"]),
        (None, ["EX-3"]),
    ],
)
def test_only_browsable_projects_are_searched(
    keys: Keys, user: str | None, expected: list[str]
) -> None:
    assert keys("priority = Highest", user=user) == expected


def test_current_user_is_nobody_for_anonymous_searches(keys: Keys) -> None:
    assert keys("assignee = currentUser()", user=None) == []
