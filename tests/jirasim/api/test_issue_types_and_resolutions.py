"""`/issuetype` and `/resolution/search`: the spec's response schemas, and the same items as
issues embed (so a value picked from the list is the one the issues carry)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jirasim.site import Site


def _embedded(site: Site, field: str) -> dict[str, str]:
    return {
        str(value["id"]): str(value["name"])
        for issue in site.issues
        if (value := issue["fields"].get(field))
    }


@pytest.mark.parametrize("version", ["2", "3"])
def test_issue_types(sim_client: TestClient, sim_site: Site, demo, openapi, version) -> None:
    response = sim_client.get(f"/rest/api/{version}/issuetype", headers=demo.member)
    assert response.status_code == 200, response.text
    openapi.validate(response.json(), "/rest/api/3/issuetype", "get")
    listed = {t["id"]: t["name"] for t in response.json()}
    assert _embedded(sim_site, "issuetype").items() <= listed.items()


def test_resolutions_are_paged(sim_client: TestClient, sim_site: Site, demo, openapi) -> None:
    path = "/rest/api/3/resolution/search"
    response = sim_client.get(path, headers=demo.member)
    assert response.status_code == 200, response.text
    body = response.json()
    openapi.validate(body, path, "get")
    listed = {r["id"]: r["name"] for r in body["values"]}
    assert _embedded(sim_site, "resolution").items() <= listed.items()
    first = sim_client.get(path, params={"maxResults": 1}, headers=demo.member).json()
    assert first["isLast"] is False and len(first["values"]) == 1
    picked = sim_client.get(path, params={"id": first["values"][0]["id"]}, headers=demo.member)
    assert [r["id"] for r in picked.json()["values"]] == [first["values"][0]["id"]]
    only_default = sim_client.get(path, params={"onlyDefault": "true"}, headers=demo.member)
    assert only_default.json()["values"] == []
