"""REST searches bounded by `IS NOT EMPTY` on an always-set field, and the blank escaped field
name `\\ `, answered as Jira answers them (see tests/jirasim/jql/test_jql_always_set_fields.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from jirasim.jql import JqlSearcher
from jirasim.site import Site

MEMBER_ID = "5b10a0effa615349cb016cd8"
BOUNDS = [
    "project is not EMPTY",
    "status IS NOT null",
    "issuetype is not empty",
    "key is not EMPTY",
]


@pytest.mark.parametrize("jql", BOUNDS)
def test_is_not_empty_bounds_an_enhanced_search(
    sim_client: TestClient, sim_site: Site, demo, jql: str
) -> None:
    response = sim_client.get(
        "/rest/api/3/search/jql",
        params={"jql": jql, "maxResults": 5000, "fields": "key"},
        headers=demo.member,
    )
    assert response.status_code == 200, response.text
    visible = JqlSearcher(sim_site).search(
        "order by key desc", account_id=MEMBER_ID, now=datetime.now(UTC)
    )
    assert len(response.json()["issues"]) == len(visible)


@pytest.mark.parametrize("jql", BOUNDS)
def test_is_not_empty_bounds_an_approximate_count(sim_client: TestClient, demo, jql: str) -> None:
    response = sim_client.post(
        "/rest/api/3/search/approximate-count", json={"jql": jql}, headers=demo.member
    )
    assert response.status_code == 200, response.text
    assert response.json()["count"] > 0


@pytest.mark.parametrize("version", ["2", "3"])
def test_is_empty_on_an_always_set_field_finds_nothing(sim_client, demo, version) -> None:
    response = sim_client.post(
        f"/rest/api/{version}/search/jql", json={"jql": "project is EMPTY"}, headers=demo.member
    )
    assert response.status_code == 200, response.text
    assert response.json()["issues"] == []


BLANK_FIELD = "Error in the JQL Query: A field name cannot be empty. (line 1, character 1)"


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_blank_escaped_field_name_is_a_400_error_collection(
    sim_client: TestClient, demo, openapi, method: str
) -> None:
    jql = "\\ = value"
    if method == "GET":
        response = sim_client.get(
            "/rest/api/3/search/jql", params={"jql": jql}, headers=demo.member
        )
    else:
        response = sim_client.post("/rest/api/3/search/jql", json={"jql": jql}, headers=demo.member)
    assert response.status_code == 400
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [BLANK_FIELD]


def test_jql_parse_reports_the_blank_escaped_field_name(sim_client: TestClient, demo) -> None:
    response = sim_client.post(
        "/rest/api/3/jql/parse",
        params={"validation": "strict"},
        json={"queries": ["\\ = value", "project is not EMPTY"]},
        headers=demo.member,
    )
    assert response.status_code == 200, response.text
    blank, bounded = response.json()["queries"]
    assert blank["errors"] == [BLANK_FIELD]
    assert "errors" not in bounded
