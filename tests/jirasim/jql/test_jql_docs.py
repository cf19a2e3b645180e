"""docs/jql.md documents every registered JQL function and every clause operator."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirasim.jql.ast import Operator, PredicateOperator
from jirasim.jql.functions import default_registry

DOC = (Path(__file__).parents[3] / "docs/jql.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [function.name for function in default_registry()])
def test_every_registered_function_is_documented(name: str) -> None:
    assert f"`{name}(" in DOC, f"{name}() is registered but missing from docs/jql.md"


@pytest.mark.parametrize("operator", [op.value.upper() for op in Operator])
def test_every_operator_is_documented(operator: str) -> None:
    assert f"`{operator}`" in DOC or f" {operator}" in DOC or f"`{operator} " in DOC


@pytest.mark.parametrize("predicate", [p.value.upper() for p in PredicateOperator])
def test_every_predicate_is_documented(predicate: str) -> None:
    assert f"`{predicate}" in DOC


def test_registering_a_name_twice_is_an_error() -> None:
    registry = default_registry()
    with pytest.raises(ValueError, match="already registered"):
        registry.register(next(iter(registry)))
