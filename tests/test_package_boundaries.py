"""jirasim and Rollbook check each other only over HTTP: neither imports the other, so the
simulator can never verify the product with the product's own code (and the reverse)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"


def imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level package of every import in each module of `package`, by file."""
    found: dict[str, set[str]] = {}
    for path in sorted((SRC / package).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(SRC))] = names
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"), [("jirasim", "rollbook"), ("rollbook", "jirasim")]
)
def test_neither_imports_the_other(package: str, forbidden: str) -> None:
    modules = imported_packages(package)
    assert len(modules) > 20, "the scan found too few modules to mean anything"
    offenders = sorted(path for path, names in modules.items() if forbidden in names)
    assert offenders == []


def test_the_scan_sees_imports() -> None:
    """The scan above would notice an import: it sees jirasim's imports of FastAPI and itself."""
    names = {name for found in imported_packages("jirasim").values() for name in found}
    assert {"fastapi", "jirasim"} <= names
