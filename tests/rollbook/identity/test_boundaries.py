"""Package boundaries, read from the source with `ast`: the report, gadget and admin code sees
one principal and never a host; identity and tenancy import neither host either. (jirasim vs
Rollbook is `tests/test_package_boundaries.py`.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.imports import imported_modules

SOURCE = Path(__file__).resolve().parents[3] / "src" / "rollbook"
HOSTS = ("rollbook.connect", "rollbook.forge")


def _host_imports(package: str) -> list[str]:
    found = []
    for path in sorted((SOURCE / package).rglob("*.py")):
        for name in sorted(imported_modules(path, SOURCE.parent)):
            if name == "rollbook" or any(name == h or name.startswith(h + ".") for h in HOSTS):
                found.append(f"{path.relative_to(SOURCE)}: {name}")
    return found


@pytest.mark.parametrize("package", ["reports", "gadgets", "admin", "identity", "tenancy"])
def test_package_imports_nothing_host_specific(package: str) -> None:
    assert (SOURCE / package).is_dir()
    assert _host_imports(package) == []


def test_the_check_sees_host_imports() -> None:
    assert any("rollbook.connect" in name for name in _host_imports("pages"))


def test_the_check_reads_from_imports() -> None:
    sample = SOURCE / "reports" / "router.py"
    assert "rollbook.identity.dependencies.ViewerDep" in imported_modules(sample, SOURCE.parent)
