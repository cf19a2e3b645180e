"""Alembic migrations produce exactly the models' schema, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

import rollbook.models  # noqa: F401
from rollbook.core.db import Base
from rollbook.migrations import upgrade_database
from support.databases import database_params, drop_postgres_database, fresh_postgres_database


@pytest.mark.parametrize("backend", database_params())
def test_migrations_match_the_models(backend: str, tmp_path: Path) -> None:
    name = f"rollbook_m_{uuid.uuid4().hex[:8]}"
    url = f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite" else fresh_postgres_database(name)
    try:
        upgrade_database(url)
        engine = create_engine(url)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        engine.dispose()
        assert differences == []
    finally:
        if backend != "sqlite":
            drop_postgres_database(name)
