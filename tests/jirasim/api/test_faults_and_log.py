"""Fault injection (`/_jirasim/faults`) and the request log (`/_jirasim/requests`)."""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter

import httpx
import pytest

from jirasim.api.faults import FaultConfig, FaultInjector

MYSELF = "/rest/api/3/myself"


def _configure(client, demo, **config) -> dict:
    response = client.post("/_jirasim/faults", json=config, headers=demo.sim_admin)
    assert response.status_code == 200, response.text
    return response.json()


def test_admin_endpoints_need_loopback_or_the_token(sim_client, demo) -> None:
    # TestClient's peer is "testclient", not loopback: only the token opens the door.
    assert sim_client.get("/_jirasim/faults").status_code == 403
    assert (
        sim_client.get("/_jirasim/faults", headers={"X-Jirasim-Admin-Token": "x"}).status_code
        == 403
    )
    shown = sim_client.get("/_jirasim/faults", headers=demo.sim_admin).json()
    assert shown == {**FaultConfig().to_json(), "held": 0}


def test_every_request_rate_limited_with_jira_headers(sim_client, demo) -> None:
    _configure(sim_client, demo, rate_429=1.0, retry_after_seconds=3)
    response = sim_client.get(MYSELF, headers=demo.member)
    assert response.status_code == 429
    headers = response.headers
    assert headers["Retry-After"] == "3"
    assert headers["RateLimit-Reason"] == "jira-burst-based"
    assert headers["X-RateLimit-Remaining"] == "0"
    assert headers["X-RateLimit-Limit"].isdigit()
    assert headers["X-RateLimit-NearLimit"] == "true"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", headers["X-RateLimit-Reset"])
    assert response.json()["errorMessages"]
    # Only the REST API is affected.
    assert sim_client.get("/_jirasim/faults", headers=demo.sim_admin).status_code == 200


def test_near_limit_marks_every_answer_until_turned_off(sim_client, demo) -> None:
    _configure(sim_client, demo, near_limit=True)
    response = sim_client.get(MYSELF, headers=demo.member)
    assert (response.status_code, response.headers["X-RateLimit-NearLimit"]) == (200, "true")
    assert _configure(sim_client, demo, near_limit=False)["near_limit"] is False
    assert "X-RateLimit-NearLimit" not in sim_client.get(MYSELF, headers=demo.member).headers


def test_fault_rates_are_deterministic_for_a_seed(sim_client, demo) -> None:
    def run() -> list[int]:
        _configure(sim_client, demo, rate_429=0.2, rate_5xx=0.3, seed=42)
        return [sim_client.get(MYSELF, headers=demo.member).status_code for _ in range(300)]

    first, second = run(), run()
    assert first == second
    counts = Counter(first)
    assert set(counts) == {200, 429, 500, 503}
    assert 0.12 < counts[429] / 300 < 0.28
    assert 0.22 < (counts[500] + counts[503]) / 300 < 0.38
    service_unavailable = next(
        r
        for r in (sim_client.get(MYSELF, headers=demo.member) for _ in range(50))
        if r.status_code == 503
    )
    assert service_unavailable.headers["Retry-After"] == "1"


def test_injector_draws_one_sequence_per_seed() -> None:
    config = FaultConfig(rate_429=0.5, rate_5xx=0.25, seed=7)
    a, b = FaultInjector(config), FaultInjector(config)
    draws_a = [getattr(a.draw(), "status", 200) for _ in range(100)]
    assert draws_a == [getattr(b.draw(), "status", 200) for _ in range(100)]
    c = FaultInjector(FaultConfig(rate_429=0.5, rate_5xx=0.25, seed=8))
    assert draws_a != [getattr(c.draw(), "status", 200) for _ in range(100)]


@pytest.mark.parametrize(
    "config",
    [
        {"rate_429": 1.5},
        {"rate_429": 0.7, "rate_5xx": 0.7},
        {"latency_ms": -1},
        {"speed": 1},
        {"near_limit": "yes"},
        {"hold": 1},
        {"paths": "/rest/api/3/changelog/bulkfetch"},
        {"paths": ["rest/api/3/changelog/bulkfetch"]},
        {"paths": [3]},
    ],
)
def test_invalid_fault_configs_are_refused(sim_client, demo, config) -> None:
    assert (
        sim_client.post("/_jirasim/faults", json=config, headers=demo.sim_admin).status_code == 400
    )


def test_latency_is_added_without_serializing_requests(
    sim_app, demo, live_server, port_finder
) -> None:
    port = port_finder()
    with live_server(sim_app, port) as url:
        httpx.post(f"{url}/_jirasim/faults", json={"latency_ms": 300})  # loopback: no token

        async def burst() -> float:
            async with httpx.AsyncClient(base_url=url, headers=demo.member) as client:
                started = time.monotonic()
                responses = await asyncio.gather(*(client.get(MYSELF) for _ in range(8)))
                assert all(r.status_code == 200 for r in responses)
                return time.monotonic() - started

        elapsed = asyncio.run(burst())
    assert 0.3 <= elapsed < 1.5


