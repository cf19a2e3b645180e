"""`/field/{fieldId}/context` and `/field/{fieldId}/context/{contextId}/option`: the spec's
response schemas, the select lists' options as issues carry them, administrators only."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jirasim.dataset.catalog import PLATFORMS_FIELD, STORY_POINTS_FIELD, TEAM_FIELD
from jirasim.site import Site

CONTEXTS = "/rest/api/3/field/{fieldId}/context"
OPTIONS = "/rest/api/3/field/{fieldId}/context/{contextId}/option"


def _context_id(client: TestClient, headers: dict[str, str], field: str) -> str:
    response = client.get(f"/rest/api/3/field/{field}/context", headers=headers)
    assert response.status_code == 200, response.text
    [context] = response.json()["values"]
    return str(context["id"])


def _carried(site: Site, field: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for issue in site.issues:
        value = issue["fields"].get(field)
        for option in value if isinstance(value, list) else [value] if value else []:
            found[str(option["id"])] = str(option["value"])
    return found


@pytest.mark.parametrize("field", [TEAM_FIELD, PLATFORMS_FIELD])
def test_select_list_options_match_the_spec_and_the_issues(
    sim_client: TestClient, sim_site: Site, demo, openapi, field
) -> None:
    contexts = sim_client.get(f"/rest/api/3/field/{field}/context", headers=demo.admin)
    assert contexts.status_code == 200
    openapi.validate(contexts.json(), CONTEXTS, "get")
    assert [c["isGlobalContext"] for c in contexts.json()["values"]] == [True]

    context_id = _context_id(sim_client, demo.admin, field)
    response = sim_client.get(
        f"/rest/api/3/field/{field}/context/{context_id}/option", headers=demo.admin
    )
    assert response.status_code == 200
    openapi.validate(response.json(), OPTIONS, "get")
    listed = {o["id"]: o["value"] for o in response.json()["values"]}
    assert _carried(sim_site, field).items() <= listed.items()
    assert response.json()["isLast"] is True


def test_options_page(sim_client: TestClient, demo) -> None:
    context_id = _context_id(sim_client, demo.admin, TEAM_FIELD)
    path = f"/rest/api/3/field/{TEAM_FIELD}/context/{context_id}/option"
    first = sim_client.get(path, params={"maxResults": 4}, headers=demo.admin).json()
    rest = sim_client.get(path, params={"startAt": 4}, headers=demo.admin).json()
    assert first["isLast"] is False and "nextPage" in first
    assert len(first["values"]) + len(rest["values"]) == first["total"]


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        (
            f"/rest/api/3/field/{TEAM_FIELD}/context",
            403,
            "Only Jira administrators can access custom field contexts.",
        ),
        (
            f"/rest/api/3/field/{TEAM_FIELD}/context/CONTEXT/option",
            403,
            "Only Jira administrators can manage custom field options.",
        ),
    ],
    ids=["contexts", "options"],
)
def test_members_are_refused(sim_client, demo, openapi, path, status, message) -> None:
    context_id = _context_id(sim_client, demo.admin, TEAM_FIELD)
    response = sim_client.get(path.replace("CONTEXT", context_id), headers=demo.member)
    assert response.status_code == status
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [message]


@pytest.mark.parametrize(
    ("field", "context", "status", "message"),
    [
        ("status", None, 404, "The custom field was not found."),
        ("customfield_99999", None, 404, "The custom field was not found."),
        (TEAM_FIELD, "1", 404, "The custom field was not found."),
        (STORY_POINTS_FIELD, "OWN", 400, "The custom field doesn't support options."),
    ],
    ids=["a system field", "an unknown field", "another field's context", "a number field"],
)
def test_errors(sim_client, demo, openapi, field, context, status, message) -> None:
    if context is None:
        path = f"/rest/api/3/field/{field}/context"
    else:
        if context == "OWN":
            context = _context_id(sim_client, demo.admin, field)
        path = f"/rest/api/3/field/{field}/context/{context}/option"
    response = sim_client.get(path, headers=demo.admin)
    assert response.status_code == status
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [message]
