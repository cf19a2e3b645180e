"""The shape of the server, drawn from its imports: packages form layers without cycles.

Top: the app factory and CLI (and what only they use). Middle: one package per domain.
Bottom: `core` (settings, database, app state), which imports no domain package. `reports`
depends on the tenant and the user only: no arrow to gadgets, the hosts, or the site
operations built on top of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.imports import cycles, package_graph

SRC = Path(__file__).resolve().parents[2] / "src"
SERVER = SRC / "rollbook"
TOP = {"app", "cli", "error_handlers", "migrations", "models", "security_headers", "serving"}
FORBIDDEN = {
    "reports": {"gadgets", "connect", "forge", "site", "admin"},
    "connect": {"reports", "gadgets", "site", "forge"},
    "identity": {"connect", "forge", "reports", "gadgets"},
    "tenancy": {"connect", "forge", "identity", "reports", "gadgets", "site"},
}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    drawn = package_graph(SERVER, SRC)
    assert {"core", "reports", "gadgets", "site", "connect", "forge", "app"} <= set(drawn)
    return drawn


def test_no_cycle_between_server_packages(graph: dict[str, set[str]]) -> None:
    assert cycles(graph) == []


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_forbidden_arrow(package: str, graph: dict[str, set[str]]) -> None:
    assert graph[package] & FORBIDDEN[package] == set()


def test_core_imports_no_other_server_package(graph: dict[str, set[str]]) -> None:
    assert graph["core"] == set()


def test_nothing_below_the_top_imports_the_top(graph: dict[str, set[str]]) -> None:
    arrows_up = {
        (source, target)
        for source, targets in graph.items()
        if source not in TOP
        for target in targets & TOP
    }
    assert arrows_up == set()


def test_the_root_holds_only_the_top(graph: dict[str, set[str]]) -> None:
    root_modules = {path.stem for path in SERVER.glob("*.py")} - {"__init__"}
    assert root_modules <= TOP


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / "rollbook" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return root / "rollbook"


def test_the_graph_sees_a_cycle(tmp_path: Path) -> None:
    """Two packages importing each other (one relatively, one by a root-package import), and a
    root module in the loop: the checks above would fail on this tree."""
    package = _write(
        tmp_path,
        {
            "__init__.py": "",
            "core/__init__.py": "",
            "core/db.py": "",
            "reports/__init__.py": "",
            "reports/service.py": "from rollbook.gadgets.service import x\nfrom ..core import db\n",
            "gadgets/__init__.py": "",
            "gadgets/service.py": "from ..state import y\n",
            "state.py": "from rollbook import reports\n",
        },
    )
    drawn = package_graph(package, tmp_path)
    assert drawn["reports"] == {"gadgets", "core"}
    assert cycles(drawn) == [["gadgets", "reports", "state"]]
    assert drawn["reports"] & FORBIDDEN["reports"] == {"gadgets"}


@pytest.mark.parametrize(
    ("graph_with_cycle", "expected"),
    [
        ({"a": {"a"}}, [["a"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set(), "c": {"d"}, "d": {"c"}}, [["c", "d"]]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_cycles_finds_every_loop(
    graph_with_cycle: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert cycles(graph_with_cycle) == expected
