"""`GET /issue/{issueIdOrKey}/changelog` and `POST /changelog/bulkfetch`: shapes (validated against
the OpenAPI spec), paging, field filtering, limits and errors, permissions, who may call them, and
fault injection."""

from __future__ import annotations

from typing import Any

import pytest

from jirasim.dataset import RESTRICTED_PROJECT_KEY
from jirasim.site import Site

BULK = "/rest/api/3/changelog/bulkfetch"
BULK_SPEC = "/rest/api/3/changelog/bulkfetch"
ONE_SPEC = "/rest/api/3/issue/{issueIdOrKey}/changelog"


def _histories(issue: dict[str, Any]) -> list[dict[str, Any]]:
    return list((issue.get("changelog") or {}).get("histories") or [])


def _oldest_first(issue: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(_histories(issue), key=lambda h: (h["created"], int(h["id"])))


def _busiest(site: Site, project: str = "ROLL") -> dict[str, Any]:
    candidates = [i for i in site.issues if i["fields"]["project"]["key"] == project]
    return max(candidates, key=lambda i: (len(_histories(i)), -int(i["id"])))


def _bulk_all(client, headers, body: dict[str, Any]) -> tuple[list[dict[str, Any]], int]:
    """Every page of a bulkfetch: the issueChangeLogs entries in page order, and the page count."""
    entries: list[dict[str, Any]] = []
    pages = 0
    token = None
    while True:
        response = client.post(
            BULK, json={**body, **({"nextPageToken": token} if token else {})}, headers=headers
        )
        assert response.status_code == 200, response.text
        pages += 1
        page = response.json()
        entries += page["issueChangeLogs"]
        token = page.get("nextPageToken")
        if token is None:
            return entries, pages


def _merge(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    merged: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        merged.setdefault(entry["issueId"], []).extend(entry["changeHistories"])
    return merged


# --- one issue's changelog --------------------------------------------------------------------


def test_issue_changelog_is_every_history_oldest_first(sim_client, sim_site, demo, openapi):
    issue = _busiest(sim_site)
    response = sim_client.get(f"/rest/api/3/issue/{issue['key']}/changelog", headers=demo.admin)
    assert response.status_code == 200, response.text
    body = response.json()
    openapi.validate(body, ONE_SPEC, "get")
    assert (body["startAt"], body["maxResults"], body["isLast"]) == (0, 100, True)
    assert body["total"] == len(_histories(issue))
    assert body["values"] == _oldest_first(issue)
    assert "nextPage" not in body


def test_issue_changelog_pages_by_offset(sim_client, sim_site, demo, openapi):
    issue = _busiest(sim_site)
    total = len(_histories(issue))
    assert total >= 3
    seen: list[dict[str, Any]] = []
    start = 0
    while True:
        url = f"/rest/api/3/issue/{issue['id']}/changelog"
        page = sim_client.get(url, params={"startAt": start, "maxResults": 2}, headers=demo.admin)
        body = page.json()
        openapi.validate(body, ONE_SPEC, "get")
        assert (body["startAt"], body["maxResults"], body["total"]) == (start, 2, total)
        seen += body["values"]
        start += 2
        assert body["isLast"] is (start >= total)
        if body["isLast"]:
            break
        assert body["nextPage"].endswith(f"/changelog?startAt={start}&maxResults=2")
    assert seen == _oldest_first(issue)


def test_issue_changelog_caps_the_page_at_100(sim_client, sim_site, demo):
    issue = _busiest(sim_site)
    url = f"/rest/api/3/issue/{issue['key']}/changelog"
    body = sim_client.get(url, params={"maxResults": 5000}, headers=demo.admin).json()
    assert body["maxResults"] == 100


@pytest.mark.parametrize(
    ("who", "issue_of"),
    [
        ("admin", lambda site: "NOPE-1"),
        ("admin", lambda site: "99999999"),
        (
            "member",
            lambda site: next(
                i["key"]
                for i in site.issues
                if i["fields"]["project"]["key"] == RESTRICTED_PROJECT_KEY
            ),
        ),
    ],
    ids=["unknown key", "unknown id", "not browsable"],
)
def test_issue_changelog_of_a_missing_or_hidden_issue_is_404(
    sim_client, sim_site, demo, openapi, who, issue_of
):
    url = f"/rest/api/3/issue/{issue_of(sim_site)}/changelog"
    response = sim_client.get(url, headers=getattr(demo, who))
    assert response.status_code == 404
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [
        "Issue does not exist or you do not have permission to see it."
    ]


# --- bulkfetch --------------------------------------------------------------------------------


def test_bulkfetch_pages_through_every_history_in_date_then_issue_order(
    sim_client, sim_site, demo, openapi
):
    issues = [i for i in sim_site.issues if i["fields"]["project"]["key"] == "ROLL"][:60]
    expected_total = sum(len(_histories(i)) for i in issues)
    body = {"issueIdsOrKeys": [i["key"] for i in issues], "maxResults": 7}
    first = sim_client.post(BULK, json=body, headers=demo.admin).json()
    openapi.validate(first, BULK_SPEC, "post")
    assert sum(len(e["changeHistories"]) for e in first["issueChangeLogs"]) == 7
    entries, pages = _bulk_all(sim_client, demo.admin, body)
    assert pages == -(-expected_total // 7)
    assert sum(len(e["changeHistories"]) for e in entries) == expected_total
    merged = _merge(entries)
    by_id = {i["id"]: i for i in issues}
    assert set(merged) == {i["id"] for i in issues if _histories(i)}
    for issue_id, histories in merged.items():
        assert histories == _oldest_first(by_id[issue_id])


def test_bulkfetch_page_order_follows_dates(sim_client, sim_site, demo):
    issues = [i for i in sim_site.issues if i["fields"]["project"]["key"] == "OPS"][:40]
    body = {"issueIdsOrKeys": [i["id"] for i in issues], "maxResults": 5}
    token = None
    last_seen = ("", 0)
    while True:
        page = sim_client.post(
            BULK, json={**body, **({"nextPageToken": token} if token else {})}, headers=demo.admin
        ).json()
        keys = sorted(
            (h["created"], int(e["issueId"]))
            for e in page["issueChangeLogs"]
            for h in e["changeHistories"]
        )
        # Every history on a page comes at or after every history on the pages before it.
        assert keys[0] >= last_seen
        last_seen = keys[-1]
        ids = [int(e["issueId"]) for e in page["issueChangeLogs"]]
        assert ids == sorted(set(ids))
        token = page.get("nextPageToken")
        if token is None:
            break


def test_bulkfetch_defaults_to_1000_per_page(sim_client, sim_site, demo, openapi):
    issues = sim_site.issues[:400]
    total = sum(len(_histories(i)) for i in issues)
    assert total > 1000
    first = sim_client.post(
        BULK, json={"issueIdsOrKeys": [i["id"] for i in issues]}, headers=demo.admin
    ).json()
    openapi.validate(first, BULK_SPEC, "post")
    assert sum(len(e["changeHistories"]) for e in first["issueChangeLogs"]) == 1000
    assert isinstance(first["nextPageToken"], str)


@pytest.mark.parametrize(
    "field_ids",
    [["status"], ["resolution"], ["status", "resolution"], ["assignee"], ["labels"]],
    ids=["status", "resolution", "status+resolution", "assignee", "never changed"],
)
def test_bulkfetch_keeps_only_the_asked_fields(sim_client, sim_site, demo, openapi, field_ids):
    issues = sim_site.issues[:120]
    body = {"issueIdsOrKeys": [i["key"] for i in issues], "fieldIds": field_ids}
    entries, _ = _bulk_all(sim_client, demo.admin, body)
    merged = _merge(entries)
    for issue in issues:
        expected = []
        for history in _oldest_first(issue):
            items = [item for item in history["items"] if item["fieldId"] in field_ids]
            if items:  # histories left without items are dropped
                expected.append({**history, "items": items})
        assert merged.get(issue["id"], []) == expected, issue["key"]
    for entry in entries:
        openapi.validate({"issueChangeLogs": [entry]}, BULK_SPEC, "post")


def test_bulkfetch_leaves_out_unknown_and_hidden_issues(sim_client, sim_site, demo):
    secret = next(
        i
        for i in sim_site.issues
        if i["fields"]["project"]["key"] == RESTRICTED_PROJECT_KEY and _histories(i)
    )
    visible = next(
        i for i in sim_site.issues if i["fields"]["project"]["key"] == "ROLL" and _histories(i)
    )
    body = {"issueIdsOrKeys": ["NOPE-1", "99999999", secret["key"], visible["key"].lower()]}
    as_member, _ = _bulk_all(sim_client, demo.member, body)
    assert set(_merge(as_member)) == {visible["id"]}
    as_admin, _ = _bulk_all(sim_client, demo.admin, body)
    assert set(_merge(as_admin)) == {visible["id"], secret["id"]}


def test_bulkfetch_of_issues_without_histories_is_an_empty_last_page(sim_client, sim_site, demo):
    quiet = [i["key"] for i in sim_site.issues if not _histories(i)][:3]
    assert quiet
    response = sim_client.post(BULK, json={"issueIdsOrKeys": quiet}, headers=demo.admin)
    assert response.json() == {"issueChangeLogs": []}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"issueIdsOrKeys": []}, "issueIdsOrKeys must not be empty."),
        ({"fieldIds": ["status"]}, "issueIdsOrKeys must not be empty."),
        (
            {"issueIdsOrKeys": [f"ROLL-{n}" for n in range(1, 1002)]},
            "The number of issueIdsOrKeys must not exceed 1000.",
        ),
        (
            {"issueIdsOrKeys": ["ROLL-1"], "fieldIds": [f"customfield_{n}" for n in range(11)]},
            "The number of fieldIds must not exceed 10.",
        ),
        (
            {"issueIdsOrKeys": ["ROLL-1"], "maxResults": 0},
            "maxResults must be between 1 and 10000.",
        ),
        (
            {"issueIdsOrKeys": ["ROLL-1"], "maxResults": 10001},
            "maxResults must be between 1 and 10000.",
        ),
        (
            {"issueIdsOrKeys": ["ROLL-1"], "nextPageToken": "not-a-token"},
            "The provided next page token is invalid or expired.",
        ),
        (
            {"issueIdsOrKeys": ["ROLL-1"], "expand": ["names"]},
            'Unrecognized field "expand" (not marked as ignorable)',
        ),
        (
            {"issueIdsOrKeys": "ROLL-1"},
            "Invalid request payload. Refer to the REST API documentation and try again.",
        ),
    ],
    ids=[
        "no issues",
        "issues missing",
        "1001 issues",
        "11 fields",
        "maxResults 0",
        "maxResults too big",
        "bad token",
        "unknown member",
        "issues not a list",
    ],
)
def test_bulkfetch_refuses_bad_requests(sim_client, demo, openapi, body, message):
    response = sim_client.post(BULK, json=body, headers=demo.admin)
    assert response.status_code == 400
    openapi.validate_schema(response.json(), "ErrorCollection")
    assert response.json()["errorMessages"] == [message]


