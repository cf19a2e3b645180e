"""`/project/{projectIdOrKey}/versions` and `/components`: the spec's response schemas, the same
values the project's issues carry, and "not found" for a project the caller may not browse."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jirasim.dataset.projects import RESTRICTED_PROJECT_KEY
from jirasim.site import Site

# (resource, the issue field holding the same values)
RESOURCES = [("versions", "fixVersions"), ("components", "components")]


def _issue_values(site: Site, project_key: str, field: str) -> dict[str, str]:
    return {
        str(value["id"]): str(value["name"])
        for issue in site.issues
        if issue["fields"]["project"]["key"] == project_key
        for value in issue["fields"].get(field) or ()
    }


@pytest.mark.parametrize("version", ["2", "3"])
@pytest.mark.parametrize(("resource", "field"), RESOURCES, ids=[r[0] for r in RESOURCES])
def test_lists_match_the_spec_and_the_issues(
    sim_client: TestClient, sim_site: Site, demo, openapi, version, resource, field
) -> None:
    project = next(p for p in sim_site.projects if p.key == "ROLL")
    for ref in (project.key, project.id):
        response = sim_client.get(
            f"/rest/api/{version}/project/{ref}/{resource}", headers=demo.member
        )
        assert response.status_code == 200, response.text
        items = response.json()
        openapi.validate(items, f"/rest/api/3/project/{{projectIdOrKey}}/{resource}", "get")
        names = {item["id"]: item["name"] for item in items}
        # Every value an issue carries is listed, under the same name.
        assert _issue_values(sim_site, "ROLL", field).items() <= names.items()
        assert all(item["projectId"] == int(project.id) for item in items)
        assert all(f"/rest/api/{version}/" in item["self"] for item in items)


def test_versions_include_archived_and_unreleased(sim_client, sim_site, demo) -> None:
    items = sim_client.get("/rest/api/3/project/ROLL/versions", headers=demo.member).json()
    expected = [v.name for v in sim_site.versions if v.project_key == "ROLL"]
    assert [item["name"] for item in items] == expected
    assert any(item["archived"] for item in items)
    assert any(not item["released"] for item in items)


@pytest.mark.parametrize("resource", ["versions", "components"])
@pytest.mark.parametrize("project", ["NOPE", RESTRICTED_PROJECT_KEY])
def test_unknown_or_hidden_project_is_not_found(
    sim_client, demo, openapi, resource, project
) -> None:
    response = sim_client.get(f"/rest/api/3/project/{project}/{resource}", headers=demo.member)
    assert response.status_code == 404
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [f"No project could be found with key '{project}'."]
