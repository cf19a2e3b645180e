"""The databases every storage test runs against: SQLite always, PostgreSQL when configured.

`ROLLBOOK_TEST_POSTGRES_URL` names a database the tests may wipe; the README's test command and
CI set it after starting PostgreSQL. `ROLLBOOK_REQUIRE_POSTGRES=1` turns its absence into a failure.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get("ROLLBOOK_TEST_POSTGRES_URL", "")


def database_params() -> list[object]:
    postgres_marks = [pytest.mark.postgres]
    if not POSTGRES_URL:
        if os.environ.get("ROLLBOOK_REQUIRE_POSTGRES") == "1":
            raise RuntimeError(
                "ROLLBOOK_REQUIRE_POSTGRES=1 but ROLLBOOK_TEST_POSTGRES_URL is unset"
            )
        postgres_marks.append(pytest.mark.skip(reason="ROLLBOOK_TEST_POSTGRES_URL is not set"))
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgresql", id="postgresql", marks=postgres_marks),
    ]


def fresh_postgres_database(name: str) -> str:
    """Create (or recreate) an empty database beside the configured one and return its URL."""
    admin_url = make_url(POSTGRES_URL)
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(name: str) -> None:
    engine = create_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()
