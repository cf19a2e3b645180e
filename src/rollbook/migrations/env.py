"""Alembic environment: runs migrations online against the configured database URL."""

from __future__ import annotations

from alembic import context

import rollbook.models  # noqa: F401  (registers every table on Base.metadata)
from rollbook.core.db import Base, create_db_engine

config = context.config
engine = create_db_engine(config.get_main_option("sqlalchemy.url") or "")
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