def test_bulkfetch_token_is_bound_to_its_request(sim_client, sim_site, demo):
    keys = [i["key"] for i in sim_site.issues[:100]]
    first = sim_client.post(
        BULK, json={"issueIdsOrKeys": keys, "maxResults": 3}, headers=demo.admin
    ).json()
    other = {"issueIdsOrKeys": keys[:50], "nextPageToken": first["nextPageToken"]}
    assert sim_client.post(BULK, json=other, headers=demo.admin).status_code == 400
    # The same request may change its page size between pages.
    same = {"issueIdsOrKeys": keys, "maxResults": 50, "nextPageToken": first["nextPageToken"]}
    assert sim_client.post(BULK, json=same, headers=demo.admin).status_code == 200


# --- who may call -----------------------------------------------------------------------------


def test_connect_apps_may_not_call_bulkfetch_whatever_their_scope(
    sim_client, installed_app, sign_app_request, openapi
):
    assert openapi.connect_scope(BULK_SPEC, "post") == "INACCESSIBLE"
    headers = sign_app_request(installed_app, "POST", BULK)
    response = sim_client.post(BULK, json={"issueIdsOrKeys": ["ROLL-1"]}, headers=headers)
    assert response.status_code == 403
    openapi.validate_schema(response.json(), "ErrorCollection")
    # The per-issue endpoint is READ: the same app may read one issue's changelog.
    url = "/rest/api/3/issue/ROLL-1/changelog"
    response = sim_client.get(url, headers=sign_app_request(installed_app, "GET", url))
    assert response.status_code == 200
    assert openapi.connect_scope(ONE_SPEC, "get") == "READ"


