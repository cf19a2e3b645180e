"""Fixtures for the API tests: two tenants, users in roles, a stand-in Jira directory, and a
Forge installation whose FITs the app verifies against a test JWKS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.forge_fit import APP_ID, ForgeSigner, ForgeSite, ForgeUserClient, JwksServer
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


@pytest.fixture(scope="session")
def forge_signer() -> ForgeSigner:
    return ForgeSigner()


@pytest.fixture
def jwks(forge_signer: ForgeSigner) -> JwksServer:
    return JwksServer([forge_signer])


@pytest.fixture
def forge_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"forge_app_id": APP_ID})


@pytest.fixture
def api(
    forge_settings: Settings, database: Database, directory: FakeDirectory, jwks: JwksServer
) -> Iterator[TestClient]:
    """One app serving both hosts: Connect JWTs and Forge FITs."""
    app = create_app(
        forge_settings, database=database, jira_directory=directory, forge_keys=jwks.key_source()
    )
    with TestClient(app, base_url="https://rollbook.test") as client:
        yield client


@pytest.fixture
def forge_site() -> ForgeSite:
    return ForgeSite("forge-a")


@pytest.fixture
def as_forge_user(api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite):  # type: ignore[no-untyped-def]
    def make(
        account_id: str | None, site: ForgeSite = forge_site, **kwargs: Any
    ) -> ForgeUserClient:
        return ForgeUserClient(api, forge_signer, site, account_id, **kwargs)

    return make


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
