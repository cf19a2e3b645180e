"""The field types the server knows without asking Jira, and what each type allows.

Jira's system fields have fixed types; formula fields have their `result_type`. Custom fields
(`customfield_*`) and system fields not listed here are unknown: the server then checks only
the operand count and shape, and the client checks again against Jira's field schemas.

Decisions beyond docs/report-model.md:
- `parent` and `issuekey` are `issue_link` fields: their values are issue keys, so they take the
  text operators, plus `any_of` / `none_of` with a list of keys.
- Boolean formula fields take `eq` / `ne` with one boolean operand.
- `min` / `max` are for numbers and durations; dates use `earliest` / `latest`.
"""

from collections.abc import Mapping
from enum import StrEnum

from rollbook.reports.schemas.enums import Aggregation, FormulaResultType, Operator


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DURATION = "duration"
    DATE = "date"
    DATETIME = "datetime"
    OPTION = "option"
    USER = "user"
    MULTI = "multi"
    ISSUE_LINK = "issue_link"
    BOOLEAN = "boolean"


SYSTEM_FIELD_TYPES: Mapping[str, FieldType] = {
    "summary": FieldType.TEXT,
    "description": FieldType.TEXT,
    "environment": FieldType.TEXT,
    "timespent": FieldType.DURATION,
    "timeoriginalestimate": FieldType.DURATION,
    "timeestimate": FieldType.DURATION,
    "aggregatetimespent": FieldType.DURATION,
    "aggregatetimeoriginalestimate": FieldType.DURATION,
    "aggregatetimeestimate": FieldType.DURATION,
    "created": FieldType.DATETIME,
    "updated": FieldType.DATETIME,
    "resolutiondate": FieldType.DATETIME,
    "statuscategorychangedate": FieldType.DATETIME,
    "lastViewed": FieldType.DATETIME,
    "duedate": FieldType.DATE,
    "status": FieldType.OPTION,
    "priority": FieldType.OPTION,
    "issuetype": FieldType.OPTION,
    "resolution": FieldType.OPTION,
    "project": FieldType.OPTION,
    "assignee": FieldType.USER,
    "reporter": FieldType.USER,
    "creator": FieldType.USER,
    "labels": FieldType.MULTI,
    "components": FieldType.MULTI,
    "fixVersions": FieldType.MULTI,
    "versions": FieldType.MULTI,
    "parent": FieldType.ISSUE_LINK,
    "issuekey": FieldType.ISSUE_LINK,
    "votes": FieldType.NUMBER,
    "watches": FieldType.NUMBER,
    "workratio": FieldType.NUMBER,
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
_NUMERIC = frozenset(
    {
        Operator.EQ,
        Operator.NE,
        Operator.GT,
        Operator.GTE,
        Operator.LT,
        Operator.LTE,
        Operator.BETWEEN,
    }
)
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

OPERATORS_BY_TYPE: Mapping[FieldType, frozenset[Operator]] = {
    FieldType.TEXT: TEXT_OPERATORS | _EMPTINESS,
    FieldType.NUMBER: _NUMERIC | _EMPTINESS,
    FieldType.DURATION: _NUMERIC | _EMPTINESS,
    FieldType.DATE: _DATES | _EMPTINESS,
    FieldType.DATETIME: _DATES | _EMPTINESS,
    FieldType.OPTION: _MEMBERSHIP | _EMPTINESS,
    FieldType.USER: _MEMBERSHIP | _EMPTINESS,
    FieldType.MULTI: _MEMBERSHIP | {Operator.ALL_OF} | _EMPTINESS,
    FieldType.ISSUE_LINK: TEXT_OPERATORS | _MEMBERSHIP | _EMPTINESS,
    FieldType.BOOLEAN: frozenset({Operator.EQ, Operator.NE}) | _EMPTINESS,
}

_COUNTS = frozenset({Aggregation.COUNT, Aggregation.COUNT_DISTINCT})
_ARITHMETIC = frozenset(
    {Aggregation.SUM, Aggregation.AVERAGE, Aggregation.MEDIAN, Aggregation.MIN, Aggregation.MAX}
)
_CHRONOLOGICAL = frozenset({Aggregation.EARLIEST, Aggregation.LATEST})

AGGREGATIONS_BY_TYPE: Mapping[FieldType, frozenset[Aggregation]] = {
    FieldType.TEXT: _COUNTS,
    FieldType.NUMBER: _COUNTS | _ARITHMETIC,
    FieldType.DURATION: _COUNTS | _ARITHMETIC,
    FieldType.DATE: _COUNTS | _CHRONOLOGICAL,
    FieldType.DATETIME: _COUNTS | _CHRONOLOGICAL,
    FieldType.OPTION: _COUNTS,
    FieldType.USER: _COUNTS,
    FieldType.MULTI: _COUNTS,
    FieldType.ISSUE_LINK: _COUNTS,
    FieldType.BOOLEAN: _COUNTS,
}

DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME})
NUMBER_TYPES = frozenset({FieldType.NUMBER, FieldType.DURATION})


def known_field_type(key: str, formula_types: Mapping[str, FormulaResultType]) -> FieldType | None:
    """The type of `key` when the server knows it, else None (custom or unlisted fields)."""
    if key in formula_types:
        return FORMULA_RESULT_FIELD_TYPES[formula_types[key]]
    return SYSTEM_FIELD_TYPES.get(key)