def test_hold_keeps_rest_answers_until_released(sim_app, demo, live_server, port_finder) -> None:
    """One site's Jira "hangs" until the test says so: requests are counted while held, and
    answered once released. Only the REST API is held, so the controls still answer."""
    with live_server(sim_app, port_finder()) as url:
        httpx.post(f"{url}/_jirasim/faults", json={"hold": True})  # loopback: no token

        async def held_then_released() -> list[int]:
            async with httpx.AsyncClient(base_url=url, headers=demo.member) as client:
                calls = [asyncio.create_task(client.get(MYSELF)) for _ in range(3)]
                while (await client.get("/_jirasim/faults")).json()["held"] < 3:
                    await asyncio.sleep(0.01)
                assert not any(call.done() for call in calls)
                await client.post("/_jirasim/faults", json={"hold": False})
                return [(await call).status_code for call in calls]

        assert asyncio.run(held_then_released()) == [200, 200, 200]
        assert httpx.get(f"{url}/_jirasim/faults").json()["held"] == 0


def test_request_log_records_rest_calls_with_auth_kind(
    sim_client, demo, installed_app, sign_app_request
) -> None:
    sim_client.delete("/_jirasim/requests", headers=demo.sim_admin)
    sim_client.get(MYSELF, headers=demo.member)
    sim_client.get(MYSELF)
    sim_client.get(MYSELF, headers=sign_app_request(installed_app, "GET", MYSELF))
    sim_client.get("/rest/api/3/search/jql", params={"jql": "project = ROLL"}, headers=demo.member)
    entries = sim_client.get("/_jirasim/requests", headers=demo.sim_admin).json()["requests"]
    assert [(e["method"], e["path"], e["auth"], e["status"]) for e in entries] == [
        ("GET", MYSELF, "basic", 200),
        ("GET", MYSELF, "anonymous", 401),
        ("GET", MYSELF, "jwt", 200),
        ("GET", "/rest/api/3/search/jql", "basic", 200),
    ]
    assert entries[2]["app"] == installed_app.key
    assert entries[3]["query"] == "jql=project+%3D+ROLL"
    later = sim_client.get(
        "/_jirasim/requests",
        params={"since": entries[1]["seq"], "path_prefix": "/rest/api/3/search"},
        headers=demo.sim_admin,
    ).json()["requests"]
    assert [e["seq"] for e in later] == [entries[3]["seq"]]


def test_request_log_marks_injected_faults(sim_client, demo) -> None:
    sim_client.delete("/_jirasim/requests", headers=demo.sim_admin)
    _configure(sim_client, demo, rate_429=1.0)
    sim_client.get(MYSELF, headers=demo.member)
    (entry,) = sim_client.get("/_jirasim/requests", headers=demo.sim_admin).json()["requests"]
    assert entry["status"] == 429 and entry["fault"] is True and entry["auth"] == "basic"


# A "changelog 429 storm": both changelog routes, and nothing else.
CHANGELOG_PATHS = ["/rest/api/3/changelog/bulkfetch", "/rest/api/3/issue/*/changelog"]


def _request(client, demo, route: str, key: str):
    if route == "bulkfetch":
        body = {"issueIdsOrKeys": [key], "fieldIds": ["status"]}
        return client.post("/rest/api/3/changelog/bulkfetch", json=body, headers=demo.admin)
    if route == "search":
        body = {"jql": f"key = {key}", "fields": ["status"]}
        return client.post("/rest/api/3/search/jql", json=body, headers=demo.admin)
    path = {
        "issue changelog": f"/issue/{key}/changelog",
        "issue": f"/issue/{key}",
        "myself": "/myself",
    }
    return client.get(f"/rest/api/3{path[route]}", headers=demo.admin)


@pytest.mark.parametrize(
    ("route", "status"),
    [
        ("bulkfetch", 429),
        ("issue changelog", 429),
        ("search", 200),
        ("issue", 200),  # `*` is one segment: /issue/{key} itself is not a changelog route
        ("myself", 200),
    ],
    ids=["bulkfetch", "issue-changelog", "search", "issue", "myself"],
)
def test_paths_limit_faults_to_the_routes_named(sim_client, demo, sim_site, route, status) -> None:
    shown = _configure(sim_client, demo, rate_429=1.0, paths=CHANGELOG_PATHS)
    assert shown["paths"] == CHANGELOG_PATHS
    assert sim_client.get("/_jirasim/faults", headers=demo.sim_admin).json()["paths"] == (
        CHANGELOG_PATHS
    )
    key = sim_site.issues[0]["key"]
    assert _request(sim_client, demo, route, key).status_code == status


def test_only_requests_on_the_paths_draw_from_the_seeded_sequence(sim_client, demo, sim_site):
    key = sim_site.issues[0]["key"]

    def changelog_statuses(interleave: bool) -> list[int]:
        _configure(sim_client, demo, rate_429=0.5, seed=42, paths=CHANGELOG_PATHS)
        statuses = []
        for _ in range(40):
            if interleave:
                assert _request(sim_client, demo, "search", key).status_code == 200
            statuses.append(_request(sim_client, demo, "issue changelog", key).status_code)
        return statuses

    alone = changelog_statuses(interleave=False)
    assert set(alone) == {200, 429}
    assert changelog_statuses(interleave=True) == alone
    # Clearing the paths puts every REST request back under the faults.
    assert _configure(sim_client, demo, rate_429=1.0, paths=[])["paths"] == []
    assert _request(sim_client, demo, "myself", key).status_code == 429
