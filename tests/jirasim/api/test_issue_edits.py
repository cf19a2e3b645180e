"""`PUT /issue/{issueIdOrKey}` (Edit issue), summary only: a change adds one change history that
every changelog route and JQL then agree on; no change adds none; other fields get Jira's 400.
On its own site: edits change the stored issues, which the session's `sim_site` must not see."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jirasim.app import create_app
from jirasim.dataset import DEMO_ADMIN, RESTRICTED_PROJECT_KEY, generate_site
from jirasim.site import Site

BASE_URL = "http://jirasim.test"
NOT_EDITABLE = "Field '{}' cannot be set. It is not on the appropriate screen, or unknown."


@pytest.fixture
def site() -> Site:
    return generate_site(seed=3, issue_count=120, base_url=BASE_URL)


@pytest.fixture
def client(site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(site), base_url=BASE_URL) as test_client:
        yield test_client


def _issue(site: Site, project: str = "ROLL") -> dict[str, Any]:
    return next(i for i in site.issues if i["fields"]["project"]["key"] == project)


def _changelog(client: TestClient, key: str, headers: dict[str, str]) -> dict[str, Any]:
    response = client.get(f"/rest/api/3/issue/{key}/changelog", headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_new_summary_adds_one_history_that_every_route_and_jql_see(
    client: TestClient, site: Site, demo: Any
) -> None:
    issue = _issue(site)
    key, old = issue["key"], issue["fields"]["summary"]
    before = _changelog(client, key, demo.admin)

    response = client.put(
        f"/rest/api/3/issue/{key}",
        json={"fields": {"summary": "Quokka rename"}},
        headers=demo.admin,
    )

    assert response.status_code == 204 and response.content == b""
    after = _changelog(client, key, demo.admin)
    assert after["total"] == before["total"] + 1
    newest = after["values"][-1]
    assert newest["items"] == [
        {
            "field": "summary",
            "fieldtype": "jira",
            "fieldId": "summary",
            "from": None,
            "fromString": old,
            "to": None,
            "toString": "Quokka rename",
        }
    ]
    assert newest["author"]["accountId"] == DEMO_ADMIN.account_id
    assert int(newest["id"]) > max(
        int(h["id"]) for i in site.issues if i is not issue for h in i["changelog"]["histories"]
    )
    shown = client.get(
        f"/rest/api/3/issue/{key}", params={"expand": "changelog"}, headers=demo.admin
    ).json()
    assert shown["fields"]["summary"] == "Quokka rename"
    assert shown["fields"]["updated"] == newest["created"]
    assert shown["changelog"]["histories"][0] == newest
    found = client.post(
        "/rest/api/3/search/jql",
        json={"jql": "summary ~ quokka", "fields": ["summary"]},
        headers=demo.admin,
    ).json()
    assert [i["key"] for i in found["issues"]] == [key]


def test_an_edit_that_changes_nothing_adds_no_history(
    client: TestClient, site: Site, demo: Any
) -> None:
    issue = _issue(site)
    before = _changelog(client, issue["key"], demo.admin)
    body = {"update": {"summary": [{"set": issue["fields"]["summary"]}]}}

    response = client.put(f"/rest/api/3/issue/{issue['key']}", json=body, headers=demo.admin)

    assert response.status_code == 204
    assert _changelog(client, issue["key"], demo.admin) == before


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"fields": {"labels": ["x"], "summary": "y"}},
            {"labels": NOT_EDITABLE.format("labels")},
        ),
        ({"fields": {"summary": " "}}, {"summary": "You must specify a summary of the issue."}),
        ({"update": {"summary": [{"add": "y"}]}}, {"summary": "The summary can only be set."}),
        ({"update": {"summary": ["y"]}}, {"summary": "The summary can only be set."}),
    ],
)
def test_what_jirasim_cannot_edit_gets_a_400_naming_the_field(
    client: TestClient, site: Site, demo: Any, body: dict[str, Any], errors: dict[str, str]
) -> None:
    issue = _issue(site)
    before = _changelog(client, issue["key"], demo.admin)

    response = client.put(f"/rest/api/3/issue/{issue['key']}", json=body, headers=demo.admin)

    assert response.status_code == 400
    assert response.json() == {"errorMessages": [], "errors": errors}
    assert _changelog(client, issue["key"], demo.admin) == before


def test_an_issue_the_caller_may_not_browse_is_not_found(
    client: TestClient, site: Site, demo: Any
) -> None:
    issue = _issue(site, RESTRICTED_PROJECT_KEY)
    body = {"fields": {"summary": "Renamed"}}

    response = client.put(f"/rest/api/3/issue/{issue['key']}", json=body, headers=demo.member)

    assert response.status_code == 404
    assert issue["fields"]["summary"] != "Renamed"
