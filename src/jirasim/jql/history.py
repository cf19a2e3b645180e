"""WAS / WAS IN / WAS NOT / WAS NOT IN / CHANGED over issue changelogs.

Each issue's history of a field becomes periods `[start, end)` with the value held and who set
it. The value at creation is the `from` of the field's first change (or the current value if
the field never changed) and is attributed to the issue's creator. `WAS NOT` is the negation
of `WAS` with the same predicates (the issue never held the value in the window).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jirasim.jql.ast import ListOperand, Predicate, PredicateOperator, TerminalClause
from jirasim.jql.context import IndexedSite
from jirasim.jql.dates import end_of, from_millis, parse_jira_timestamp, start_of
from jirasim.jql.fields import FieldSpec
from jirasim.jql.operands import OperandResolver, Resolved, flatten
from jirasim.jql.table import IssueTable

_FOREVER = 1 << 62
_MULTI_VALUED = {"fixVersions"}


@dataclass(frozen=True)
class Change:
    at: int
    author: str | None
    before: frozenset[str]
    after: frozenset[str]


@dataclass(frozen=True)
class Period:
    start: int
    end: int
    values: frozenset[str]
    setter: str | None


@dataclass
class HistoryQuery:
    """Resolved operand and predicates of one WAS/CHANGED clause."""

    values: Resolved | None
    after: list[int] = field(default_factory=list)
    before: list[int] = field(default_factory=list)
    windows: list[tuple[int, int]] = field(default_factory=list)
    by: set[str] | None = None
    from_values: Resolved | None = None
    to_values: Resolved | None = None


def resolve_history(
    clause: TerminalClause, spec: FieldSpec, name: str, resolver: OperandResolver
) -> HistoryQuery:
    values = None
    if clause.operand is not None:
        values = resolver.resolve(spec, name, clause.operand)
    query = HistoryQuery(values)
    for predicate in clause.predicates:
        _resolve_predicate(predicate, spec, name, resolver, query)
    return query


def _resolve_predicate(
    predicate: Predicate, spec: FieldSpec, name: str, resolver: OperandResolver, query: HistoryQuery
) -> None:
    operator = predicate.operator
    operand = predicate.operand
    subject = f"predicate '{operator.value}'"
    if operator in (PredicateOperator.AFTER, PredicateOperator.BEFORE, PredicateOperator.ON):
        if isinstance(operand, ListOperand):
            resolver.errors.append(
                f"The {operator.value.upper()} predicate must be supplied with only 1 date value."
            )
            return
        instant = resolver.date(operand, subject, operator.value)
        if instant is None:
            return
        if operator is PredicateOperator.AFTER:
            query.after.append(instant)
        elif operator is PredicateOperator.BEFORE:
            query.before.append(instant)
        else:
            local = from_millis(instant, resolver.context.zone)
            day_start = start_of("day", local, resolver.context.week_start)
            day_end = end_of("day", local, resolver.context.week_start)
            query.windows.append(
                (int(day_start.timestamp() * 1000), int(day_end.timestamp() * 1000))
            )
    elif operator is PredicateOperator.DURING:
        items = flatten(operand) if isinstance(operand, ListOperand) else []
        if len(items) != 2:
            resolver.errors.append(
                "The DURING predicate must be supplied with exactly 2 date values."
            )
            return
        start, end = (resolver.date(item, subject, operator.value) for item in items)
        if start is not None and end is not None:
            query.windows.append((start, end))
    elif operator is PredicateOperator.BY:
        users = _users(resolver, operand)
        query.by = users if query.by is None else query.by & users
    else:
        resolved = resolver.resolve(spec, name, operand)
        if operator is PredicateOperator.FROM:
            query.from_values = resolved
        else:
            query.to_values = resolved


def _users(resolver: OperandResolver, operand: Any) -> set[str]:
    from jirasim.jql.fields import FieldKind

    user_field = FieldSpec(FieldKind.USER, "", "by")
    errors_before = len(resolver.errors)
    resolved = resolver.resolve(user_field, "by", operand)
    # Reword the generic "does not exist for the field 'by'" to name the predicate.
    for position in range(errors_before, len(resolver.errors)):
        resolver.errors[position] = resolver.errors[position].replace(
            "for the field 'by'", "for the predicate 'by'"
        )
    return resolved.keys


class HistoryColumn:
    """Per-row periods and changes of one field, built from the changelog on first use."""

    def __init__(self, table: IssueTable, spec: FieldSpec, index: IndexedSite) -> None:
        names = set(spec.history_names)
        multi = spec.field_id in _MULTI_VALUED
        current = table.categorical(spec).values
        self.periods: list[list[Period]] = []
        self.changes: list[list[Change]] = []
        # Rows that ever held a value (or were ever empty), so WAS only tests likely rows.
        self.holders: dict[str, set[int]] = {}
        self.ever_empty: set[int] = set()
        changed: list[int] = []
        for row in range(table.size):
            issue = table.issues[row]
            changes = sorted(_changes(issue, names, spec, index), key=lambda c: c.at)
            self.changes.append(changes)
            periods = _periods(issue, changes, frozenset(current[row]), multi)
            self.periods.append(periods)
            if changes:
                changed.append(row)
            for period in periods:
                if not period.values:
                    self.ever_empty.add(row)
                for value in period.values:
                    self.holders.setdefault(value, set()).add(row)
        self.changed_rows = frozenset(changed)

    def candidates(self, query: HistoryQuery) -> set[int] | frozenset[int]:
        """Rows that can satisfy `query` (WAS: held a wanted value; CHANGED: have changes)."""
        if query.values is None:
            return self.changed_rows
        rows: set[int] = set(self.ever_empty) if query.values.empty else set()
        for key in query.values.keys:
            rows |= self.holders.get(key, set())
        return rows

    def was(self, row: int, query: HistoryQuery) -> bool:
        values = query.values
        for period in self.periods[row]:
            if values is not None and not _holds(period.values, values):
                continue
            if not _in_time(period.start, period.end, query):
                continue
            if query.by is not None and period.setter not in query.by:
                continue
            return True
        return False

    def changed(self, row: int, query: HistoryQuery) -> bool:
        for change in self.changes[row]:
            if not _in_time(change.at, change.at + 1, query):
                continue
            if query.by is not None and change.author not in query.by:
                continue
            if query.from_values is not None and not _holds(change.before, query.from_values):
                continue
            if query.to_values is not None and not _holds(change.after, query.to_values):
                continue
            return True
        return False


def _holds(values: frozenset[str], wanted: Resolved) -> bool:
    if not values:
        return wanted.empty
    return not values.isdisjoint(wanted.keys)


def _in_time(start: int, end: int, query: HistoryQuery) -> bool:
    if any(end <= after for after in query.after):
        return False
    if any(start >= before for before in query.before):
        return False
    return all(
        start <= window_end and end > window_start for window_start, window_end in query.windows
    )


def _changes(
    issue: dict[str, Any], names: set[str], spec: FieldSpec, index: IndexedSite
) -> Iterable[Change]:
    for history in (issue.get("changelog") or {}).get("histories") or ():
        at = parse_jira_timestamp(history.get("created"))
        if at is None:
            continue
        author = (history.get("author") or {}).get("accountId")
        for item in history.get("items") or ():
            item_names = {
                str(item.get("fieldId") or "").lower(),
                str(item.get("field") or "").lower(),
            }
            if names.isdisjoint(item_names):
                continue
            yield Change(
                at,
                author,
                _canonical(item.get("from"), item.get("fromString"), spec, index),
                _canonical(item.get("to"), item.get("toString"), spec, index),
            )


def _canonical(value: Any, text: Any, spec: FieldSpec, index: IndexedSite) -> frozenset[str]:
    if value not in (None, ""):
        return frozenset({str(value)})
    if not isinstance(text, str) or not text:
        return frozenset()
    # Items without ids: fall back to the name, as Jira shows it in `fromString`/`toString`.
    values = index.values
    by_name = {
        "status": values.statuses,
        "priority": values.priorities,
        "resolution": values.resolutions,
        "fixVersions": values.versions,
    }.get(spec.field_id)
    found = by_name.lookup(text, False) if by_name is not None else values.user_lookup(text)
    return frozenset(found)


def _periods(
    issue: dict[str, Any], changes: list[Change], current: frozenset[str], multi: bool
) -> list[Period]:
    fields = issue.get("fields") or {}
    created = parse_jira_timestamp(fields.get("created"))
    if created is None:
        created = changes[0].at if changes else 0
    creator = (fields.get("creator") or fields.get("reporter") or {}).get("accountId")
    if not changes:
        return [Period(created, _FOREVER, current, creator)]
    if multi:
        value = set(current)
        for change in reversed(changes):
            value = (value - change.after) | change.before
        initial = frozenset(value)
    else:
        initial = changes[0].before
    periods = []
    start, held, setter = created, initial, creator
    for change in changes:
        periods.append(Period(start, change.at, held, setter))
        held = (held - change.before) | change.after if multi else change.after
        start, setter = change.at, change.author
    periods.append(Period(start, _FOREVER, held, setter))
    return periods
