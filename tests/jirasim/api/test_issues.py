"""`GET /issue/{issueIdOrKey}` and `POST /issue/bulkfetch`."""

from __future__ import annotations

import pytest

from jirasim.site import Site

BULKFETCH = "/rest/api/3/issue/bulkfetch"
NOT_FOUND = {
    "errorMessages": ["Issue does not exist or you do not have permission to see it."],
    "errors": {},
}


def _issue_in(site: Site, project_key: str, index: int = 0) -> dict:
    return [i for i in site.issues if i["fields"]["project"]["key"] == project_key][index]


def test_get_issue_by_key_and_id_with_all_fields(sim_client, sim_site, demo) -> None:
    issue = _issue_in(sim_site, "ROLL")
    by_key = sim_client.get(f"/rest/api/3/issue/{issue['key'].lower()}", headers=demo.member)
    by_id = sim_client.get(f"/rest/api/3/issue/{issue['id']}", headers=demo.member)
    assert by_key.status_code == by_id.status_code == 200
    assert by_key.json() == by_id.json()
    body = by_key.json()
    assert body["key"] == issue["key"] and body["id"] == issue["id"]
    assert set(body["fields"]) == set(issue["fields"])
    assert "changelog" not in body


def test_get_issue_fields_and_expansions(sim_client, sim_site, demo) -> None:
    issue = _issue_in(sim_site, "WEB")
    response = sim_client.get(
        f"/rest/api/3/issue/{issue['key']}",
        params={"fields": "summary,assignee", "expand": "names,schema,changelog"},
        headers=demo.member,
    )
    body = response.json()
    assert set(body["fields"]) == {"summary", "assignee"}
    assert body["names"] == {"summary": "Summary", "assignee": "Assignee"}
    assert set(body["schema"]) == {"summary", "assignee"}
    assert body["changelog"]["total"] == len(issue["changelog"]["histories"])


@pytest.mark.parametrize("key", ["NOPE-1", "99999999"])
def test_unknown_issue_is_404(sim_client, demo, key) -> None:
    response = sim_client.get(f"/rest/api/3/issue/{key}", headers=demo.admin)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_issue_of_a_restricted_project_looks_missing(sim_client, sim_site, demo) -> None:
    secret = _issue_in(sim_site, "SEC")
    assert (
        sim_client.get(f"/rest/api/3/issue/{secret['key']}", headers=demo.admin).status_code == 200
    )
    response = sim_client.get(f"/rest/api/3/issue/{secret['key']}", headers=demo.member)
    assert response.status_code == 404
    assert response.json() == NOT_FOUND


def test_bulkfetch_orders_by_id_and_omits_unknown_and_forbidden(sim_client, sim_site, demo) -> None:
    roll = [_issue_in(sim_site, "ROLL", n) for n in range(3)]
    secret = _issue_in(sim_site, "SEC")
    requested = [roll[2]["key"], "NOPE-9", roll[0]["id"], secret["key"], roll[1]["key"].lower()]
    response = sim_client.post(BULKFETCH, json={"issueIdsOrKeys": requested}, headers=demo.member)
    assert response.status_code == 200
    body = response.json()
    assert body["issueErrors"] == []
    ids = [issue["id"] for issue in body["issues"]]
    assert ids == sorted((i["id"] for i in roll), key=int)
    navigable = {f["id"] for f in sim_site.fields if f["navigable"]}
    assert set(body["issues"][0]["fields"]) == navigable & set(roll[0]["fields"])


def test_bulkfetch_fields_and_expand_array(sim_client, sim_site, demo) -> None:
    issue = _issue_in(sim_site, "OPS")
    body = {
        "issueIdsOrKeys": [issue["key"]],
        "fields": ["summary"],
        "expand": ["names", "changelog"],
    }
    fetched = sim_client.post(BULKFETCH, json=body, headers=demo.admin).json()["issues"][0]
    assert set(fetched["fields"]) == {"summary"}
    assert fetched["names"] == {"summary": "Summary"}
    assert len(fetched["changelog"]["histories"]) <= 40


@pytest.mark.parametrize("count", [0, 101])
def test_bulkfetch_limits(sim_client, sim_site, demo, count) -> None:
    keys = [issue["key"] for issue in sim_site.issues[:count]]
    response = sim_client.post(BULKFETCH, json={"issueIdsOrKeys": keys}, headers=demo.admin)
    assert response.status_code == 400
    assert response.json()["errorMessages"]


def test_bulkfetch_accepts_exactly_one_hundred(sim_client, sim_site, demo) -> None:
    keys = [issue["key"] for issue in sim_site.issues[:100]]
    response = sim_client.post(BULKFETCH, json={"issueIdsOrKeys": keys}, headers=demo.admin)
    assert response.status_code == 200
    assert len(response.json()["issues"]) == 100


def test_bulkfetch_needs_the_write_scope_for_apps(
    sim_client, installed_app, sign_app_request
) -> None:
    headers = sign_app_request(installed_app, "POST", BULKFETCH)
    response = sim_client.post(BULKFETCH, json={"issueIdsOrKeys": ["ROLL-1"]}, headers=headers)
    assert response.status_code == 403
