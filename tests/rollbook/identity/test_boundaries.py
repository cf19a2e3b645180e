"""Package boundaries, read from the source with `ast`: the report, gadget and admin code sees
one principal and never a host; identity and tenancy import neither host either. (jirasim vs
Rollbook is `tests/test_package_boundaries.py`.)"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[3] / "src" / "rollbook"
HOSTS = ("rollbook.connect", "rollbook.forge")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(SOURCE.parent).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _host_imports(package: str) -> list[str]:
    found = []
    for path in sorted((SOURCE / package).rglob("*.py")):
        for name in sorted(imported_modules(path)):
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
    assert "rollbook.identity.dependencies.ViewerDep" in imported_modules(sample)
