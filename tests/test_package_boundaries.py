"""jirasim and Rollbook check each other only over HTTP: neither imports the other, so the
simulator can never verify the product with the product's own code (and the reverse)."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.imports import imported_modules

SRC = Path(__file__).resolve().parents[1] / "src"


def imported_packages(package: str) -> dict[str, set[str]]:
    """Top-level package of every import in each module of `package`, by file."""
    return {
        str(path.relative_to(SRC)): {name.split(".")[0] for name in imported_modules(path, SRC)}
        for path in sorted((SRC / package).rglob("*.py"))
    }


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
