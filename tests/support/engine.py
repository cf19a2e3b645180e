"""Runs the client's TypeScript report engine from a test, on issues the test fetched itself."""

from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("report_engine.ts")


def run_engine(
    *,
    definition: dict[str, Any],
    fields: list[dict[str, Any]],
    pages: list[list[dict[str, Any]]],
    workdir: Path,
    time_zone: str = "Europe/London",
    now: str | None = None,
    pivots: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The engine's result as JSON: columns, groups (label and key paths, counts, aggregate
    cells), total, matched count, issue keys in display order and each of `pivots` computed from
    that result (see report_engine.ts)."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js")
    source = workdir / f"engine-{uuid.uuid4().hex[:8]}.json"
    document = {"definition": definition, "fields": fields, "pages": pages, "timeZone": time_zone}
    if now is not None:
        document["now"] = now
    if pivots:
        document["pivots"] = pivots
    source.write_text(json.dumps(document))
    output = subprocess.run(
        ["node", "--import", "tsx", str(SCRIPT), str(source)],
        cwd=ROOT / "client",
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    return dict(json.loads(output))
