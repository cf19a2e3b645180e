"""One tenant's Jira cannot slow another tenant: site A's Jira holds every call (jirasim's `hold`
fault) while A's users fire more report lists than the server has worker threads; site B, whose
Jira is normal, creates and lists reports meanwhile. Functional, no clock: every B request
completes while each of A's Jira calls is still held and still waited on by exactly one pending
A request (so none of B's requests waited for A's Jira to answer or time out), and A's lists
beyond the tenant's cap of calls in flight did not queue: they answered at once."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import anyio
import httpx
import pytest

from jirasim.dataset import DEMO_MEMBER
from rollbook.app import create_app
from rollbook.core.db import WORKER_THREADS, Database
from rollbook.core.settings import Settings
from support.connect import tenant_token
from support.jira_sites import JiraSite, jira_site
from support.reports import ADMIN, full_report
from support.servers import serve_in_thread

pytestmark = pytest.mark.anyio

SHARED_WITH_JIRA_USERS = {
    "access": "limited",
    "administrators": [ADMIN],
    "viewer_users": [],
    "viewer_groups": ["jira-software-users"],
}
CAP = 4
# More concurrent lists than worker threads: before, these alone blocked every thread.
A_LISTS = WORKER_THREADS + 8
B_ROUNDS = 6


@pytest.fixture
def sites(database: Database) -> Iterator[tuple[JiraSite, JiraSite]]:
    with jira_site(database, "site-a") as a, jira_site(database, "site-b") as b:
        yield a, b


@pytest.fixture
def rollbook_url(settings: Settings, database: Database) -> Iterator[str]:
    # A budget far above the test's length: A's calls must stay held until released.
    changes = {"dev_mode": True, "jira_calls_per_tenant": CAP, "jira_request_budget_seconds": 600}
    app = create_app(settings.model_copy(update=changes), database=database)
    with serve_in_thread(app) as url:
        yield url


def as_user(site: JiraSite, account_id: str) -> dict[str, str]:
    token = tenant_token(client_key=site.client_key, secret=site.secret, account_id=account_id)
    return {"Authorization": f"JWT {token}"}


async def until(condition: Any) -> None:
    with anyio.fail_after(30):
        while not condition():
            await asyncio.sleep(0.01)


async def test_a_tenant_whose_jira_hangs_does_not_slow_another(
    sites: tuple[JiraSite, JiraSite], rollbook_url: str
) -> None:
    site_a, site_b = sites
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(base_url=rollbook_url, limits=limits, timeout=60) as client:

        async def create(site: JiraSite, name: str) -> httpx.Response:
            body = full_report(name, people=SHARED_WITH_JIRA_USERS)
            return await client.post("/api/reports", json=body, headers=as_user(site, ADMIN))

        for site in (site_a, site_b):
            assert (await create(site, "Shared")).status_code == 201

        site_a.set_faults(hold=True)
        a_lists = [
            asyncio.create_task(client.get("/api/reports", headers=as_user(site_a, f"acc-a-{n}")))
            for n in range(A_LISTS)
        ]
        # A's cap of calls is held by its Jira, and every A list beyond the cap has answered.
        await until(lambda: site_a.held == CAP and sum(not t.done() for t in a_lists) == CAP)

        async def b_round(n: int) -> list[httpx.Response]:
            created = await create(site_b, f"B {n}")
            listed = await client.get(
                "/api/reports", headers=as_user(site_b, DEMO_MEMBER.account_id)
            )
            return [created, listed]

        b_answers = [r for rs in await asyncio.gather(*map(b_round, range(B_ROUNDS))) for r in rs]
        assert [r.status_code for r in b_answers] == [201, 200] * B_ROUNDS
        # B's member saw its group-shared reports: B's own Jira was asked and answered.
        assert all(
            r.json()["total"] >= 1 and "Rollbook-Warning" not in r.headers for r in b_answers[1::2]
        )
        # B finished while every one of A's Jira calls is still held and still awaited.
        assert site_a.held == CAP
        assert sum(not task.done() for task in a_lists) == CAP

        site_a.set_faults(hold=False)
        a_answers = await asyncio.gather(*a_lists)
    assert all(r.status_code == 200 for r in a_answers)
    # The lists over the cap said why their group-shared reports are missing.
    assert sum("Rollbook-Warning" in r.headers for r in a_answers) >= A_LISTS - CAP
