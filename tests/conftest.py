"""Fixtures shared by every suite: databases (SQLite and PostgreSQL), the app, Connect keys."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import delete

from rollbook.app import create_app
from rollbook.core.db import Base, Database
from rollbook.core.settings import Settings
from rollbook.migrations import upgrade_database
from support.connect import InstallSigner, serve_install_keys
from support.databases import (
    POSTGRES_URL,
    database_params,
    drop_postgres_database,
    fresh_postgres_database,
)

APP_BASE_URL = "https://rollbook.test"


@pytest.fixture(scope="session")
def install_signer() -> InstallSigner:
    return InstallSigner()


@pytest.fixture(scope="session")
def install_keys_url(install_signer: InstallSigner) -> Iterator[str]:
    with serve_install_keys([install_signer]) as url:
        yield url


@pytest.fixture(scope="session", params=database_params())
def migrated_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """One migrated database per backend for the whole run; tests empty it between them."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'rollbook.db'}"
        name = None
    else:
        name = f"rollbook_t_{uuid.uuid4().hex[:8]}"
        url = fresh_postgres_database(name)
    upgrade_database(url)
    database = Database(url)
    yield database
    database.dispose()
    if name:
        drop_postgres_database(name)


@pytest.fixture
def database(migrated_database: Database) -> Iterator[Database]:
    yield migrated_database
    with migrated_database.session() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))


@pytest.fixture
def settings(install_keys_url: str) -> Settings:
    return Settings(
        base_url=APP_BASE_URL,
        install_keys_url=install_keys_url,
        database_url="sqlite://",
        allowed_jira_hosts=["*.atlassian.net"],
    )


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    return create_app(settings, database=database)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url=APP_BASE_URL) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return Path(__file__).parent / "fixtures"


__all__ = ["POSTGRES_URL"]
