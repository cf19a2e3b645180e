"""`rollbook backup` and `restore` on PostgreSQL never put the password on a command line (any
local user can read `/proc/<pid>/cmdline`): pg_dump and pg_restore read it from a private
password file."""

from __future__ import annotations

import os
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from rollbook.core.db import Database
from rollbook.operations import backup as backup_module
from rollbook.reports.models import Report
from support.databases import POSTGRES_URL, drop_postgres_database, fresh_postgres_database
from support.reports import install_tenant

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(
    ("password", "passfile_entry"),
    [
        pytest.param("s3cret", "s3cret", id="plain"),
        pytest.param("with:colon", "with\\:colon", id="colon-escaped"),
        pytest.param("back\\slash", "back\\\\slash", id="backslash-escaped"),
        pytest.param("p@ss/w%rd", "p@ss/w%rd", id="url-encoded-in-the-url"),
    ],
)
def test_the_password_goes_to_a_private_password_file_not_the_command_line(
    password: str, passfile_entry: str
) -> None:
    from rollbook.operations.backup import postgres_command

    url = make_url("postgresql+psycopg://rollbook@db.internal:5432/rollbook").set(password=password)
    rendered = url.render_as_string(hide_password=False)
    with postgres_command(rendered, "pg_dump", "--format=custom") as command:
        assert not any(password in argument for argument in command.argv)
        assert "PGPASSWORD" not in command.env or command.env["PGPASSWORD"] != password
        passfile = Path(command.env["PGPASSFILE"])
        assert stat.S_IMODE(passfile.stat().st_mode) == 0o600
        assert passfile.read_text() == f"*:*:*:*:{passfile_entry}\n"
        assert command.argv[1] == "--dbname=postgresql://rollbook@db.internal:5432/rollbook"
    assert not passfile.exists()


def test_a_password_given_as_a_url_parameter_is_moved_to_the_password_file_too() -> None:
    from rollbook.operations.backup import postgres_command

    url = "postgresql+psycopg://rollbook@db.internal/rollbook?password=s3cret&sslmode=require"
    with postgres_command(url, "pg_restore") as command:
        assert not any("s3cret" in argument for argument in command.argv)
        assert "sslmode=require" in command.argv[1]
        assert Path(command.env["PGPASSFILE"]).read_text() == "*:*:*:*:s3cret\n"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if not POSTGRES_URL:
        pytest.skip("ROLLBOOK_TEST_POSTGRES_URL is not set")
    name = f"rollbook_p_{uuid.uuid4().hex[:8]}"
    url = fresh_postgres_database(name)
    yield url
    drop_postgres_database(name)


def test_a_real_backup_and_restore_keep_the_password_off_every_command_line(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    password = make_url(postgres_url).password
    assert password, "the test database URL must carry a password (TCP, scram)"
    from rollbook.migrations import upgrade_database

    upgrade_database(postgres_url)
    database = Database(postgres_url)
    install_tenant(database, "credentials")
    commands: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(argv: list[str], **kwargs: Any) -> Any:
        commands.append([str(argument) for argument in argv])
        return real_run(argv, **kwargs)

    monkeypatch.setattr(backup_module.subprocess, "run", recording_run)
    # No other way in: the password must come from what the backup code hands the tool.
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.pgpass

    destination = tmp_path / "pg.backup"
    backup_module.backup(postgres_url, destination)
    with database.session() as session:
        session.query(Report).delete()
    backup_module.restore(postgres_url, destination)
    database.dispose()

    assert [command[0] for command in commands] == ["pg_dump", "pg_restore"]
    for command in commands:
        # (The test role's password is its name, so look for it where a password would be.)
        assert not any(f":{password}@" in argument for argument in command), command
        urls = [argument.removeprefix("--dbname=") for argument in command if "//" in argument]
        assert urls and all(make_url(url).password is None for url in urls), command
    assert os.path.getsize(destination) > 0
