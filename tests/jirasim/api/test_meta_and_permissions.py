"""`/serverInfo`, `/field`, `/project/search`, `/priority/search`, `/mypermissions`,
`/permissions/check` and `/jql/parse`."""

from __future__ import annotations

import pytest

from jirasim.site import Site

MEMBER_ID = "5b10a0effa615349cb016cd8"
OUTSIDER_ID = "5b109f2e9729b51b54dc274d"
ADMIN_ID = "5b10ac8d82e05b22cc7d4ef5"


def test_server_info_is_anonymous_and_cloud(sim_client) -> None:
    body = sim_client.get("/rest/api/3/serverInfo").json()
    assert body["deploymentType"] == "Cloud"
    assert body["baseUrl"] == "http://jirasim.test"
    assert body["versionNumbers"][0] == 1001
    assert (
        sim_client.get(
            "/rest/api/3/serverInfo", headers={"Authorization": "Basic eDp5"}
        ).status_code
        == 401
    )


def test_field_catalog(sim_client, sim_site: Site, demo) -> None:
    response = sim_client.get("/rest/api/3/field", headers=demo.member)
    assert response.status_code == 200
    assert response.json() == sim_site.fields


def test_project_search_filters_by_browse_permission(sim_client, demo) -> None:
    member = sim_client.get("/rest/api/3/project/search", headers=demo.member).json()
    admin = sim_client.get("/rest/api/3/project/search", headers=demo.admin).json()
    assert "SEC" not in [p["key"] for p in member["values"]]
    assert [p["key"] for p in admin["values"]] == sorted(p["key"] for p in admin["values"])
    assert "SEC" in [p["key"] for p in admin["values"]]
    assert admin["total"] == len(admin["values"]) and admin["isLast"] is True


def test_project_search_pages(sim_client, demo) -> None:
    keys: list[str] = []
    start = 0
    while True:
        page = sim_client.get(
            "/rest/api/3/project/search",
            params={"startAt": start, "maxResults": 2},
            headers=demo.admin,
        ).json()
        keys += [p["key"] for p in page["values"]]
        assert page["startAt"] == start and page["maxResults"] == 2
        if page["isLast"]:
            assert "nextPage" not in page
            break
        assert page["nextPage"].endswith(f"startAt={start + 2}&maxResults=2")
        start += 2
    assert len(keys) == page["total"] == 5


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Highest", "High", "Medium", "Low", "Lowest"]),
        ({"startAt": 3}, ["Low", "Lowest"]),
        ({"id": "5,1"}, ["Highest", "Lowest"]),
        ({"priorityName": "HIGH"}, ["Highest", "High"]),
        ({"onlyDefault": "true"}, ["Medium"]),
    ],
)
def test_priority_search_answers_in_the_sites_order(sim_client, demo, params, expected) -> None:
    body = sim_client.get("/rest/api/3/priority/search", params=params, headers=demo.member).json()
    assert [p["name"] for p in body["values"]] == expected
    assert body["isLast"] is True


def test_priority_search_pages(sim_client, demo) -> None:
    first = sim_client.get(
        "/rest/api/3/priority/search", params={"maxResults": 2}, headers=demo.member
    ).json()
    assert [p["id"] for p in first["values"]] == ["1", "2"]
    assert (first["total"], first["isLast"]) == (5, False)
    assert first["nextPage"].endswith("/rest/api/3/priority/search?startAt=2&maxResults=2")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"query": "web"}, ["WEB"]),
        ({"keys": "OPS,DATA"}, ["DATA", "OPS"]),
        ({"orderBy": "-key"}, ["WEB", "SEC", "ROLL", "OPS", "DATA"]),
    ],
)
def test_project_search_query_keys_order(sim_client, demo, params, expected) -> None:
    body = sim_client.get("/rest/api/3/project/search", params=params, headers=demo.admin).json()
    assert [p["key"] for p in body["values"]] == expected


@pytest.mark.parametrize(
    ("headers", "administer", "browse"),
    [("admin", True, True), ("member", False, True), ("outsider", False, True)],
)
def test_my_permissions(sim_client, demo, headers, administer, browse) -> None:
    response = sim_client.get(
        "/rest/api/3/mypermissions",
        params={"permissions": "ADMINISTER,BROWSE_PROJECTS"},
        headers=getattr(demo, headers),
    )
    permissions = response.json()["permissions"]
    assert permissions["ADMINISTER"]["havePermission"] is administer
    assert permissions["BROWSE_PROJECTS"]["havePermission"] is browse
    assert permissions["BROWSE_PROJECTS"]["type"] == "PROJECT"


