"""The operator commands serve nothing, so they run with no base URL and outside dev mode (they
used to refuse a missing https base URL and advise turning dev mode on in production); `serve`
keeps refusing unsafe settings, and logs a loud warning when dev mode is on."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rollbook.core.db import Database
from rollbook.migrations import upgrade_database
from support.reports import install_tenant

TENANT = "cli-settings-client-key"


def _rollbook(
    *args: str, env: dict[str, str], stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rollbook.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _production_env(database_url: str) -> dict[str, str]:
    """The environment of an operator's shell: a database URL and nothing else of ours."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ROLLBOOK_")}
    return {**env, "ROLLBOOK_DATABASE_URL": database_url}


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'operator.db'}"
    upgrade_database(url)
    database = Database(url)
    install_tenant(database, "cli-settings")
    database.dispose()
    return url


def _made_by(tmp_path: Path, *arguments: str) -> str:
    """Runs a command that writes the file the command under test reads; returns the path."""
    env = _production_env(f"sqlite:///{tmp_path / 'operator.db'}")
    result = _rollbook(*arguments, env=env)
    assert result.returncode == 0, result.stderr
    return arguments[-1]


def _export_file(tmp_path: Path) -> str:
    return _made_by(tmp_path, "export", "--tenant", TENANT, "-o", str(tmp_path / "in.json"))


def _backup_file(tmp_path: Path) -> str:
    return _made_by(tmp_path, "backup", str(tmp_path / "restore-from.backup"))


# (command, its arguments given the temp dir)
COMMANDS: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("db upgrade", lambda _: ["db", "upgrade"]),
    ("tenants list", lambda _: ["tenants", "list"]),
    ("export", lambda tmp: ["export", "--tenant", TENANT, "-o", str(tmp / "out.json")]),
    ("import", lambda tmp: ["import", "--tenant", TENANT, _export_file(tmp)]),
    ("purge", lambda _: ["purge", "--tenant", TENANT, "--yes"]),
    ("backup", lambda tmp: ["backup", str(tmp / "rollbook.backup")]),
    ("restore", lambda tmp: ["restore", _backup_file(tmp), "--yes"]),
]


@pytest.mark.parametrize(("name", "arguments"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_operator_command_needs_no_base_url_nor_dev_mode(
    name: str, arguments: Callable[[Path], list[str]], database_url: str, tmp_path: Path
) -> None:
    result = _rollbook(*arguments(tmp_path), env=_production_env(database_url))
    assert result.returncode == 0, result.stderr
    assert "DEV_MODE" not in result.stderr


@pytest.mark.parametrize("value", ["1", "yes", "on"])
def test_an_unclear_dev_mode_is_refused_without_a_traceback(value: str, database_url: str) -> None:
    env = {**_production_env(database_url), "ROLLBOOK_DEV_MODE": value}
    result = _rollbook("tenants", "list", env=env)
    assert result.returncode != 0
    assert "ROLLBOOK_DEV_MODE must be exactly true or false" in result.stderr
    assert "Traceback" not in result.stderr
