"""The report vocabulary, defined once for server and client: field types, Jira's system fields
with their types, the operators and aggregations each type allows, and what a field key looks
like.

`scripts/generate_client_types.py` writes it to `client/src/engine/vocabulary.gen.ts`; the
engine's registries take their allowed types from there, and a client test checks them against
it entry by entry.

The server knows a field's type for Jira's system fields, for formula fields (their
`result_type`) and for history fields (`history_*`, derived from the changelog: the kind in the
key gives the type, and a key with no such kind is refused). Custom fields (`customfield_*`)
and system fields not listed here are unknown: the server then checks only the operand count
and shape, and the client checks again against Jira's field schemas.

Decisions (docs/report-model.md, "Validation details"):
- `parent` and `issuekey` are `issuelink` fields (Jira's spelling of the schema type): their
  values are issue keys.
- The text operators match the labels of option, user, multi and issue-link values too
  ("status contains Progress"), as the engine always did.
- Boolean formula fields take `eq` / `ne` with one boolean operand.
- `at_least` / `at_most` compare in Jira's priority order; they are listed for `option`, the
  type of `priority`, and refused for system option fields whose values have no such order.
- `min` / `max` order numbers, durations and dates; `earliest` / `latest` are for dates only.

A new aggregation (or operator) is a member and its types here, its function in the engine's
registry (`aggregationFns.ts` / `filterFns.ts`) and its entry in docs/engine.md; then
`./dev gen` regenerates the client files.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from rollbook.reports.schemas.enums import ChartType, FormulaResultType

# A column, rule or formula names a field by key: a Jira field id (a system field such as
# `fixVersions`, or `customfield_10016`) or one of the report's formula keys.
FORMULA_KEY_PREFIX = "formula_"
_JIRA_FIELD_KEY = r"[a-z][A-Za-z0-9_]{0,63}|customfield_[0-9]{1,10}"
_FORMULA_KEY = FORMULA_KEY_PREFIX + r"[a-z0-9_]{1,48}"
JIRA_FIELD_KEY_PATTERN = rf"^(?:{_JIRA_FIELD_KEY})$"
FORMULA_KEY_PATTERN = rf"^{_FORMULA_KEY}$"
FIELD_KEY_PATTERN = rf"^(?:{_JIRA_FIELD_KEY}|{_FORMULA_KEY})$"
# A view's id: lowercase letters, digits, "-" and "_", starting and ending with a letter or digit.
VIEW_ID_PATTERN = r"^[a-z0-9](?:[a-z0-9_-]{0,38}[a-z0-9])?$"


class Operator(StrEnum):
    """A filter rule's operator; each accepts the field types OPERATORS_BY_TYPE gives it."""

    EQUALS = "equals"
    NOT_EQUALS = "not_equals"
    CONTAINS = "contains"
    NOT_CONTAINS = "not_contains"
    STARTS_WITH = "starts_with"
    ENDS_WITH = "ends_with"
    EQ = "eq"
    NE = "ne"
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    BETWEEN = "between"
    BEFORE = "before"
    AFTER = "after"
    ON = "on"
    IN_LAST = "in_last"
    IN_NEXT = "in_next"
    ANY_OF = "any_of"
    NONE_OF = "none_of"
    ALL_OF = "all_of"
    # Ordered comparisons in the site's priority order ("at least High"): priority fields only.
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    IS_EMPTY = "is_empty"
    IS_NOT_EMPTY = "is_not_empty"


class Aggregation(StrEnum):
    """How a column (or a group order) summarizes the values of a group's issues."""

    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"
    SUM = "sum"
    AVERAGE = "average"
    MIN = "min"
    MAX = "max"
    MEDIAN = "median"
    # Percentiles by nearest rank (docs/engine.md#history-fields, "Percentiles"); p85 is how cycle
    # time is usually read.
    P50 = "p50"
    P85 = "p85"
    P95 = "p95"
    EARLIEST = "earliest"
    LATEST = "latest"


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DURATION = "duration"
    DATE = "date"
    DATETIME = "datetime"
    USER = "user"
    OPTION = "option"
    MULTI = "multi"
    # Before the vocabulary was shared the server spelled it `issue_link`; no report stores a
    # field type (only error messages named it), so nothing stored needs the old spelling.
    ISSUELINK = "issuelink"
    BOOLEAN = "boolean"


class EntryKind(StrEnum):
    """How the client labels and orders a field's values (statuses by category, priorities in
    Jira's order, versions by release, ...); the server does not use it."""

    STATUS = "status"
    PRIORITY = "priority"
    USER = "user"
    OPTION = "option"
    SPRINT = "sprint"
    VERSION = "version"
    ISSUE = "issue"
    LABEL = "label"


@dataclass(frozen=True)
class SystemField:
    type: FieldType
    entry_kind: EntryKind


def _field(field_type: FieldType, entry_kind: EntryKind = EntryKind.LABEL) -> SystemField:
    return SystemField(field_type, entry_kind)


# Jira's system fields whose type is fixed. Their schemas alone would be ambiguous (durations
# and progress are plain "number"), so both sides read the type from here.
SYSTEM_FIELDS: Mapping[str, SystemField] = {
    "summary": _field(FieldType.TEXT),
    "description": _field(FieldType.TEXT),
    "environment": _field(FieldType.TEXT),
    "status": _field(FieldType.OPTION, EntryKind.STATUS),
    "statusCategory": _field(FieldType.OPTION, EntryKind.STATUS),
    "priority": _field(FieldType.OPTION, EntryKind.PRIORITY),
    "issuetype": _field(FieldType.OPTION, EntryKind.OPTION),
    "resolution": _field(FieldType.OPTION, EntryKind.OPTION),
    "project": _field(FieldType.OPTION, EntryKind.OPTION),
    "security": _field(FieldType.OPTION, EntryKind.OPTION),
    "assignee": _field(FieldType.USER, EntryKind.USER),
    "reporter": _field(FieldType.USER, EntryKind.USER),
    "creator": _field(FieldType.USER, EntryKind.USER),
    "labels": _field(FieldType.MULTI),
    "components": _field(FieldType.MULTI, EntryKind.OPTION),
    "fixVersions": _field(FieldType.MULTI, EntryKind.VERSION),
    "versions": _field(FieldType.MULTI, EntryKind.VERSION),
    "subtasks": _field(FieldType.MULTI, EntryKind.ISSUE),
    "timespent": _field(FieldType.DURATION),
    "timeoriginalestimate": _field(FieldType.DURATION),
    "timeestimate": _field(FieldType.DURATION),
    "aggregatetimespent": _field(FieldType.DURATION),
    "aggregatetimeoriginalestimate": _field(FieldType.DURATION),
    "aggregatetimeestimate": _field(FieldType.DURATION),
    "created": _field(FieldType.DATETIME),
    "updated": _field(FieldType.DATETIME),
    "resolutiondate": _field(FieldType.DATETIME),
    "lastViewed": _field(FieldType.DATETIME),
    "statuscategorychangedate": _field(FieldType.DATETIME),
    "duedate": _field(FieldType.DATE),
    "parent": _field(FieldType.ISSUELINK, EntryKind.ISSUE),
    "issuekey": _field(FieldType.ISSUELINK, EntryKind.ISSUE),
    "votes": _field(FieldType.NUMBER),
    "watches": _field(FieldType.NUMBER),
    "workratio": _field(FieldType.NUMBER),
    "progress": _field(FieldType.NUMBER),
    "aggregateprogress": _field(FieldType.NUMBER),
}

FORMULA_RESULT_FIELD_TYPES: Mapping[FormulaResultType, FieldType] = {
    FormulaResultType.NUMBER: FieldType.NUMBER,
    FormulaResultType.TEXT: FieldType.TEXT,
    FormulaResultType.DATE: FieldType.DATE,
    FormulaResultType.BOOLEAN: FieldType.BOOLEAN,
    FormulaResultType.DURATION: FieldType.DURATION,
}

