"""The per-tenant cap on Jira calls in flight and the per-request budget of Jira time, seen
through the API: a request over the cap, or out of budget, is answered 503 with Retry-After while
Jira still holds the other calls (functional: what has answered, never how long it took)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI

from support.connect import tenant_token
from support.fake_jira import GROUP_SHARED, FakeJira, until
from support.reports import ADMIN, JIRA_ADMIN, Tenant, full_report

pytestmark = pytest.mark.anyio


@asynccontextmanager
async def api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://rollbook.test") as client:
        yield client


def as_user(site: Tenant, account_id: str) -> dict[str, str]:
    token = tenant_token(client_key=site.client_key, secret=site.secret, account_id=account_id)
    return {"Authorization": f"JWT {token}"}


async def group_shared_report(client: httpx.AsyncClient, site: Tenant) -> str:
    body = full_report(people=GROUP_SHARED)
    created = await client.post("/api/reports", json=body, headers=as_user(site, ADMIN))
    assert created.status_code == 201, created.text
    report_id: str = created.json()["id"]
    return report_id


async def test_a_call_over_the_tenants_cap_fails_fast_with_retry_after(
    make_app: Callable[..., FastAPI], site_a: Tenant, jira: FakeJira
) -> None:
    members = [f"acc-member-{n}" for n in range(3)]
    jira.groups.update({member: ["analysts"] for member in members})
    async with api(make_app(jira_calls_per_tenant=2)) as client:
        report_id = await group_shared_report(client, site_a)
        jira.mode = "hold"
        url = f"/api/reports/{report_id}"
        waiting = [
            asyncio.create_task(client.get(url, headers=as_user(site_a, member)))
            for member in members[:2]
        ]
        await until(lambda: jira.held == 2)
        over_the_cap = await client.get(url, headers=as_user(site_a, members[2]))
        assert over_the_cap.status_code == 503
        assert over_the_cap.headers["Retry-After"] == "1"
        # Answered while both calls in flight are still held by Jira: it did not queue.
        assert jira.held == 2 and not any(task.done() for task in waiting)
        jira.release()
        assert [(await task).status_code for task in waiting] == [200, 200]
        # A freed slot is used again.
        assert (await client.get(url, headers=as_user(site_a, members[2]))).status_code == 200


async def test_a_request_answers_503_when_its_budget_is_spent_while_jira_still_holds_it(
    make_app: Callable[..., FastAPI], site_a: Tenant, jira: FakeJira
) -> None:
    async with api(make_app(jira_request_budget_seconds=0.2)) as client:
        report_id = await group_shared_report(client, site_a)
        jira.mode = "hold"
        denied = await client.get(f"/api/reports/{report_id}", headers=as_user(site_a, JIRA_ADMIN))
        assert denied.status_code == 503
        assert denied.headers["Retry-After"] == "1"
        assert jira.held == 1
        jira.release()
        await until(lambda: jira.held == 0)
