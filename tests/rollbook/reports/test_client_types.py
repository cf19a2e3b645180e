"""The generated client files (client/src/api/*.gen.ts, client/src/engine/*.gen.ts) come from the
server's schemas and vocabulary and must be up to date.

Without node the check cannot run; that fails rather than skips, so a machine without node never
reports stale client types as passing.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "scripts" / "generate_client_types.py"


def test_node_is_installed_for_the_check() -> None:
    assert shutil.which("node") is not None, "node is required to check the generated client types"


def test_generated_client_types_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stderr + result.stdout
