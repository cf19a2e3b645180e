"""The `rollbook` operator CLI run as operators run it: a separate process on a database URL."""

from __future__ import annotations

import os
import subprocess
import sys


def run_rollbook(database_url: str, *args: str, stdin: str | None = None) -> str:
    """Runs `rollbook ARGS…` against `database_url`; its stdout, or fails with its stderr."""
    env = {**os.environ, "ROLLBOOK_DATABASE_URL": database_url, "ROLLBOOK_DEV_MODE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "rollbook.cli", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout
