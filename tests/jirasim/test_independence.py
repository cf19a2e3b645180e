"""jirasim and the product must not check each other with the same code (issue 9): nothing in
`src/jirasim` imports `rollbook`."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "jirasim"


def _imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_jirasim_imports_nothing_from_rollbook() -> None:
    files = sorted(SOURCE.rglob("*.py"))
    assert len(files) > 50  # the scan really covers the package
    offenders = [
        f"{path.relative_to(SOURCE)}: {module}"
        for path in files
        for module in _imported_modules(path)
        if module == "rollbook" or module.startswith("rollbook.")
    ]
    assert offenders == []
