"""What a Python module imports, read from its source with `ast` (nothing is imported): the
package-boundary tests check these names."""

from __future__ import annotations

import ast
from pathlib import Path


def imported_modules(path: Path, source_root: Path) -> set[str]:
    """Every module `path` imports, with relative imports resolved against its package (under
    `source_root`) and `from m import x` also giving `m.x`."""
    tree = ast.parse(path.read_text(), filename=str(path))
    package = ".".join(path.relative_to(source_root).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names