def test_my_permissions_in_a_project_context(sim_client, demo) -> None:
    params = {"permissions": "BROWSE_PROJECTS", "projectKey": "SEC"}
    admin = sim_client.get("/rest/api/3/mypermissions", params=params, headers=demo.admin)
    assert admin.json()["permissions"]["BROWSE_PROJECTS"]["havePermission"] is True
    assert (
        sim_client.get("/rest/api/3/mypermissions", params=params, headers=demo.member).status_code
        == 404
    )


@pytest.mark.parametrize("permissions", ["", "NOT_A_PERMISSION"])
def test_my_permissions_errors(sim_client, demo, permissions) -> None:
    response = sim_client.get(
        "/rest/api/3/mypermissions", params={"permissions": permissions}, headers=demo.admin
    )
    assert response.status_code == 400


def test_permissions_check_for_another_user_as_the_app(
    sim_client, sim_site, installed_app, sign_app_request
) -> None:
    projects = {p.key: int(p.id) for p in sim_site.projects}
    secret_issue = next(i for i in sim_site.issues if i["fields"]["project"]["key"] == "SEC")
    body = {
        "accountId": MEMBER_ID,
        "globalPermissions": ["ADMINISTER", "USER_PICKER"],
        "projectPermissions": [
            {
                "permissions": ["BROWSE_PROJECTS"],
                "projects": [projects["ROLL"], projects["SEC"]],
                "issues": [int(secret_issue["id"])],
            }
        ],
    }
    url = "/rest/api/3/permissions/check"
    response = sim_client.post(url, json=body, headers=sign_app_request(installed_app, "POST", url))
    assert response.status_code == 200
    assert response.json() == {
        "globalPermissions": ["USER_PICKER"],
        "projectPermissions": [
            {"permission": "BROWSE_PROJECTS", "issues": [], "projects": [projects["ROLL"]]}
        ],
    }


def test_permissions_check_for_oneself_and_admin_rules(sim_client, demo) -> None:
    url = "/rest/api/3/permissions/check"
    own = sim_client.post(url, json={"globalPermissions": ["ADMINISTER"]}, headers=demo.admin)
    assert own.json()["globalPermissions"] == ["ADMINISTER"]
    other = {"accountId": ADMIN_ID, "globalPermissions": ["ADMINISTER"]}
    assert sim_client.post(url, json=other, headers=demo.member).status_code == 403
    bad = sim_client.post(url, json={"globalPermissions": ["FLY"]}, headers=demo.admin)
    assert bad.status_code == 400
    assert bad.json() == {"errorMessages": [], "errors": {"FLY": "Unrecognized permission"}}


def test_permissions_check_answers_each_key_once_and_ignores_non_strings(sim_client, demo) -> None:
    url = "/rest/api/3/permissions/check"
    roll = sim_client.get("/rest/api/3/project/search", params={"keys": "ROLL"}, headers=demo.admin)
    roll_id = int(roll.json()["values"][0]["id"])
    entry = {"permissions": ["BROWSE_PROJECTS", 5, True, "BROWSE_PROJECTS"], "projects": [roll_id]}
    body = {
        "projectPermissions": [entry, {"permissions": ["BROWSE_PROJECTS"], "projects": [roll_id]}]
    }
    answer = sim_client.post(url, json=body, headers=demo.admin).json()
    assert answer["projectPermissions"] == [
        {"permission": "BROWSE_PROJECTS", "issues": [], "projects": [roll_id]}
    ]


def test_jql_parse(sim_client, demo) -> None:
    body = {
        "queries": ["project = ROLL AND assignee = currentUser()", "invalid query", "universe = 42"]
    }
    response = sim_client.post("/rest/api/3/jql/parse", json=body, headers=demo.member)
    assert response.status_code == 200
    parsed = response.json()["queries"]
    assert parsed[0]["query"] == body["queries"][0] and "structure" in parsed[0]
    assert parsed[1]["errors"][0].startswith("Error in the JQL Query: Expecting operator")
    assert parsed[2]["errors"] == [
        "Field 'universe' does not exist or you do not have permission to view it."
    ]
    none = sim_client.post(
        "/rest/api/3/jql/parse",
        params={"validation": "none"},
        json={"queries": ["universe = 42"]},
        headers=demo.member,
    ).json()["queries"][0]
    assert "structure" in none and "errors" not in none
    assert (
        sim_client.post(
            "/rest/api/3/jql/parse", params={"validation": "loose"}, json=body, headers=demo.member
        ).status_code
        == 400
    )
