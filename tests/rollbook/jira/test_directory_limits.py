"""The directory's own limits, without the API: concurrent identical look-ups share one call,
and one request's budget bounds all its look-ups together."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from rollbook.connect.jira_client import JiraAppClient
from rollbook.jira.budget import JiraBudget
from rollbook.jira.client import JiraBusy, JiraClient
from rollbook.jira.directory import HttpJiraDirectory, JiraLimits
from rollbook.jira.http import JiraHttp
from support.fake_jira import FakeJira, until
from support.reports import JIRA_ADMIN

pytestmark = pytest.mark.anyio


def _directory(jira: FakeJira, **limits: Any) -> HttpJiraDirectory:
    http = JiraHttp(jira.transport())

    def connect(_client_key: str) -> JiraClient:
        return JiraAppClient(
            base_url="https://jira-a.atlassian.net",
            shared_secret="s" * 32,
            app_key="com.rollbook.reports",
            http=http,
        )

    return HttpJiraDirectory(connect, limits=JiraLimits(**limits))


async def test_concurrent_identical_look_ups_share_one_call(jira: FakeJira) -> None:
    directory = _directory(jira)
    jira.mode = "hold"
    look_ups = [asyncio.create_task(directory.groups_of("site-a", JIRA_ADMIN)) for _ in range(5)]
    await until(lambda: jira.held == 1)
    jira.release()
    answers = await asyncio.gather(*look_ups)
    assert answers == [frozenset({"jira-administrators"})] * 5
    assert jira.group_calls() == 1


async def test_the_request_budget_bounds_all_its_look_ups_together(jira: FakeJira) -> None:
    directory = _directory(jira)
    budget = JiraBudget(0.2)
    jira.mode = "hold"
    with pytest.raises(JiraBusy):
        await directory.groups_of("site-a", JIRA_ADMIN, budget=budget)
    # The look-up gave up while Jira still held the call.
    assert jira.held == 1
    # The budget is spent: the next look-up of the same request is refused without a call.
    with pytest.raises(JiraBusy):
        await directory.is_jira_admin("site-a", JIRA_ADMIN, budget=budget)
    assert len(jira.calls) == 1
    jira.release()
    await until(lambda: jira.held == 0)
