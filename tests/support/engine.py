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
    document = {"definition": definition, "fields": fields, "pages": pages, "timeZone": time_zone}
    if now is not None:
        document["now"] = now
    if pivots:
        document["pivots"] = pivots
    return run_node_script(SCRIPT, document, workdir)


def run_node_script(
    script: Path, document: dict[str, Any], workdir: Path, *, timeout: float = 120
) -> dict[str, Any]:
    """Runs a TypeScript harness of the client's engine (such as report_engine.ts) on
    `document`, handed over as a JSON file in `workdir`, and returns the JSON it prints. Skips the
    test where Node.js is missing."""
    if shutil.which("node") is None:
        pytest.skip("needs Node.js")
    source = workdir / f"{script.stem}-{uuid.uuid4().hex[:8]}.json"
    source.write_text(json.dumps(document))
    output = subprocess.run(
        ["node", "--import", "tsx", str(script), str(source)],
        cwd=ROOT / "client",  # where tsx and the client's tsconfig are found
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    ).stdout
    return dict(json.loads(output))
