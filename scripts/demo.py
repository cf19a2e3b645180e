"""The one-command demo: for now the Rollbook server on SQLite in dev mode.

jirasim (the simulated Jira site) joins here when it lands; then this script starts both,
installs Rollbook into jirasim and prints the URL to open."""

from __future__ import annotations

import os
import subprocess
import sys


def main() -> int:
    env = {**os.environ, "ROLLBOOK_DEV_MODE": "true"}
    env.setdefault("ROLLBOOK_BASE_URL", "http://localhost:8000")
    env.setdefault("ROLLBOOK_DATABASE_URL", "sqlite:///rollbook.db")
    command = [sys.executable, "-m", "rollbook.cli", "serve", "--port", "8000"]
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    raise SystemExit(main())
