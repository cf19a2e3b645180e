"""Authentication as Jira Cloud does it: HTTP Basic (email + API token), app JWT with a real
qsh, and the host page's session cookie (with the app bridge header)."""

from __future__ import annotations

import time

import jwt
import pytest

from jirasim.api.auth import SESSION_COOKIE, sign_session
from jirasim.app import sim_state_of
from rollbook.connect.qsh import query_string_hash

MYSELF = "/rest/api/3/myself"
GROUPS = "/rest/api/3/user/groups"
MEMBER_ID = "5b10a0effa615349cb016cd8"


def test_basic_auth_with_api_token(sim_client, demo) -> None:
    response = sim_client.get(MYSELF, headers=demo.member)
    assert response.status_code == 200
    assert response.json()["emailAddress"] == "member@example.com"


@pytest.mark.parametrize(
    "authorization",
    [
        "Basic " + "bWVtYmVyQGV4YW1wbGUuY29tOndyb25n",  # member@example.com:wrong
        "Basic " + "bm9ib2R5QGV4YW1wbGUuY29tOng=",  # nobody@example.com:x
        "Basic !!!",
        "Bearer abc",
    ],
)
def test_bad_credentials_are_401(sim_client, authorization) -> None:
    response = sim_client.get(MYSELF, headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.json()["errorMessages"]


def test_no_credentials_are_401(sim_client) -> None:
    response = sim_client.get(MYSELF)
    assert response.status_code == 401
    assert response.json() == {
        "errorMessages": [
            "You are not authenticated. Authentication required to perform this operation."
        ],
        "errors": {},
    }


def test_app_jwt_runs_as_the_app(sim_client, installed_app, sign_app_request) -> None:
    url = f"{GROUPS}?accountId={MEMBER_ID}"
    response = sim_client.get(url, headers=sign_app_request(installed_app, "GET", url))
    assert response.status_code == 200
    assert {g["name"] for g in response.json()} == {
        "jira-software-users",
        "team-platform",
        "team-web",
    }
    myself = sim_client.get(MYSELF, headers=sign_app_request(installed_app, "GET", MYSELF))
    assert myself.json()["accountType"] == "app"


def test_app_jwt_sees_every_project(sim_client, installed_app, sign_app_request) -> None:
    url = "/rest/api/3/search/jql?jql=project%20%3D%20SEC&maxResults=5&fields=project"
    response = sim_client.get(url, headers=sign_app_request(installed_app, "GET", url))
    assert response.status_code == 200
    assert response.json()["issues"]


def test_app_jwt_in_the_query_string(sim_client, installed_app, app_token) -> None:
    token = app_token(installed_app, "GET", MYSELF)
    assert sim_client.get(f"{MYSELF}?jwt={token}").status_code == 200


def _claims(app, **overrides):
    issued = int(time.time())
    claims = {
        "iss": app.key,
        "iat": issued,
        "exp": issued + 180,
        "qsh": query_string_hash("GET", MYSELF, ""),
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


@pytest.mark.parametrize(
    "case",
    [
        "bad qsh",
        "context qsh",
        "no qsh",
        "expired",
        "future",
        "unknown issuer",
        "wrong secret",
        "none alg",
    ],
)
def test_app_jwt_refusals(sim_client, installed_app, case) -> None:
    secret = installed_app.shared_secret
    algorithm = "HS256"
    claims = _claims(installed_app)
    if case == "bad qsh":
        claims["qsh"] = query_string_hash("GET", "/rest/api/3/field", "")
    elif case == "context qsh":
        claims["qsh"] = "context-qsh"
    elif case == "no qsh":
        del claims["qsh"]
    elif case == "expired":
        claims.update(iat=int(time.time()) - 600, exp=int(time.time()) - 300)
    elif case == "future":
        claims.update(iat=int(time.time()) + 600, exp=int(time.time()) + 900)
    elif case == "unknown issuer":
        claims["iss"] = "com.example.other"
    elif case == "wrong secret":
        secret = "x" * 48
    token = (
        jwt.encode(claims, None, algorithm="none")
        if case == "none alg"
        else jwt.encode(claims, secret, algorithm=algorithm)
    )
    response = sim_client.get(MYSELF, headers={"Authorization": f"JWT {token}"})
    assert response.status_code == 401, case


def test_app_jwt_stops_working_after_uninstall(sim_client, installed_app, sign_app_request, demo):
    headers = sign_app_request(installed_app, "GET", MYSELF)
    assert sim_client.get(MYSELF, headers=headers).status_code == 200
    uninstall = sim_client.post(
        f"/_jirasim/apps/{installed_app.key}/uninstall", headers=demo.sim_admin
    )
    assert uninstall.status_code == 200
    assert sim_client.get(MYSELF, headers=headers).status_code == 401


def _session(sim_client, account_id: str) -> None:
    secret = sim_state_of(sim_client.app).secret
    sim_client.cookies.set(SESSION_COOKIE, sign_session(account_id, secret))


def test_session_cookie_reads_as_the_user(sim_client) -> None:
    _session(sim_client, MEMBER_ID)
    response = sim_client.get(MYSELF)
    assert response.status_code == 200
    assert response.json()["accountId"] == MEMBER_ID


def test_forged_session_cookie_is_ignored(sim_client) -> None:
    sim_client.cookies.set(SESSION_COOKIE, f"{MEMBER_ID}.{'0' * 64}")
    assert sim_client.get(MYSELF).status_code == 401


def test_session_writes_need_the_xsrf_or_bridge_header(sim_client, installed_app) -> None:
    _session(sim_client, MEMBER_ID)
    body = {"jql": "project = ROLL"}
    count = "/rest/api/3/search/approximate-count"
    assert sim_client.post(count, json=body).status_code == 403
    assert (
        sim_client.post(count, json=body, headers={"X-Atlassian-Token": "no-check"}).status_code
        == 200
    )
    bridged = sim_client.post(
        count, json=body, headers={"X-Jirasim-Connect-App": installed_app.key}
    )
    assert bridged.status_code == 200


def test_bridge_requests_are_limited_to_the_app_scopes(sim_client, installed_app) -> None:
    _session(sim_client, MEMBER_ID)
    headers = {"X-Jirasim-Connect-App": installed_app.key}
    assert sim_client.get(MYSELF, headers=headers).status_code == 200
    bulk = sim_client.post(
        "/rest/api/3/issue/bulkfetch", json={"issueIdsOrKeys": ["ROLL-1"]}, headers=headers
    )
    assert bulk.status_code == 403
    unknown = sim_client.get(MYSELF, headers={"X-Jirasim-Connect-App": "com.example.nope"})
    assert unknown.status_code == 403
