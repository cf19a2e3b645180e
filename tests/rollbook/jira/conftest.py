"""A stand-in for every tenant's Jira behind the app's real HTTP directory: only the network is
replaced (an httpx.MockTransport), so the caches, limits and budgets under test are the real
ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.fake_jira import FakeJira
from support.reports import Tenant, install_tenant


@pytest.fixture
def jira() -> FakeJira:
    return FakeJira()


@pytest.fixture
def make_app(settings: Settings, database: Database, jira: FakeJira) -> Callable[..., FastAPI]:
    def make(**setting_changes: Any) -> FastAPI:
        return create_app(
            settings.model_copy(update=setting_changes),
            database=database,
            jira_transport=jira.transport(),
        )

    return make


@pytest.fixture
def site_a(database: Database) -> Tenant:
    return install_tenant(database, "jira-a")


@pytest.fixture
def site_b(database: Database) -> Tenant:
    return install_tenant(database, "jira-b")
