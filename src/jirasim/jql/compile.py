"""Compiles a validated where-clause into row filters over the issue table.

Clauses on categorical fields and issue keys become precomputed row sets (unions of posting
lists); range and history comparisons become scans with closures over pre-extracted columns. AND
evaluates its cheapest children first and hands the surviving rows to the rest, so a scan only
looks at rows the indexed clauses kept. Jira's negative semantics hold: `!=` and `NOT IN` skip
issues where the field is empty, `NOT clause` does not.
"""

from __future__ import annotations

import operator as op
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from jirasim.jql.ast import (
    HISTORY_OPERATORS,
    AndClause,
    Clause,
    NotClause,
    Operator,
    OrClause,
    TerminalClause,
)
from jirasim.jql.context import EvalContext, IndexedSite
from jirasim.jql.dates import local_midnight
from jirasim.jql.fields import ALWAYS_SET_KINDS, FieldKind, FieldSpec
from jirasim.jql.history import HistoryColumn, HistoryQuery, resolve_history
from jirasim.jql.operands import SCALAR_KINDS, TEXT_KINDS, OperandResolver, Resolved
from jirasim.jql.table import split_key

Rows = AbstractSet[int]
_COMPARE: dict[Operator, Callable[[Any, Any], bool]] = {
    Operator.LESS_THAN: op.lt,
    Operator.GREATER_THAN: op.gt,
    Operator.LESS_THAN_EQUALS: op.le,
    Operator.GREATER_THAN_EQUALS: op.ge,
}
_POSITIVE = frozenset({Operator.EQUALS, Operator.IN, Operator.LIKE})
_NEGATIVE = frozenset({Operator.NOT_EQUALS, Operator.NOT_IN, Operator.NOT_LIKE})


class RowFilter:
    """Selects rows; `cost` orders AND children (0: ready set, 1: scan)."""

    cost = 0

    def rows(self, candidates: Rows | None) -> Rows:
        raise NotImplementedError


class RowSet(RowFilter):
    def __init__(self, rows: Rows) -> None:
        self.matched = rows

    def rows(self, candidates: Rows | None) -> Rows:
        return self.matched if candidates is None else self.matched & candidates


class RowScan(RowFilter):
    cost = 1

    def __init__(self, size: int, test: Callable[[int], bool]) -> None:
        self.size = size
        self.test = test

    def rows(self, candidates: Rows | None) -> Rows:
        test = self.test
        return {
            row for row in (range(self.size) if candidates is None else candidates) if test(row)
        }


class AllOf(RowFilter):
    def __init__(self, children: list[RowFilter]) -> None:
        self.children = sorted(children, key=lambda child: child.cost)
        self.cost = max(child.cost for child in children)

    def rows(self, candidates: Rows | None) -> Rows:
        current = candidates
        for child in self.children:
            current = child.rows(current)
            if not current:
                return frozenset()
        return frozenset() if current is None else current


class AnyOf(RowFilter):
    def __init__(self, children: list[RowFilter]) -> None:
        self.children = children
        self.cost = max(child.cost for child in children)

    def rows(self, candidates: Rows | None) -> Rows:
        result: set[int] = set()
        for child in self.children:
            result |= child.rows(candidates)
        return result


class NoneOf(RowFilter):
    def __init__(self, child: RowFilter, universe: frozenset[int]) -> None:
        self.child = child
        self.universe = universe
        self.cost = child.cost

    def rows(self, candidates: Rows | None) -> Rows:
        base = self.universe if candidates is None else candidates
        return base - self.child.rows(candidates)


class HistoryFilter(RowFilter):
    """WAS/CHANGED: tests only rows whose history could match; WAS NOT is the complement."""

    cost = 1

    def __init__(
        self,
        column: HistoryColumn,
        operator: Operator,
        query: HistoryQuery,
        universe: frozenset[int],
    ) -> None:
        self.column = column
        self.operator = operator
        self.query = query
        self.universe = universe

    def rows(self, candidates: Rows | None) -> Rows:
        base = self.universe if candidates is None else candidates
        column, query = self.column, self.query
        possible = column.candidates(query)
        likely = possible & base if len(possible) < len(base) else base & possible
        if self.operator is Operator.CHANGED:
            return {row for row in likely if column.changed(row, query)}
        held = {row for row in likely if column.was(row, query)}
        if self.operator in (Operator.WAS_NOT, Operator.WAS_NOT_IN):
            return base - held
        return held


