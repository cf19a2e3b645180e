"""Every endpoint's responses validate against the Jira Cloud OpenAPI response schemas
(tests/fixtures/jira-openapi), and the scopes jirasim enforces are the spec's Connect scopes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from jirasim.site import Site

MEMBER_ID = "5b10a0effa615349cb016cd8"
JQL = "project in (ROLL, OPS) ORDER BY priority"


def _issue_key(site: Site) -> str:
    return str(next(i for i in site.issues if i["fields"]["project"]["key"] == "ROLL")["key"])


# (spec path, method, request path, params, JSON body)
CASES: list[tuple[str, str, str, dict[str, Any], Any]] = [
    ("/rest/api/3/search/jql", "get", "/rest/api/3/search/jql", {"jql": JQL}, None),
    (
        "/rest/api/3/search/jql",
        "get",
        "/rest/api/3/search/jql",
        {"jql": JQL, "fields": "*all", "expand": "names,schema,changelog", "maxResults": 20},
        None,
    ),
    (
        "/rest/api/3/search/jql",
        "post",
        "/rest/api/3/search/jql",
        {},
        {"jql": JQL, "fields": ["*navigable", "-description"], "expand": "names", "maxResults": 7},
    ),
    (
        "/rest/api/3/search/approximate-count",
        "post",
        "/rest/api/3/search/approximate-count",
        {},
        {"jql": JQL},
    ),
    (
        "/rest/api/3/issue/bulkfetch",
        "post",
        "/rest/api/3/issue/bulkfetch",
        {},
        {
            "issueIdsOrKeys": ["ROLL-1", "ROLL-2", "OPS-1"],
            "expand": ["names", "schema", "changelog"],
        },
    ),
    (
        "/rest/api/3/issue/{issueIdOrKey}",
        "get",
        "ISSUE",
        {"expand": "names,schema,changelog"},
        None,
    ),
    (
        "/rest/api/3/issue/{issueIdOrKey}/changelog",
        "get",
        "ISSUE/changelog",
        {"maxResults": 2},
        None,
    ),
    (
        "/rest/api/3/changelog/bulkfetch",
        "post",
        "/rest/api/3/changelog/bulkfetch",
        {},
        {"issueIdsOrKeys": ["ROLL-1", "ROLL-2", "OPS-1"], "fieldIds": ["status"], "maxResults": 2},
    ),
    ("/rest/api/3/field", "get", "/rest/api/3/field", {}, None),
    (
        "/rest/api/3/myself",
        "get",
        "/rest/api/3/myself",
        {"expand": "groups,applicationRoles"},
        None,
    ),
    ("/rest/api/3/serverInfo", "get", "/rest/api/3/serverInfo", {}, None),
    ("/rest/api/3/project/search", "get", "/rest/api/3/project/search", {"maxResults": 2}, None),
    ("/rest/api/3/priority/search", "get", "/rest/api/3/priority/search", {}, None),
    (
        "/rest/api/3/user",
        "get",
        "/rest/api/3/user",
        {"accountId": MEMBER_ID, "expand": "groups"},
        None,
    ),
    ("/rest/api/3/user/search", "get", "/rest/api/3/user/search", {"query": "a"}, None),
    ("/rest/api/3/user/groups", "get", "/rest/api/3/user/groups", {"accountId": MEMBER_ID}, None),
    ("/rest/api/3/groups/picker", "get", "/rest/api/3/groups/picker", {"query": "team"}, None),
    (
        "/rest/api/3/mypermissions",
        "get",
        "/rest/api/3/mypermissions",
        {"permissions": "ADMINISTER,BROWSE_PROJECTS,EDIT_ISSUES", "projectKey": "ROLL"},
        None,
    ),
    (
        "/rest/api/3/permissions/check",
        "post",
        "/rest/api/3/permissions/check",
        {},
        {
            "accountId": MEMBER_ID,
            "globalPermissions": ["ADMINISTER"],
            "projectPermissions": [
                {"permissions": ["BROWSE_PROJECTS"], "projects": [10000, 10004]}
            ],
        },
    ),
    (
        "/rest/api/3/jql/parse",
        "post",
        "/rest/api/3/jql/parse",
        {"validation": "strict"},
        {
            "queries": [
                "project = ROLL AND status was Done BY currentUser() ORDER BY priority DESC",
                "labels in (a, b) AND assignee is EMPTY",
                "invalid query",
            ]
        },
    ),
    (
        "/rest/api/3/jql/parse",
        "post",
        "/rest/api/3/jql/parse",
        {"validation": "warn"},
        {"queries": ["universe = 42"]},
    ),
]


@pytest.mark.parametrize(
    ("spec_path", "method", "path", "params", "body"),
    CASES,
    ids=[f"{case[1].upper()} {case[0]} #{n}" for n, case in enumerate(CASES)],
)
def test_response_matches_the_spec(
    sim_client: TestClient, sim_site, demo, openapi, spec_path, method, path, params, body
) -> None:
    if path.startswith("ISSUE"):
        path = path.replace("ISSUE", f"/rest/api/3/issue/{_issue_key(sim_site)}")
    response = sim_client.request(
        method.upper(), path, params=params, json=body, headers=demo.admin
    )
    assert response.status_code == 200, response.text
    openapi.validate(response.json(), spec_path, method, 200)


@pytest.mark.parametrize(
    ("method", "path", "params", "body", "status"),
    [
        ("GET", "/rest/api/3/search/jql", {"jql": "invalid query"}, None, 400),
        ("GET", "/rest/api/3/search/jql", {"jql": ""}, None, 400),
        ("POST", "/rest/api/3/issue/bulkfetch", {}, {"issueIdsOrKeys": []}, 400),
        ("POST", "/rest/api/3/changelog/bulkfetch", {}, {"issueIdsOrKeys": []}, 400),
        ("GET", "/rest/api/3/issue/NOPE-1/changelog", {}, None, 404),
        ("GET", "/rest/api/3/issue/NOPE-1", {}, None, 404),
        ("GET", "/rest/api/3/search", {}, None, 410),
        ("GET", "/rest/api/3/mypermissions", {"permissions": "FLY"}, None, 400),
        ("GET", "/rest/api/3/user", {"accountId": "nobody"}, None, 404),
    ],
)
def test_errors_are_error_collections(
    sim_client, demo, openapi, method, path, params, body, status
):
    response = sim_client.request(method, path, params=params, json=body, headers=demo.admin)
    assert response.status_code == status
    openapi.validate_schema(response.json(), "ErrorCollection")


def test_unauthenticated_is_an_error_collection(sim_client, openapi) -> None:
    response = sim_client.get("/rest/api/3/myself")
    assert response.status_code == 401
    openapi.validate_schema(response.json(), "ErrorCollection")


def test_enforced_scopes_match_the_spec(sim_client, installed_app, sign_app_request, openapi):
    """The fake app has READ scope: READ endpoints answer it, WRITE ones refuse it."""
    requests = {
        ("/rest/api/3/myself", "get"): ("GET", "/rest/api/3/myself", None),
        ("/rest/api/3/field", "get"): ("GET", "/rest/api/3/field", None),
        ("/rest/api/3/search/jql", "post"): ("POST", "/rest/api/3/search/jql", {"jql": JQL}),
        ("/rest/api/3/issue/bulkfetch", "post"): (
            "POST",
            "/rest/api/3/issue/bulkfetch",
            {"issueIdsOrKeys": ["ROLL-1"]},
        ),
        ("/rest/api/3/changelog/bulkfetch", "post"): (
            "POST",
            "/rest/api/3/changelog/bulkfetch",
            {"issueIdsOrKeys": ["ROLL-1"]},
        ),
    }
    for (spec_path, spec_method), (method, url, body) in requests.items():
        headers = sign_app_request(installed_app, method, url)
        status = sim_client.request(method, url, json=body, headers=headers).status_code
        expected = 200 if openapi.connect_scope(spec_path, spec_method) == "READ" else 403
        assert status == expected, spec_path
