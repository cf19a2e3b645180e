"""The JQL syntax tree: frozen dataclasses produced by the parser's transformer.

Positions are 1-based (line, character) as in Jira's messages. `display` strings follow Jira's
`getDisplayString()` conventions because validation messages quote operands that way
(`'"test"'`, `'currentUser()'`, `'("a", "b")'`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Position:
    line: int
    column: int


class Operator(StrEnum):
    EQUALS = "="
    NOT_EQUALS = "!="
    LIKE = "~"
    NOT_LIKE = "!~"
    LESS_THAN = "<"
    GREATER_THAN = ">"
    LESS_THAN_EQUALS = "<="
    GREATER_THAN_EQUALS = ">="
    IN = "in"
    NOT_IN = "not in"
    IS = "is"
    IS_NOT = "is not"
    WAS = "was"
    WAS_NOT = "was not"
    WAS_IN = "was in"
    WAS_NOT_IN = "was not in"
    CHANGED = "changed"


HISTORY_OPERATORS = frozenset(
    {Operator.WAS, Operator.WAS_NOT, Operator.WAS_IN, Operator.WAS_NOT_IN, Operator.CHANGED}
)
LIST_OPERATORS = frozenset({Operator.IN, Operator.NOT_IN, Operator.WAS_IN, Operator.WAS_NOT_IN})
RELATIONAL_OPERATORS = frozenset(
    {
        Operator.LESS_THAN,
        Operator.GREATER_THAN,
        Operator.LESS_THAN_EQUALS,
        Operator.GREATER_THAN_EQUALS,
    }
)


class PredicateOperator(StrEnum):
    AFTER = "after"
    BEFORE = "before"
    ON = "on"
    DURING = "during"
    BY = "by"
    FROM = "from"
    TO = "to"


class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class FieldProperty:
    """`[key]` plus the path arguments after it, as in `issue.property[key].path`."""

    key: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class FieldRef:
    """A field as written: `name` is unescaped (`cf[10016]` for custom-field ids)."""

    name: str
    position: Position
    custom_field_id: int | None = None
    properties: tuple[FieldProperty, ...] = ()

    @property
    def display(self) -> str:
        if not self.properties:
            return self.name
        suffix = "".join(f"[{p.key}]{''.join(p.path)}" for p in self.properties)
        return self.name + suffix


@dataclass(frozen=True)
class EmptyOperand:
    position: Position

    @property
    def display(self) -> str:
        return "EMPTY"


@dataclass(frozen=True)
class ValueOperand:
    """A literal. `is_number` marks an unquoted integer, which Jira treats as an id or long."""

    value: str
    position: Position
    is_number: bool = False

    @property
    def display(self) -> str:
        if self.is_number:
            return self.value
        return '"' + self.value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class FunctionOperand:
    name: str
    arguments: tuple[str, ...]
    position: Position

    @property
    def display(self) -> str:
        return f"{self.name}({', '.join(self.arguments)})"


@dataclass(frozen=True)
class ListOperand:
    items: tuple[Operand, ...]
    position: Position

    @property
    def display(self) -> str:
        return "(" + ", ".join(item.display for item in self.items) + ")"


Operand = EmptyOperand | ValueOperand | FunctionOperand | ListOperand


@dataclass(frozen=True)
class Predicate:
    operator: PredicateOperator
    operand: Operand
    position: Position

    @property
    def display(self) -> str:
        return f"{self.operator.value} {self.operand.display}"


@dataclass(frozen=True)
class TerminalClause:
    """`field operator operand predicates`; `operand` is None only for CHANGED."""

    field: FieldRef
    operator: Operator
    operand: Operand | None
    predicates: tuple[Predicate, ...]
    position: Position


@dataclass(frozen=True)
class AndClause:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class OrClause:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True)
class NotClause:
    clause: Clause


Clause = TerminalClause | AndClause | OrClause | NotClause


@dataclass(frozen=True)
class SortField:
    field: FieldRef
    direction: SortDirection | None


@dataclass(frozen=True)
class Query:
    """A whole query; `order_by` is None when the query has no ORDER BY clause."""

    where: Clause | None
    order_by: tuple[SortField, ...] | None


def terminal_clauses(clause: Clause | None) -> list[TerminalClause]:
    """Every terminal clause under `clause`, left to right."""
    if clause is None:
        return []
    if isinstance(clause, TerminalClause):
        return [clause]
    if isinstance(clause, NotClause):
        return terminal_clauses(clause.clause)
    return [t for child in clause.clauses for t in terminal_clauses(child)]