class QueryCompiler:
    """Turns clauses into filters for one search (functions see this search's user and clock)."""

    def __init__(
        self, index: IndexedSite, context: EvalContext, history: dict[str, HistoryColumn]
    ) -> None:
        self.index = index
        self.table = index.table
        self.context = context
        self.history = history
        self.errors: list[str] = []
        self.resolver = OperandResolver(index, context, self.errors)

    def compile(self, clause: Clause) -> RowFilter:
        if isinstance(clause, AndClause):
            return AllOf([self.compile(child) for child in clause.clauses])
        if isinstance(clause, OrClause):
            return AnyOf([self.compile(child) for child in clause.clauses])
        if isinstance(clause, NotClause):
            return NoneOf(self.compile(clause.clause), self.table.universe)
        return self._terminal(clause)

    def _terminal(self, clause: TerminalClause) -> RowFilter:
        spec = self.index.fields.resolve(clause.field)
        if spec is None:
            raise ValueError(f"unvalidated field {clause.field.display!r}")
        name = clause.field.display
        if clause.operator in HISTORY_OPERATORS:
            return self._history(clause, spec, name)
        operator = clause.operator
        if spec.kind in ALWAYS_SET_KINDS and operator in (Operator.IS, Operator.IS_NOT):
            # No issue lacks these fields; a status category, say, has no column of its own.
            return RowSet(self.table.universe if operator is Operator.IS_NOT else frozenset())
        resolved = Resolved(empty=True)
        if clause.operand is not None and operator not in (Operator.IS, Operator.IS_NOT):
            resolved = self.resolver.resolve(spec, name, clause.operand)
        if spec.kind in TEXT_KINDS:
            return self._text(spec, operator, resolved)
        if spec.kind is FieldKind.ISSUE_KEY:
            return self._issue_key(operator, resolved)
        if spec.kind in SCALAR_KINDS:
            return self._scalar(spec, operator, resolved)
        return self._categorical(spec, operator, resolved)

    def _categorical(self, spec: FieldSpec, operator: Operator, resolved: Resolved) -> RowFilter:
        column = self.table.categorical(spec)
        if operator is Operator.IS:
            return RowSet(column.empty)
        if operator is Operator.IS_NOT:
            return RowSet(column.nonempty)
        if operator in _COMPARE:
            keys = self._ordered_keys(spec, column.postings, _COMPARE[operator], resolved.keys)
            return RowSet(column.rows_with_any(keys))
        matched = column.rows_with_any(resolved.keys)
        if operator in _NEGATIVE:
            return RowSet(column.nonempty - matched)
        return RowSet(matched | column.empty if resolved.empty else matched)

    def _ordered_keys(
        self, spec: FieldSpec, present: Iterable[str], compare: Callable[[Any, Any], bool],
        operand_keys: set[str],
    ) -> set[str]:  # fmt: skip
        """Values present in the column that compare as asked against any operand value."""
        if spec.kind is FieldKind.VERSION:
            order = self.index.values.version_order
            bounds = [order[key] for key in operand_keys if key in order]
            return {
                key
                for key in present
                if key in order
                and any(
                    order[key][0] == p and compare(order[key][1], position)
                    for p, position in bounds
                )
            }
        # Priorities (and resolutions) rank highest first: "greater" means a smaller id.
        rank = self.index.values.priority_rank
        return {
            key
            for key in present
            if any(compare(-rank(key), -rank(bound)) for bound in operand_keys)
        }

    def _issue_key(self, operator: Operator, resolved: Resolved) -> RowFilter:
        table = self.table
        rows = frozenset(table.row_by_key[k] for k in resolved.keys if k in table.row_by_key)
        if operator in _POSITIVE:
            return RowSet(rows)
        if operator in _NEGATIVE:
            return RowSet(table.universe - rows)
        compare = _COMPARE[operator]
        matched: set[int] = set()
        for key in resolved.keys:
            parts = split_key(key)
            if parts is None:
                continue
            project, number = parts
            for row in table.rows_by_project.get(project, ()):
                if compare(table.key_parts[row][1], number):
                    matched.add(row)
        return RowSet(matched)

    def _scalar(self, spec: FieldSpec, operator: Operator, resolved: Resolved) -> RowFilter:
        column = self._scalar_column(spec)
        size = self.table.size
        if operator is Operator.IS:
            return RowScan(size, lambda row: column[row] is None)
        if operator is Operator.IS_NOT:
            return RowScan(size, lambda row: column[row] is not None)
        if operator in _COMPARE:
            compare, bounds = _COMPARE[operator], list(resolved.numbers)
            return RowScan(
                size,
                lambda row: (
                    (value := column[row]) is not None and any(compare(value, b) for b in bounds)
                ),
            )
        # Equality: dates match to the minute (JQL literals have minute precision).
        unit = 60_000 if spec.kind in (FieldKind.DATETIME, FieldKind.DATE) else 1
        wanted = {int(number // unit) if unit > 1 else number for number in resolved.numbers}
        with_empty = resolved.empty

        def equal(row: int) -> bool:
            value = column[row]
            if value is None:
                return with_empty
            return (int(value // unit) if unit > 1 else value) in wanted

        if operator in _NEGATIVE:
            return RowScan(size, lambda row: column[row] is not None and not equal(row))
        return RowScan(size, equal)

    def _scalar_column(self, spec: FieldSpec) -> list[Any]:
        column = self.table.scalar(spec)
        if spec.kind is not FieldKind.DATE:
            return column
        # Date-only values compare as the start of that day on the user's clock.
        from datetime import date

        zone = self.context.zone
        midnights: dict[int, int] = {}
        converted: list[Any] = []
        for ordinal in column:
            if ordinal is None:
                converted.append(None)
                continue
            if ordinal not in midnights:
                midnights[ordinal] = local_midnight(date.fromordinal(ordinal), zone)
            converted.append(midnights[ordinal])
        return converted

    def _text(self, spec: FieldSpec, operator: Operator, resolved: Resolved) -> RowFilter:
        index = self.table.text(spec)
        empty_rows = self.table.universe - index.nonempty
        if operator is Operator.IS or (operator is Operator.LIKE and resolved.empty):
            return RowSet(empty_rows)
        if operator is Operator.IS_NOT or (operator is Operator.NOT_LIKE and resolved.empty):
            return RowSet(index.nonempty)
        matched: set[int] | None = None
        for query in resolved.texts:
            found = index.matching(query)
            matched = found if matched is None else matched & found
        rows = frozenset(matched or ())
        return RowSet(index.nonempty - rows if operator is Operator.NOT_LIKE else rows)

    def _history(self, clause: TerminalClause, spec: FieldSpec, name: str) -> RowFilter:
        query = resolve_history(clause, spec, name, self.resolver)
        column = self.history.get(spec.field_id)
        if column is None:
            column = HistoryColumn(self.table, spec, self.index)
            self.history[spec.field_id] = column
        return HistoryFilter(column, clause.operator, query, self.table.universe)
