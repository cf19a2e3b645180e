"""Group look-ups when a tenant's Jira fails: a failure is remembered briefly per (site, user)
so one list or one burst of requests asks Jira once, and Jira's 429 is answered with 503 and
its Retry-After at once (still denying), with no call to that site until Retry-After passes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.fake_jira import GROUP_SHARED, FakeJira
from support.reports import ADMIN, GROUP_MEMBER, JIRA_ADMIN, OUTSIDER, Tenant, UserClient


@pytest.fixture
def api(make_app: Callable[..., FastAPI]) -> Iterator[TestClient]:
    with TestClient(make_app(), base_url="https://rollbook.test") as client:
        yield client


def _group_shared_report(api: TestClient, site: Tenant) -> str:
    report_id: str = UserClient(api, site, ADMIN).create(people=GROUP_SHARED)["id"]
    return report_id


@pytest.mark.parametrize("mode", ["500", "503", "timeout", "garbage"])
def test_a_failed_look_up_is_asked_once_within_the_failure_window(
    mode: str, api: TestClient, site_a: Tenant, jira: FakeJira
) -> None:
    report_id = _group_shared_report(api, site_a)
    jira.mode = mode
    member = UserClient(api, site_a, GROUP_MEMBER)
    for _ in range(2):
        denied = member.get(f"/api/reports/{report_id}")
        assert denied.status_code == 503
        assert denied.json()["error"] == "group_check_unavailable"
        # The failure window (jira_failure_cache_seconds, 10 by default) says when to come back.
        assert denied.headers["Retry-After"] == "10"
        listed = member.get("/api/reports")
        assert listed.status_code == 200 and listed.json()["total"] == 0
        assert "Rollbook-Warning" in listed.headers
    assert jira.group_calls() == 1


def test_without_a_failure_window_every_request_asks_again(
    make_app: Callable[..., FastAPI], site_a: Tenant, jira: FakeJira
) -> None:
    with TestClient(make_app(jira_failure_cache_seconds=0), base_url="https://x.test") as api:
        report_id = _group_shared_report(api, site_a)
        jira.mode = "500"
        member = UserClient(api, site_a, GROUP_MEMBER)
        assert member.get(f"/api/reports/{report_id}").status_code == 503
        assert member.get(f"/api/reports/{report_id}").status_code == 503
    assert jira.group_calls() == 2


def _in_30_seconds() -> str:
    return format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)


def _30_seconds() -> str:
    return "30"


@pytest.mark.parametrize(
    "retry_after",
    [pytest.param(_30_seconds, id="seconds"), pytest.param(_in_30_seconds, id="date")],
)
def test_a_429_is_a_503_with_retry_after_and_the_site_is_left_alone_until_then(
    retry_after: Callable[[], str],
    api: TestClient,
    site_a: Tenant,
    site_b: Tenant,
    jira: FakeJira,
) -> None:
    report_id = _group_shared_report(api, site_a)
    other_site_report = _group_shared_report(api, site_b)
    jira.mode, jira.retry_after = "429", retry_after()
    denied = UserClient(api, site_a, GROUP_MEMBER).get(f"/api/reports/{report_id}")
    assert denied.status_code == 503
    assert denied.json()["error"] == "group_check_unavailable"
    assert 25 <= int(denied.headers["Retry-After"]) <= 30
    assert jira.group_calls() == 1
    # Other users of the same site: denied at once, with the time left, and Jira is not asked.
    for account_id in (JIRA_ADMIN, OUTSIDER):
        again = UserClient(api, site_a, account_id).get(f"/api/reports/{report_id}")
        assert again.status_code == 503
        assert 1 <= int(again.headers["Retry-After"]) <= 30
    listed = UserClient(api, site_a, OUTSIDER).get("/api/reports")
    assert listed.status_code == 200 and listed.json()["total"] == 0
    assert jira.group_calls() == 1
    # Another site is not held back by this one's Retry-After.
    jira.mode = "ok"
    assert UserClient(api, site_b, GROUP_MEMBER).get(f"/api/reports/{other_site_report}").is_success
    assert jira.group_calls() == 2
