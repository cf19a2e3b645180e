"""`/search/jql` (GET and POST), `/search/approximate-count` and the removed `/search`."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jirasim.jql import JqlSearcher
from jirasim.site import Site

SEARCH = "/rest/api/3/search/jql"
JQL = "project in (ROLL, WEB, SEC) ORDER BY priority DESC"
ALL_PROJECTS = "project in (ROLL, WEB, OPS, DATA, SEC)"
REMOVED_BODY = {
    "errorMessages": [
        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
        "A full migration guideline is available at "
        "https://developer.atlassian.com/changelog/#CHANGE-2046"
    ],
    "errors": {},
}


def expected_ids(site: Site, jql: str, account_id: str | None) -> list[str]:
    issues = JqlSearcher(site).search(jql, account_id=account_id, now=datetime.now(UTC))
    return [str(issue["id"]) for issue in issues]


def page_through(
    client: TestClient, headers: dict[str, str], **params: Any
) -> list[dict[str, Any]]:
    issues: list[dict[str, Any]] = []
    token = None
    for _ in range(1000):
        query = {**params, **({"nextPageToken": token} if token else {})}
        response = client.get(SEARCH, params=query, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) <= {"issues", "nextPageToken", "isLast", "names", "schema"}
        issues.extend(body["issues"])
        if body["isLast"]:
            assert "nextPageToken" not in body
            return issues
        token = body["nextPageToken"]
    raise AssertionError("paging never ended")


def test_get_pages_through_every_result_in_order(sim_client, sim_site, demo) -> None:
    issues = page_through(sim_client, demo.admin, jql=JQL, maxResults=37)
    admin = "5b10ac8d82e05b22cc7d4ef5"
    assert [i["id"] for i in issues] == expected_ids(sim_site, JQL, admin)
    assert len(issues) > 37 * 2


def test_post_pages_through_every_result_with_fields(sim_client, sim_site, demo) -> None:
    body: dict[str, Any] = {"jql": JQL, "maxResults": 50, "fields": ["summary", "status"]}
    seen: list[dict[str, Any]] = []
    while True:
        response = sim_client.post(SEARCH, json=body, headers=demo.admin)
        assert response.status_code == 200, response.text
        page = response.json()
        seen.extend(page["issues"])
        if page["isLast"]:
            break
        body["nextPageToken"] = page["nextPageToken"]
    assert [i["id"] for i in seen] == expected_ids(sim_site, JQL, "5b10ac8d82e05b22cc7d4ef5")
    assert all(set(i["fields"]) == {"summary", "status"} for i in seen)


def test_users_only_find_issues_of_projects_they_may_browse(sim_client, demo) -> None:
    member = page_through(sim_client, demo.member, jql="project in (SEC, ROLL)", fields="project")
    admin = page_through(sim_client, demo.admin, jql="project in (SEC, ROLL)", fields="project")
    assert {i["fields"]["project"]["key"] for i in member} == {"ROLL"}
    assert {i["fields"]["project"]["key"] for i in admin} == {"ROLL", "SEC"}


def test_default_fields_are_ids_only(sim_client, demo) -> None:
    body = sim_client.get(SEARCH, params={"jql": JQL, "maxResults": 3}, headers=demo.admin).json()
    assert all(issue.keys() == {"id"} for issue in body["issues"])


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (["summary,status"], {"summary", "status"}),
        (["summary", "status"], {"summary", "status"}),
        (["summary", "-summary", "labels"], {"labels"}),
        (["unknownfield", "labels"], {"labels"}),
        (["customfield_10016"], {"customfield_10016"}),
    ],
)
def test_field_selection(sim_client, demo, fields, expected) -> None:
    params = [("jql", JQL), ("maxResults", "2")] + [("fields", f) for f in fields]
    body = sim_client.get(SEARCH, params=params, headers=demo.admin).json()
    for issue in body["issues"]:
        assert set(issue["fields"]) == expected
        assert {"id", "key", "self", "expand"} <= set(issue)


def test_all_navigable_and_exclusions(sim_client, sim_site, demo) -> None:
    navigable = {f["id"] for f in sim_site.fields if f["navigable"]}

    def fields_of(*requested: str) -> set[str]:
        params = [("jql", JQL), ("maxResults", "1")] + [("fields", f) for f in requested]
        issue = sim_client.get(SEARCH, params=params, headers=demo.admin).json()["issues"][0]
        return set(issue["fields"])

    everything = fields_of("*all")
    assert "comment" in everything and "worklog" in everything
    assert fields_of("*navigable") == navigable & everything
    assert fields_of("-description") == (navigable & everything) - {"description"}
    assert fields_of("*all,-comment") == everything - {"comment"}


@pytest.mark.parametrize(
    ("fields", "requested", "expected"),
    [
        ("id", 5000, 5000),
        ("key", 6000, None),
        ("id,key", 4000, 4000),
        ("summary", 5000, 100),
        ("*navigable", 300, 100),
        ("summary", 20, 20),
    ],
)
def test_max_results_caps(sim_client, demo, fields, requested, expected) -> None:
    params = {"jql": ALL_PROJECTS, "fields": fields, "maxResults": requested}
    response = sim_client.get(SEARCH, params=params, headers=demo.admin)
    if expected is None:
        assert response.status_code == 400
        assert response.json() == {
            "errorMessages": ["The max results parameter has to be between 1 and 5,000."],
            "errors": {},
        }
        return
    body = response.json()
    # The site has 400 issues: id-only pages take them all at once.
    assert len(body["issues"]) == min(expected, 400)
    assert body["isLast"] is (expected >= 400)


@pytest.mark.parametrize("value", ["0", "-1", "5001", "abc"])
def test_max_results_out_of_range(sim_client, demo, value) -> None:
    response = sim_client.get(SEARCH, params={"jql": JQL, "maxResults": value}, headers=demo.admin)
    assert response.status_code == 400


@pytest.mark.parametrize("jql", ["", "order by priority desc", "ORDER BY summary"])
def test_unbounded_jql_is_refused(sim_client, demo, jql) -> None:
    for response in (
        sim_client.get(SEARCH, params={"jql": jql}, headers=demo.admin),
        sim_client.post(SEARCH, json={"jql": jql}, headers=demo.admin),
    ):
        assert response.status_code == 400
        assert response.json() == {
            "errorMessages": [
                "Unbounded JQL queries are not allowed here. "
                "Please add a search restriction to your query."
            ],
            "errors": {},
        }


def test_order_by_more_than_seven_fields_is_refused(sim_client, demo) -> None:
    seven = "priority, assignee, reporter, duedate, labels, summary, issuetype"
    eight = f"{seven}, resolution"
    response = sim_client.get(
        SEARCH, params={"jql": f"project = ROLL ORDER BY {eight}"}, headers=demo.admin
    )
    assert response.status_code == 400
    assert any("ORDER BY" in message for message in response.json()["errorMessages"])
    ok = sim_client.get(
        SEARCH, params={"jql": f"project = ROLL ORDER BY {seven}"}, headers=demo.admin
    )
    assert ok.status_code == 200


@pytest.mark.parametrize("field", ["key", "created", "updated", "status"])
def test_order_by_system_fields(sim_client, demo, field) -> None:
    response = sim_client.get(
        SEARCH, params={"jql": f"project = ROLL ORDER BY {field} DESC"}, headers=demo.admin
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("jql", "message"),
    [
        (
            "invalid query",
            "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are "
            "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. "
            "(line 1, character 9)",
        ),
        (
            "universe = 42",
            "Field 'universe' does not exist or you do not have permission to view it.",
        ),
        ("summary = test", "The operator '=' is not supported by the 'summary' field."),
    ],
)
def test_jql_errors_carry_the_engine_messages(sim_client, demo, jql, message) -> None:
    response = sim_client.get(SEARCH, params={"jql": jql}, headers=demo.admin)
    assert response.status_code == 400
    assert response.json() == {"errorMessages": [message], "errors": {}}


def _first_token(client: TestClient, headers: dict[str, str], jql: str = JQL) -> str:
    body = client.get(SEARCH, params={"jql": jql, "maxResults": 5}, headers=headers).json()
    return str(body["nextPageToken"])


def test_page_token_is_refused_when_tampered(sim_client, demo) -> None:
    token = _first_token(sim_client, demo.admin)
    raw = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    raw[2] ^= 0x01
    tampered = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    for bad in (tampered, "BOGUS", token[:-3]):
        response = sim_client.get(
            SEARCH, params={"jql": JQL, "nextPageToken": bad}, headers=demo.admin
        )
        assert response.status_code == 400, bad


def test_page_token_is_bound_to_its_query(sim_client, demo) -> None:
    token = _first_token(sim_client, demo.admin)
    response = sim_client.get(
        SEARCH, params={"jql": "project = WEB", "nextPageToken": token}, headers=demo.admin
    )
    assert response.status_code == 400


def test_expand_names_schema_and_changelog(sim_client, sim_site, demo) -> None:
    body = {
        "jql": JQL,
        "maxResults": 2,
        "fields": ["summary", "status"],
        "expand": "names,schema,changelog",
    }
    page = sim_client.post(SEARCH, json=body, headers=demo.admin).json()
    assert page["names"] == {"summary": "Summary", "status": "Status"}
    catalog = {f["id"]: f for f in sim_site.fields}
    assert page["schema"] == {
        "summary": catalog["summary"]["schema"],
        "status": catalog["status"]["schema"],
    }
    for issue in page["issues"]:
        changelog = issue["changelog"]
        assert len(changelog["histories"]) <= 20
        assert changelog["maxResults"] == len(changelog["histories"])


def test_post_refuses_unknown_members_and_missing_content_type(sim_client, demo) -> None:
    unknown = sim_client.post(SEARCH, json={"jql": JQL, "startAt": 5}, headers=demo.admin)
    assert unknown.status_code == 400
    no_body = sim_client.post(SEARCH, headers=demo.admin)
    assert no_body.status_code == 415
    assert no_body.headers["content-type"] == "application/problem+json"
    assert no_body.json() == {
        "title": "Unsupported Media Type",
        "detail": "Content-Type 'null' is not supported.",
        "instance": SEARCH,
    }


def test_v2_returns_plain_text_descriptions(sim_client, demo) -> None:
    params = {
        "jql": "description is not EMPTY ORDER BY priority",
        "fields": "description",
        "maxResults": 3,
    }
    v3 = sim_client.get(SEARCH, params=params, headers=demo.admin).json()["issues"]
    v2 = sim_client.get("/rest/api/2/search/jql", params=params, headers=demo.admin).json()
    assert all(isinstance(i["fields"]["description"], dict) for i in v3)
    assert all(isinstance(i["fields"]["description"], str) for i in v2["issues"])
    assert all("/rest/api/2/issue/" in i["self"] for i in v2["issues"])


def test_approximate_count(sim_client, sim_site, demo) -> None:
    response = sim_client.post(
        "/rest/api/3/search/approximate-count", json={"jql": "project = ROLL"}, headers=demo.admin
    )
    assert response.status_code == 200
    assert response.json() == {"count": len(expected_ids(sim_site, "project = ROLL", None))}
    bad = sim_client.post(
        "/rest/api/3/search/approximate-count", json={"jql": "project = "}, headers=demo.admin
    )
    assert bad.status_code == 400


@pytest.mark.parametrize("version", ["2", "3"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_removed_search_answers_410(sim_client, demo, version, method) -> None:
    response = sim_client.request(
        method, f"/rest/api/{version}/search", params={"jql": JQL}, headers=demo.admin
    )
    assert response.status_code == 410
    assert response.json() == REMOVED_BODY