TEXT_OPERATORS = frozenset(
    {
        Operator.EQUALS,
        Operator.NOT_EQUALS,
        Operator.CONTAINS,
        Operator.NOT_CONTAINS,
        Operator.STARTS_WITH,
        Operator.ENDS_WITH,
    }
)
_EMPTINESS = frozenset({Operator.IS_EMPTY, Operator.IS_NOT_EMPTY})
_EQUALITY = frozenset({Operator.EQ, Operator.NE})
_NUMERIC = _EQUALITY | {Operator.GT, Operator.GTE, Operator.LT, Operator.LTE, Operator.BETWEEN}
_DATES = frozenset(
    {
        Operator.BETWEEN,
        Operator.BEFORE,
        Operator.AFTER,
        Operator.ON,
        Operator.IN_LAST,
        Operator.IN_NEXT,
    }
)
_MEMBERSHIP = frozenset({Operator.ANY_OF, Operator.NONE_OF})
_LABELLED = TEXT_OPERATORS | _MEMBERSHIP
RANKED_OPERATORS = frozenset({Operator.AT_LEAST, Operator.AT_MOST})

OPERATORS_BY_TYPE: Mapping[FieldType, frozenset[Operator]] = {
    FieldType.TEXT: TEXT_OPERATORS | _EMPTINESS,
    FieldType.NUMBER: _NUMERIC | _EMPTINESS,
    FieldType.DURATION: _NUMERIC | _EMPTINESS,
    FieldType.DATE: _DATES | _EMPTINESS,
    FieldType.DATETIME: _DATES | _EMPTINESS,
    FieldType.USER: _LABELLED | _EMPTINESS,
    FieldType.OPTION: _LABELLED | RANKED_OPERATORS | _EMPTINESS,
    FieldType.MULTI: _LABELLED | {Operator.ALL_OF} | _EMPTINESS,
    FieldType.ISSUELINK: _LABELLED | _EMPTINESS,
    FieldType.BOOLEAN: _EQUALITY | _EMPTINESS,
}

_COUNTS = frozenset({Aggregation.COUNT, Aggregation.COUNT_DISTINCT})
_EXTREMES = frozenset({Aggregation.MIN, Aggregation.MAX})
PERCENTILES = frozenset({Aggregation.P50, Aggregation.P85, Aggregation.P95})
_ARITHMETIC = _EXTREMES | {Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MEDIAN} | PERCENTILES
_CHRONOLOGICAL = _EXTREMES | {Aggregation.EARLIEST, Aggregation.LATEST}

AGGREGATIONS_BY_TYPE: Mapping[FieldType, frozenset[Aggregation]] = {
    FieldType.TEXT: _COUNTS,
    FieldType.NUMBER: _COUNTS | _ARITHMETIC,
    FieldType.DURATION: _COUNTS | _ARITHMETIC,
    FieldType.DATE: _COUNTS | _CHRONOLOGICAL,
    FieldType.DATETIME: _COUNTS | _CHRONOLOGICAL,
    FieldType.USER: _COUNTS,
    FieldType.OPTION: _COUNTS,
    FieldType.MULTI: _COUNTS,
    FieldType.ISSUELINK: _COUNTS,
    FieldType.BOOLEAN: _COUNTS,
}

DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME})
NUMBER_TYPES = frozenset({FieldType.NUMBER, FieldType.DURATION})


class HistoryParameter(StrEnum):
    """What a history field kind's key ends with: a Jira status id or a status category key."""

    STATUS = "status"
    CATEGORY = "category"


@dataclass(frozen=True)
class HistoryFieldKind:
    type: FieldType
    parameter: HistoryParameter | None


# History fields are derived by the engine from each issue's changelog
# (docs/engine.md#history-fields).
# Their keys are `history_<kind>`, or `history_<kind>_<parameter value>` for a kind with a
# parameter; they are not Jira field ids, but match the Jira field key pattern all the same.
HISTORY_FIELD_PREFIX = "history_"
HISTORY_FIELDS: Mapping[str, HistoryFieldKind] = {
    "time_in_status": HistoryFieldKind(FieldType.DURATION, HistoryParameter.STATUS),
    "time_in_category": HistoryFieldKind(FieldType.DURATION, HistoryParameter.CATEGORY),
    "transitions": HistoryFieldKind(FieldType.NUMBER, None),
    "transitions_into": HistoryFieldKind(FieldType.NUMBER, HistoryParameter.STATUS),
    "first_entered": HistoryFieldKind(FieldType.DATETIME, HistoryParameter.STATUS),
    "last_left": HistoryFieldKind(FieldType.DATETIME, HistoryParameter.STATUS),
    "cycle_time": HistoryFieldKind(FieldType.DURATION, None),
    "lead_time": HistoryFieldKind(FieldType.DURATION, None),
    "status_age": HistoryFieldKind(FieldType.DURATION, None),
}
# Jira's status category keys: To Do, In Progress, Done.
STATUS_CATEGORY_KEYS = ("new", "indeterminate", "done")
# A Jira status id, as the changelog's `from` / `to` give it.
STATUS_ID_PATTERN = r"^[0-9]{1,18}$"


