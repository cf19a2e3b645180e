"""Fixtures for the API tests: two tenants, users in roles, a stand-in Jira directory."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.db import Database
from rollbook.settings import Settings
from support.reports import (
    GROUP_MEMBER,
    JIRA_ADMIN,
    OUTSIDER,
    FakeDirectory,
    Tenant,
    UserClient,
    install_tenant,
)


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(
        groups={GROUP_MEMBER: {"analysts"}, OUTSIDER: {"other"}}, jira_admins={JIRA_ADMIN}
    )


@pytest.fixture
def api(settings: Settings, database: Database, directory: FakeDirectory) -> Iterator[TestClient]:
    app = create_app(settings, database=database, jira_directory=directory)
    with TestClient(app, base_url="https://rollbook.test") as client:
        yield client


@pytest.fixture
def tenant_a(database: Database) -> Tenant:
    return install_tenant(database, "site-a")


@pytest.fixture
def tenant_b(database: Database) -> Tenant:
    return install_tenant(database, "site-b")


@pytest.fixture
def as_user(api: TestClient, tenant_a: Tenant):  # type: ignore[no-untyped-def]
    def make(account_id: str, tenant: Tenant = tenant_a) -> UserClient:
        return UserClient(api, tenant, account_id)

    return make
