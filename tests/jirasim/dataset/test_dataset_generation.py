"""Generating a site: determinism, sizes, demo users, groups, permissions, catalog, hostile text."""

from __future__ import annotations

import hashlib
from typing import Any

import orjson
import pytest

from jirasim.dataset import (
    DEMO_ADMIN,
    DEMO_MEMBER,
    DEMO_OUTSIDER,
    REFERENCE_DATE,
    ReferenceJson,
    generate_site,
)
from jirasim.dataset.text import HOSTILE_LABELS, HOSTILE_SUMMARIES
from jirasim.site import Site

BASE_URL = "https://rollbook-demo.atlassian.net"
TYPES = "com.atlassian.jira.plugin.system.customfieldtypes"
SPRINT = "com.pyxis.greenhopper.jira:gh-sprint"
MULTISELECT = f"{TYPES}:multiselect"


def fingerprint(site: Site) -> str:
    """A stable hash of everything a site holds."""
    document: dict[str, Any] = {
        "base_url": site.base_url,
        "projects": site.projects,
        "users": site.users,
        "groups": site.groups,
        "fields": site.fields,
        "issues": site.issues,
        "sprints": site.sprints,
        "versions": site.versions,
        "browse_permissions": {k: sorted(v) for k, v in site.browse_permissions.items()},
        "administrators": sorted(site.administrators),
    }
    return hashlib.sha256(orjson.dumps(document, option=orjson.OPT_SORT_KEYS)).hexdigest()


def test_same_seed_and_size_give_identical_sites() -> None:
    first = generate_site(seed=42, issue_count=300, base_url=BASE_URL)
    second = generate_site(seed=42, issue_count=300, base_url=BASE_URL)
    assert fingerprint(first) == fingerprint(second)


def test_different_seeds_give_different_sites() -> None:
    first = generate_site(seed=42, issue_count=300, base_url=BASE_URL)
    second = generate_site(seed=43, issue_count=300, base_url=BASE_URL)
    assert fingerprint(first) != fingerprint(second)


def test_a_trailing_slash_on_the_base_url_is_ignored() -> None:
    site = generate_site(seed=1, issue_count=5, base_url=f"{BASE_URL}/")
    assert site.base_url == BASE_URL
    assert site.issues[0]["self"] == f"{BASE_URL}/rest/api/3/issue/10000"


@pytest.mark.parametrize("issue_count", [0, 1, 100, 1000, 2500])
def test_issue_count_is_exact_and_keys_number_each_project_from_one(issue_count: int) -> None:
    site = generate_site(seed=3, issue_count=issue_count, base_url=BASE_URL)
    assert len(site.issues) == issue_count
    assert [issue["id"] for issue in site.issues] == [str(10000 + n) for n in range(issue_count)]
    numbers: dict[str, list[int]] = {}
    for issue in site.issues:
        project, number = issue["key"].split("-")
        numbers.setdefault(project, []).append(int(number))
    assert all(found == list(range(1, len(found) + 1)) for found in numbers.values())


def test_larger_sites_have_more_users_and_all_projects() -> None:
    small = generate_site(seed=3, issue_count=100, base_url=BASE_URL)
    large = generate_site(seed=3, issue_count=5000, base_url=BASE_URL)
    assert len(large.users) > len(small.users)
    assert {i["fields"]["project"]["key"] for i in large.issues} == {
        "ROLL",
        "WEB",
        "OPS",
        "DATA",
        "SEC",
    }


@pytest.mark.parametrize("issue_count", [-1, 200_001])
def test_sizes_outside_the_supported_range_are_refused(issue_count: int) -> None:
    with pytest.raises(ValueError, match="issue_count"):
        generate_site(seed=1, issue_count=issue_count, base_url=BASE_URL)


