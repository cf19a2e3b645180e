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


def package_of(module: str, top: str) -> str | None:
    """The server package a module name belongs to: `rollbook.reports.store` → `reports`; a
    module at the top package's root is its own node (`rollbook.app` → `app`); None outside."""
    parts = module.split(".")
    if parts[0] != top or len(parts) < 2:
        return None
    return parts[1]


def package_graph(package_dir: Path, source_root: Path) -> dict[str, set[str]]:
    """Arrows between the packages (and root modules) of one top-level package: `a → b` when a
    module of `a` imports a module of `b`. Every package is a key, even with no arrows."""
    top = package_dir.name
    graph: dict[str, set[str]] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir).with_suffix("").parts
        if parts == ("__init__",):
            continue
        source = parts[0]
        targets = graph.setdefault(source, set())
        for name in imported_modules(path, source_root):
            target = package_of(name, top)
            # `from rollbook import x` names a package, a root module, or neither.
            known = target is not None and (
                (package_dir / target).is_dir() or (package_dir / f"{target}.py").is_file()
            )
            if known and target != source:
                targets.add(str(target))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of nodes that reach each other (strongly connected, more than one node, or
    one with an arrow to itself), each sorted; Tarjan's algorithm."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)
