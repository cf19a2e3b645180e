"""`/myself`, `/user`, `/user/search`, `/user/groups` and `/groups/picker`."""

from __future__ import annotations

import pytest

ADMIN_ID = "5b10ac8d82e05b22cc7d4ef5"
MEMBER_ID = "5b10a0effa615349cb016cd8"
OUTSIDER_ID = "5b109f2e9729b51b54dc274d"


def test_myself_with_groups_expanded(sim_client, demo) -> None:
    body = sim_client.get("/rest/api/3/myself", params={"expand": "groups"}, headers=demo.admin)
    me = body.json()
    assert me["accountId"] == ADMIN_ID and me["accountType"] == "atlassian"
    assert me["timeZone"] == "Europe/London"
    assert {g["name"] for g in me["groups"]["items"]} >= {"jira-administrators"}
    assert me["groups"]["size"] == len(me["groups"]["items"])


def test_get_user_by_account_id(sim_client, demo) -> None:
    response = sim_client.get(
        "/rest/api/3/user", params={"accountId": MEMBER_ID}, headers=demo.outsider
    )
    assert response.status_code == 200
    user = response.json()
    assert user["displayName"] == "Max Member"
    assert "emailAddress" not in user  # privacy: other users' emails are hidden


@pytest.mark.parametrize(("params", "status"), [({"accountId": "nope"}, 404), ({}, 400)])
def test_get_user_errors(sim_client, demo, params, status) -> None:
    assert (
        sim_client.get("/rest/api/3/user", params=params, headers=demo.admin).status_code == status
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("max", {MEMBER_ID}),
        ("Member", {MEMBER_ID}),
        ("outsider@", {OUTSIDER_ID}),
        ("ada a", {ADMIN_ID}),
    ],
)
def test_user_search_matches_names_and_emails(sim_client, demo, query, expected) -> None:
    response = sim_client.get(
        "/rest/api/3/user/search", params={"query": query}, headers=demo.member
    )
    assert response.status_code == 200
    assert {u["accountId"] for u in response.json()} == expected


def test_user_search_pages_and_needs_a_query(sim_client, demo) -> None:
    everyone = sim_client.get(
        "/rest/api/3/user/search", params={"query": "", "accountId": MEMBER_ID}, headers=demo.member
    ).json()
    assert [u["accountId"] for u in everyone] == [MEMBER_ID]
    page = sim_client.get(
        "/rest/api/3/user/search",
        params={"query": "a", "maxResults": 2, "startAt": 1},
        headers=demo.member,
    ).json()
    assert len(page) == 2
    assert sim_client.get("/rest/api/3/user/search", headers=demo.member).status_code == 400


def test_user_groups(sim_client, demo) -> None:
    groups = sim_client.get(
        "/rest/api/3/user/groups", params={"accountId": MEMBER_ID}, headers=demo.admin
    )
    assert [g["name"] for g in groups.json()] == [
        "jira-software-users",
        "team-platform",
        "team-web",
    ]
    assert all(g["groupId"] and g["self"] for g in groups.json())
    none = sim_client.get(
        "/rest/api/3/user/groups", params={"accountId": OUTSIDER_ID}, headers=demo.admin
    )
    assert none.json() == []
    missing = sim_client.get(
        "/rest/api/3/user/groups", params={"accountId": "x"}, headers=demo.admin
    )
    assert missing.status_code == 404


def test_groups_picker(sim_client, demo) -> None:
    body = sim_client.get(
        "/rest/api/3/groups/picker", params={"query": "team"}, headers=demo.member
    ).json()
    names = [g["name"] for g in body["groups"]]
    assert names == sorted(n for n in names if "team" in n) and len(names) >= 4
    assert body["total"] == len(names)
    assert body["header"] == f"Showing {len(names)} of {len(names)} matching groups"
    assert body["groups"][0]["html"].count("<b>team</b>") == 1
    limited = sim_client.get(
        "/rest/api/3/groups/picker",
        params={
            "query": "TEAM",
            "caseInsensitive": "true",
            "maxResults": 2,
            "exclude": "team-data",
        },
        headers=demo.member,
    ).json()
    assert len(limited["groups"]) == 2 and "team-data" not in [g["name"] for g in limited["groups"]]
    assert limited["header"].startswith("Showing 2 of ")