@pytest.mark.parametrize("seed", [0, 1, 99999])
@pytest.mark.parametrize(
    ("email", "token", "account_id"),
    [
        ("admin@example.com", "demo-token-admin", "5b10ac8d82e05b22cc7d4ef5"),
        ("member@example.com", "demo-token-member", "5b10a0effa615349cb016cd8"),
        ("outsider@example.com", "demo-token-outsider", "5b109f2e9729b51b54dc274d"),
    ],
)
def test_demo_users_exist_whatever_the_seed(
    seed: int, email: str, token: str, account_id: str
) -> None:
    site = generate_site(seed=seed, issue_count=100, base_url=BASE_URL)
    [user] = [u for u in site.users if u.email == email]
    assert (user.api_token, user.account_id, user.active) == (token, account_id, True)


def test_demo_users_groups_and_permissions(small_site: Site) -> None:
    assert DEMO_ADMIN.account_id in small_site.administrators
    assert {"jira-administrators", "jira-software-users"} <= set(
        small_site.groups_of(DEMO_ADMIN.account_id)
    )
    assert "jira-software-users" in small_site.groups_of(DEMO_MEMBER.account_id)
    assert small_site.groups_of(DEMO_OUTSIDER.account_id) == []
    assert small_site.can_browse(DEMO_ADMIN.account_id, "SEC")
    assert not small_site.can_browse(DEMO_OUTSIDER.account_id, "SEC")
    assert not small_site.can_browse(DEMO_MEMBER.account_id, "SEC")
    assert small_site.can_browse(DEMO_OUTSIDER.account_id, "ROLL")
    assert set(small_site.browse_permissions) == {"SEC"}


def test_sec_is_browsable_by_its_group_and_administrators(small_site: Site) -> None:
    allowed = set(small_site.groups["security-team"]) | set(
        small_site.groups["jira-administrators"]
    )
    assert small_site.browse_permissions["SEC"] == allowed
    for issue in small_site.issues:
        if issue["fields"]["project"]["key"] == "SEC":
            for role in ("reporter", "assignee", "creator"):
                user = issue["fields"][role]
                assert user is None or small_site.can_browse(user["accountId"], "SEC")


def test_users_have_distinct_atlassian_style_ids_and_tokens(small_site: Site) -> None:
    ids = [user.account_id for user in small_site.users]
    tokens = [user.api_token for user in small_site.users]
    assert len(set(ids)) == len(ids) and len(set(tokens)) == len(tokens)
    assert all(len(a) == 24 and int(a, 16) >= 0 for a in ids)
    assert any(not user.active for user in small_site.users)
    assert len({user.time_zone for user in small_site.users}) > 3


def test_every_group_member_is_a_user(small_site: Site) -> None:
    ids = {user.account_id for user in small_site.users}
    assert {"jira-administrators", "jira-software-users", "team-platform", "security-team"} <= set(
        small_site.groups
    )
    assert all(set(members) <= ids for members in small_site.groups.values())


def test_the_outsider_never_appears_on_issues(site: Site) -> None:
    for issue in site.issues:
        for role in ("reporter", "assignee", "creator"):
            user = issue["fields"][role]
            assert user is None or user["accountId"] != DEMO_OUTSIDER.account_id


@pytest.mark.parametrize(
    ("field_id", "clause_names"),
    [
        ("issuetype", ["issuetype", "type"]),
        ("fixVersions", ["fixVersion"]),
        ("duedate", ["due", "duedate"]),
        ("resolutiondate", ["resolutiondate", "resolved"]),
        ("components", ["component"]),
        ("versions", ["affectedVersion"]),
        ("issuekey", ["id", "issue", "issuekey", "key"]),
        ("customfield_10020", ["cf[10020]", "Sprint"]),
        ("customfield_10016", ["cf[10016]", "Story Points"]),
        ("customfield_10030", ["cf[10030]", "Team"]),
        ("customfield_10031", ["cf[10031]", "Platforms"]),
        ("customfield_10040", ["cf[10040]", "Target date"]),
    ],
)
def test_field_catalog_clause_names(
    small_site: Site, field_id: str, clause_names: list[str]
) -> None:
    [field] = [f for f in small_site.fields if f["id"] == field_id]
    assert field["clauseNames"] == clause_names


