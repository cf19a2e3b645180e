"""Operands to the canonical values a field compares, with Jira's messages for bad values.

One resolver serves validation (messages collected, values ignored) and evaluation (values
used). Canonical keys match those in `table.py` columns: project keys, status/priority/...
ids, account ids, lower-cased labels, sprint ids, issue keys. Scalars are epoch millis for
dates, floats for numbers and seconds for time-tracking fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jirasim.jql.ast import EmptyOperand, FunctionOperand, ListOperand, Operand, ValueOperand
from jirasim.jql.catalog import NamedValues
from jirasim.jql.context import EvalContext, IndexedSite
from jirasim.jql.dates import VALID_DATE_FORMATS, parse_date_value
from jirasim.jql.fields import FieldKind, FieldSpec
from jirasim.jql.functions import JqlFunction, ValueType
from jirasim.jql.table import split_key
from jirasim.jql.text import TextQuery, TextQueryError, parse_text_query

TEXT_KINDS = frozenset({FieldKind.TEXT, FieldKind.COMMENT, FieldKind.ALL_TEXT})
SCALAR_KINDS = frozenset({FieldKind.DATETIME, FieldKind.DATE, FieldKind.NUMBER, FieldKind.DURATION})
FUNCTION_TYPES: dict[ValueType, frozenset[FieldKind]] = {
    ValueType.DATE: frozenset({FieldKind.DATETIME, FieldKind.DATE}),
    ValueType.USER: frozenset({FieldKind.USER}),
    ValueType.SPRINT: frozenset({FieldKind.SPRINT}),
    ValueType.VERSION: frozenset({FieldKind.VERSION}),
    ValueType.ISSUE_TYPE: frozenset({FieldKind.ISSUE_TYPE}),
}
_DURATION = re.compile(r"\s*(?:(\d+(?:\.\d+)?)\s*([wdhm]?)\s*)+")
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhm]?)")
# Jira's default time-tracking settings: 8-hour days, 5-day weeks.
_DURATION_SECONDS = {"w": 5 * 8 * 3600, "d": 8 * 3600, "h": 3600, "m": 60, "": 60}


@dataclass
class Resolved:
    keys: set[str] = field(default_factory=set)
    numbers: list[float] = field(default_factory=list)
    texts: list[TextQuery] = field(default_factory=list)
    empty: bool = False


def flatten(operand: Operand) -> list[Operand]:
    """The single operands inside (nested) lists, or the operand itself."""
    if isinstance(operand, ListOperand):
        return [single for item in operand.items for single in flatten(item)]
    return [operand]


class OperandResolver:
    """Resolves operands for one search (or one validation); messages go to `errors`."""

    def __init__(self, index: IndexedSite, context: EvalContext, errors: list[str]) -> None:
        self.index = index
        self.context = context
        self.errors = errors

    def resolve(self, spec: FieldSpec, clause_name: str, operand: Operand) -> Resolved:
        resolved = Resolved()
        for single in flatten(operand):
            if isinstance(single, EmptyOperand):
                resolved.empty = True
            elif isinstance(single, FunctionOperand):
                self._function(spec, clause_name, single, resolved)
            elif isinstance(single, ValueOperand):
                self._literal(spec, clause_name, single, resolved)
        return resolved

    def date(self, operand: Operand, message_subject: str, predicate: str | None) -> int | None:
        """The instant of a date operand (literal, period or date function) for predicates."""
        if isinstance(operand, FunctionOperand):
            function = self._checked_function(operand)
            if function is None:
                return None
            if function.value_type is not ValueType.DATE:
                self.errors.append(
                    f"A date for the predicate '{predicate}' provided by the function "
                    f"'{operand.name}' is not valid."
                )
                return None
            instant: int | None = function.evaluate(
                operand.arguments, self.index, self.context
            ).instant
            return instant
        if isinstance(operand, ValueOperand):
            return self._date_literal(operand, message_subject)
        return None

    def _checked_function(self, operand: FunctionOperand) -> JqlFunction | None:
        function = self.index.functions.get(operand.name)
        if function is None:
            self.errors.append(f"Unable to find JQL function '{operand.display}'.")
            return None
        count_error = function.argument_count_error(len(operand.arguments))
        if count_error:
            self.errors.append(count_error)
            return None
        if function.check_arguments is not None:
            problems = function.check_arguments(function.name, operand.arguments, self.index)
            if problems:
                self.errors.extend(problems)
                return None
        return function

    def _function(
        self, spec: FieldSpec, clause_name: str, operand: FunctionOperand, into: Resolved
    ) -> None:
        function = self._checked_function(operand)
        if function is None:
            return
        if spec.kind not in FUNCTION_TYPES[function.value_type]:
            self.errors.append(
                f"A value provided by the function '{function.name}' is invalid for the field "
                f"'{clause_name}'."
            )
            return
        result = function.evaluate(operand.arguments, self.index, self.context)
        if result.instant is not None:
            into.numbers.append(float(result.instant))
        into.keys |= result.keys

    def _date_literal(self, operand: ValueOperand, subject: str) -> int | None:
        if operand.is_number:
            return int(operand.value)  # a long is epoch milliseconds, as in Jira
        instant = parse_date_value(operand.value, self.context.now, self.context.zone)
        if instant is None:
            self.errors.append(
                f"Date value '{operand.value}' for {subject} is invalid. {VALID_DATE_FORMATS}"
            )
        return instant

    def _literal(self, spec: FieldSpec, name: str, operand: ValueOperand, into: Resolved) -> None:
        kind, value = spec.kind, operand.value
        values = self.index.values
        if kind in TEXT_KINDS:
            self._text(name, value, into)
        elif kind in (FieldKind.DATETIME, FieldKind.DATE):
            instant = self._date_literal(operand, f"field '{name}'")
            if instant is not None:
                into.numbers.append(float(instant))
        elif kind is FieldKind.NUMBER:
            self._number(name, value, into)
        elif kind is FieldKind.DURATION:
            self._duration(name, value, into)
        elif kind is FieldKind.LABELS:
            into.keys.add(value.lower())
        elif kind in (FieldKind.ISSUE_KEY, FieldKind.PARENT):
            self._issue(name, operand, into)
        elif kind is FieldKind.USER:
            found = values.user_lookup(value)
            if not found and operand.is_number:
                self.errors.append(
                    f"A value with ID '{value}' does not exist for the field '{name}'."
                )
                return
            self._found(found, name, value, into)
        elif kind is FieldKind.STATUS_CATEGORY:
            self._found(values.category_lookup(value), name, value, into)
        elif kind is FieldKind.RESOLUTION and value.lower() == "unresolved":
            found = values.resolutions.lookup(value, operand.is_number)
            into.keys |= found
            into.empty = into.empty or not found
        else:
            named = self._named_values(spec)
            found = named.lookup(value, operand.is_number) if named is not None else set()
            self._found(found, name, value, into)

    def _named_values(self, spec: FieldSpec) -> NamedValues | None:
        values = self.index.values
        return {
            FieldKind.PROJECT: values.projects,
            FieldKind.STATUS: values.statuses,
            FieldKind.PRIORITY: values.priorities,
            FieldKind.RESOLUTION: values.resolutions,
            FieldKind.ISSUE_TYPE: values.issue_types,
            FieldKind.COMPONENT: values.components,
            FieldKind.VERSION: values.versions,
            FieldKind.SPRINT: values.sprints,
            FieldKind.OPTION: values.options.get(spec.field_id),
        }.get(spec.kind)

    def _found(self, found: set[str], name: str, value: str, into: Resolved) -> None:
        if not found:
            self.errors.append(f"The value '{value}' does not exist for the field '{name}'.")
        into.keys |= found

    def _text(self, name: str, value: str, into: Resolved) -> None:
        try:
            into.texts.append(parse_text_query(value))
        except TextQueryError as problem:
            if str(problem) == "empty":
                self.errors.append(
                    f"The field '{name}' does not support searching for an empty string."
                )
            else:
                self.errors.append(f"Unable to parse the text '{value}' for field '{name}'.")

    def _number(self, name: str, value: str, into: Resolved) -> None:
        try:
            into.numbers.append(float(value))
        except ValueError:
            self.errors.append(
                f"The value '{value}' for field '{name}' is invalid - please specify a number."
            )

    def _duration(self, name: str, value: str, into: Resolved) -> None:
        if not _DURATION.fullmatch(value):
            self.errors.append(
                f"The value '{value}' for field '{name}' is invalid - please specify a duration "
                "such as '4d', '2h 30m' or a number of minutes."
            )
            return
        seconds = sum(float(n) * _DURATION_SECONDS[u] for n, u in _DURATION_PART.findall(value))
        into.numbers.append(seconds)

    def _issue(self, name: str, operand: ValueOperand, into: Resolved) -> None:
        table = self.index.table
        value = operand.value.strip()
        if operand.is_number or value.isdigit():
            row = table.row_by_id.get(value)
            if row is None:
                self.errors.append(f"An issue with id '{value}' does not exist for field '{name}'.")
                return
            into.keys.add(table.keys[row])
            return
        if split_key(value) is None:
            self.errors.append(f"The issue key '{value}' for field '{name}' is invalid.")
            return
        if value.upper() not in table.row_by_key:
            self.errors.append(f"An issue with key '{value}' does not exist for field '{name}'.")
            return
        into.keys.add(value.upper())
