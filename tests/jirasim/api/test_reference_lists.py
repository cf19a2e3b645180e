"""`/project`, `/priority` and `/status` under REST v2 and v3: the spec's response schemas, the
same items as the paged `/project/search` and `/priority/search`, and the `jira` package's
`projects()`, `priorities()` and `statuses()` over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from jira import JIRA

from jirasim.api.v2 import to_v2

VERSIONS = ["2", "3"]
# (list path, spec path, paged v3 path whose values hold the same items, or None)
ENDPOINTS = [
    ("project", "/rest/api/3/project", "/rest/api/3/project/search"),
    ("priority", "/rest/api/3/priority", "/rest/api/3/priority/search"),
    ("status", "/rest/api/3/status", None),
]


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(
    ("name", "spec_path", "paged_path"), ENDPOINTS, ids=[case[0] for case in ENDPOINTS]
)
def test_list_matches_the_spec_and_the_paged_form(
    sim_client: TestClient, demo, openapi, version, name, spec_path, paged_path
) -> None:
    response = sim_client.get(f"/rest/api/{version}/{name}", headers=demo.member)
    assert response.status_code == 200, response.text
    items = response.json()
    assert isinstance(items, list) and items
    # The spec is the v3 one; v2's shapes are the same for these three.
    openapi.validate(items, spec_path, "get", 200)
    assert all(f"/rest/api/{version}/{name}/" in item["self"] for item in items)
    if paged_path is not None:
        paged = sim_client.get(paged_path, params={"maxResults": 1000}, headers=demo.member)
        values = paged.json()["values"]
        assert items == (to_v2(values) if version == "2" else values)


@pytest.mark.parametrize("version", VERSIONS)
def test_status_list_holds_what_issues_embed(sim_client, sim_site, demo, version) -> None:
    statuses = sim_client.get(f"/rest/api/{version}/status", headers=demo.admin).json()
    listed = {status["id"]: status["name"] for status in statuses}
    embedded = {
        issue["fields"]["status"]["id"]: issue["fields"]["status"]["name"]
        for issue in sim_site.issues
    }
    assert embedded.items() <= listed.items()


def test_projects_list_only_browsable_projects(sim_client: TestClient, demo) -> None:
    def keys(headers: dict[str, str]) -> list[str]:
        return [p["key"] for p in sim_client.get("/rest/api/2/project", headers=headers).json()]

    assert set(keys(demo.outsider)) < set(keys(demo.admin))


@pytest.mark.parametrize("name", [case[0] for case in ENDPOINTS])
def test_lists_need_a_caller(sim_client: TestClient, openapi, name: str) -> None:
    response = sim_client.get(f"/rest/api/2/{name}")
    assert response.status_code == 401
    openapi.validate_schema(response.json(), "ErrorCollection")


@pytest.fixture(params=VERSIONS)
def jira_client(request, sim_app, live_server, port_finder) -> Iterator[JIRA]:
    with live_server(sim_app, port_finder()) as url:
        client = JIRA(
            server=url,
            basic_auth=("member@example.com", "demo-token-member"),
            options={"rest_api_version": request.param},
        )
        yield client
        client.close()


def test_the_jira_package_reads_the_lists(jira_client: JIRA, sim_client, demo) -> None:
    projects = sim_client.get("/rest/api/3/project/search", headers=demo.member).json()
    assert [p.key for p in jira_client.projects()] == [p["key"] for p in projects["values"]]
    assert [p.name for p in jira_client.priorities()] == [
        "Highest",
        "High",
        "Medium",
        "Low",
        "Lowest",
    ]
    statuses = jira_client.statuses()
    assert {s.name for s in statuses} >= {"To Do", "In Progress", "Done"}
    assert all(s.statusCategory.key in {"new", "indeterminate", "done"} for s in statuses)
