"""The client types (client/src/api/definition.gen.ts, resources.gen.ts) are generated from the
report schemas and must be up to date."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
GENERATOR = ROOT / "scripts" / "generate_client_types.py"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_generated_client_types_are_current() -> None:
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )

    assert result.returncode == 0, result.stderr + result.stdout