@pytest.mark.parametrize(
    ("field_id", "schema"),
    [
        (
            "customfield_10020",
            {"type": "array", "items": "json", "custom": SPRINT, "customId": 10020},
        ),
        ("customfield_10016", {"type": "number", "custom": f"{TYPES}:float", "customId": 10016}),
        ("customfield_10030", {"type": "option", "custom": f"{TYPES}:select", "customId": 10030}),
        (
            "customfield_10031",
            {"type": "array", "items": "option", "custom": MULTISELECT, "customId": 10031},
        ),
        ("customfield_10040", {"type": "date", "custom": f"{TYPES}:datepicker", "customId": 10040}),
        ("summary", {"type": "string", "system": "summary"}),
        ("labels", {"type": "array", "items": "string", "system": "labels"}),
    ],
)
def test_field_catalog_schemas(small_site: Site, field_id: str, schema: dict[str, Any]) -> None:
    [field] = [f for f in small_site.fields if f["id"] == field_id]
    assert field["schema"] == schema
    assert field["custom"] == field_id.startswith("customfield_")


def test_priorities_are_jiras_in_jiras_order() -> None:
    priorities = ReferenceJson.build(BASE_URL).priorities
    assert [(p["id"], p["name"]) for p in priorities.values()] == [
        ("1", "Highest"),
        ("2", "High"),
        ("3", "Medium"),
        ("4", "Low"),
        ("5", "Lowest"),
    ]


def test_issue_types_and_their_hierarchy_levels() -> None:
    issue_types = ReferenceJson.build(BASE_URL).issue_types.values()
    assert {(t["name"], t["hierarchyLevel"], t["subtask"]) for t in issue_types} == {
        ("Epic", 1, False),
        ("Story", 0, False),
        ("Task", 0, False),
        ("Bug", 0, False),
        ("Sub-task", -1, True),
    }


def test_status_categories() -> None:
    statuses = ReferenceJson.build(BASE_URL).statuses.values()
    found = {(s["name"], s["statusCategory"]["key"], s["statusCategory"]["id"]) for s in statuses}
    assert found == {
        ("To Do", "new", 2),
        ("Backlog", "new", 2),
        ("In Progress", "indeterminate", 4),
        ("In Review", "indeterminate", 4),
        ("Done", "done", 3),
        ("Won't Do", "done", 3),
    }


def test_everything_happens_before_the_reference_date(site: Site) -> None:
    anchor = REFERENCE_DATE.strftime("%Y-%m-%dT%H:%M:%S.000+0000")
    assert max(i["fields"]["updated"] for i in site.issues) < anchor
    released = [v for v in site.versions if v.released]
    unreleased = [v for v in site.versions if not v.released]
    assert all(v.release_date and v.release_date < "2026-11-01" for v in released)
    assert all(v.release_date is None or v.release_date > "2026-11-01" for v in unreleased)
    active = [s for s in site.sprints if s.state == "active"]
    assert len(active) == 4  # one per scrum board
    assert all(s.start_date and s.start_date < "2026-11-01" < (s.end_date or "") for s in active)


def test_hostile_text_is_in_every_small_dataset(small_site: Site) -> None:
    summaries = {issue["fields"]["summary"] for issue in small_site.issues}
    labels = {label for issue in small_site.issues for label in issue["fields"]["labels"]}
    assert set(HOSTILE_SUMMARIES) <= summaries
    assert set(HOSTILE_LABELS) <= labels
    assert max(len(summary) for summary in summaries) >= 1000
    joined = "".join(summaries)
    for needle in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '"',
        "'",
        "&amp;",
        "🚀",
        "\u202e",
        "\u0301",
        "中文",
    ):
        assert needle in joined


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_hostile_summaries_stay_a_few_percent(seed: int) -> None:
    site = generate_site(seed=seed, issue_count=2000, base_url=BASE_URL)
    hostile = sum(issue["fields"]["summary"] in HOSTILE_SUMMARIES for issue in site.issues)
    assert 0.005 < hostile / 2000 < 0.05
