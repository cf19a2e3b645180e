"""The 0004 migration on a database that already holds Connect tenants and reports: they become
`host = connect` and keep every report; the downgrade removes Forge tenants only."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from rollbook.migrations import alembic_config, upgrade_database
from support.databases import database_params, drop_postgres_database, fresh_postgres_database

NOW = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.fixture(params=database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    name = f"rollbook_f_{uuid.uuid4().hex[:8]}"
    yield fresh_postgres_database(name)
    drop_postgres_database(name)


def _insert_tenant(connection: object, key: str, **columns: object) -> None:
    values = {
        "client_key": key,
        "shared_secret": "s3cret-0123456789abcdef0123456789",
        "base_url": "https://old.atlassian.net",
        "product_type": "jira",
        "description": "",
        "installed": True,
        "enabled": True,
        "installed_at": NOW,
        "updated_at": NOW,
        **columns,
    }
    names = ", ".join(values)
    params = ", ".join(f":{name}" for name in values)
    connection.execute(text(f"INSERT INTO tenants ({names}) VALUES ({params})"), values)  # type: ignore[attr-defined]


def _insert_report(connection: object, tenant_key: str) -> str:
    report_id = str(uuid.uuid4())
    connection.execute(  # type: ignore[attr-defined]
        text(
            "INSERT INTO reports (id, tenant_key, name, version, access, definition, people, "
            "created_at, created_by, updated_at, updated_by) VALUES (:id, :tenant, 'R', 1, "
            "'open', '{}', '{}', :now, 'acc', :now, 'acc')"
        ),
        {"id": report_id, "tenant": tenant_key, "now": NOW},
    )
    return report_id


def test_existing_connect_tenants_keep_their_reports_both_ways(database_url: str) -> None:
    upgrade_database(database_url, "0003")
    engine = create_engine(database_url)
    with engine.begin() as connection:
        _insert_tenant(connection, "connect-site")
        report_id = _insert_report(connection, "connect-site")

    upgrade_database(database_url)
    with engine.begin() as connection:
        host = connection.execute(text("SELECT host FROM tenants")).scalar_one()
        assert host == "connect"
        _insert_tenant(
            connection,
            "ari:cloud:ecosystem::installation/1",
            host="forge",
            shared_secret="",
            api_base_url="https://api.atlassian.com/ex/jira/1",
        )
        _insert_report(connection, "ari:cloud:ecosystem::installation/1")

    command.downgrade(alembic_config(database_url), "0003")
    with engine.begin() as connection:
        keys = connection.execute(text("SELECT client_key FROM tenants")).scalars().all()
        reports = connection.execute(text("SELECT id FROM reports")).scalars().all()
    engine.dispose()
    assert keys == ["connect-site"]
    assert reports == [report_id]