def test_ap_request_from_a_connect_iframe_may_not_call_bulkfetch(sim_client, installed_app, demo):
    """AP.request runs as the user but within the app's scopes: still refused."""
    from jirasim.api.auth import BRIDGE_HEADER, SESSION_COOKIE, sign_session
    from jirasim.app import sim_state_of

    state = sim_state_of(sim_client.app)
    admin = next(u for u in state.site.users if u.email == "admin@example.com")
    sim_client.cookies.set(SESSION_COOKIE, sign_session(admin.account_id, state.secret))
    try:
        headers = {BRIDGE_HEADER: installed_app.key}
        response = sim_client.post(BULK, json={"issueIdsOrKeys": ["ROLL-1"]}, headers=headers)
        assert response.status_code == 403
        # The same person, without the app, is served.
        plain = {"X-Atlassian-Token": "no-check"}
        response = sim_client.post(BULK, json={"issueIdsOrKeys": ["ROLL-1"]}, headers=plain)
        assert response.status_code == 200
    finally:
        sim_client.cookies.clear()


def test_anonymous_callers_are_refused(sim_client):
    assert sim_client.post(BULK, json={"issueIdsOrKeys": ["ROLL-1"]}).status_code == 401
    assert sim_client.get("/rest/api/3/issue/ROLL-1/changelog").status_code == 401


# --- faults -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", BULK, {"issueIdsOrKeys": ["ROLL-1"]}),
        ("GET", "/rest/api/3/issue/ROLL-1/changelog", None),
    ],
    ids=["bulkfetch", "issue changelog"],
)
def test_changelog_routes_are_rate_limited_like_the_rest(sim_client, demo, method, path, body):
    configured = sim_client.post(
        "/_jirasim/faults", json={"rate_429": 1.0, "retry_after_seconds": 4}, headers=demo.sim_admin
    )
    assert configured.status_code == 200
    response = sim_client.request(method, path, json=body, headers=demo.admin)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "4"
    assert response.headers["RateLimit-Reason"] == "jira-burst-based"
    sim_client.post("/_jirasim/faults", json={"rate_429": 0.0}, headers=demo.sim_admin)
    assert sim_client.request(method, path, json=body, headers=demo.admin).status_code == 200