_PARAMETER_WANTED: Mapping[HistoryParameter, str] = {
    HistoryParameter.STATUS: "a Jira status id (digits)",
    HistoryParameter.CATEGORY: f"a status category ({', '.join(STATUS_CATEGORY_KEYS)})",
}


def _parameter_problem(parameter: HistoryParameter, value: str) -> str | None:
    if parameter is HistoryParameter.CATEGORY:
        valid = value in STATUS_CATEGORY_KEYS
    else:
        valid = re.fullmatch(STATUS_ID_PATTERN, value) is not None
    return None if valid else f"{value!r} is not {_PARAMETER_WANTED[parameter]}"


def _read_history_key(key: str) -> tuple[HistoryFieldKind | None, str | None]:
    """The kind of history field `key` (None if none), or why it is not one (None if it is)."""
    rest = key.removeprefix(HISTORY_FIELD_PREFIX)
    for name, kind in HISTORY_FIELDS.items():
        if kind.parameter is None:
            if rest == name:
                return kind, None
        elif rest == name:
            wanted = _PARAMETER_WANTED[kind.parameter]
            return None, f"{HISTORY_FIELD_PREFIX}{name} needs {wanted} after it"
        elif rest.startswith(name + "_"):
            problem = _parameter_problem(kind.parameter, rest.removeprefix(name + "_"))
            return (kind, None) if problem is None else (None, problem)
    return None, f"not a history field; the kinds are {', '.join(HISTORY_FIELDS)}"


def history_field_type(key: str) -> FieldType | None:
    """The type of history field `key`, or None when it is not one: the prefix followed by a
    kind (and, for a kind with a parameter, `_` and a valid status id or category key)."""
    if not key.startswith(HISTORY_FIELD_PREFIX):
        return None
    kind, _ = _read_history_key(key)
    return None if kind is None else kind.type


def history_key_problem(key: str) -> str | None:
    """Why `key`, which starts with the history prefix, names no history field (for a 422),
    or None when it names one."""
    _, problem = _read_history_key(key)
    return problem


def known_field_type(key: str, formula_types: Mapping[str, FormulaResultType]) -> FieldType | None:
    """The type of `key` when the server knows it, else None (custom or unlisted fields)."""
    if key in formula_types:
        return FORMULA_RESULT_FIELD_TYPES[formula_types[key]]
    history_type = history_field_type(key)
    if history_type is not None:
        return history_type
    system_field = SYSTEM_FIELDS.get(key)
    return None if system_field is None else system_field.type


def aggregate_type(field_type: FieldType | None, aggregation: Aggregation) -> FieldType | None:
    """The type of an aggregate's value (a pivot cell, a chart measure), or None when the field's
    type is unknown: counts are numbers, `earliest`/`latest` dates, the others (percentiles too)
    keep the type of the values they aggregate."""
    if aggregation in _COUNTS:
        return FieldType.NUMBER
    if aggregation in {Aggregation.EARLIEST, Aggregation.LATEST} and field_type is None:
        return FieldType.DATE
    return field_type


# Views (docs/report-model.md, "Views").
# Pie and donut charts draw one measure.
ONE_MEASURE_CHART_TYPES = frozenset({ChartType.PIE, ChartType.DONUT})
# A pivot with `percent_of` shows each value as a share of a total, which only these make sense of.
SHARE_AGGREGATIONS = frozenset({Aggregation.COUNT, Aggregation.COUNT_DISTINCT, Aggregation.SUM})
