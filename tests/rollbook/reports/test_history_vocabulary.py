"""History fields and percentile aggregations in the shared vocabulary (issue 14,
docs/engine.md#history-fields): the server types `history_*` keys like any other field, refuses a key
whose kind or parameter is wrong, and allows p50/p85/p95 on numbers and durations only."""

# ruff: noqa: E501  (the case tables keep one case per line)

import re
from typing import Any

import pytest
from pydantic import ValidationError

from rollbook.reports.schemas import Aggregation, FieldType, ReportCreate
from rollbook.reports.schemas.base import Loc
from rollbook.reports.schemas.vocabulary import (
    AGGREGATIONS_BY_TYPE,
    FIELD_KEY_PATTERN,
    HISTORY_FIELDS,
    JIRA_FIELD_KEY_PATTERN,
    STATUS_CATEGORY_KEYS,
    aggregate_type,
    history_field_type,
    known_field_type,
)

PERCENTILES = [Aggregation.P50, Aggregation.P85, Aggregation.P95]


def _report(**parts: Any) -> dict[str, Any]:
    return {"name": "Cycle time", "jql": "project = EX", **parts}


def _errors(data: dict[str, Any]) -> list[tuple[Loc, str, str]]:
    try:
        ReportCreate.model_validate(data)
    except ValidationError as error:
        return [(e["loc"], e["type"], e["msg"]) for e in error.errors()]
    return []


@pytest.mark.parametrize(
    ("key", "field_type"),
    [
        pytest.param("history_time_in_status_10001", FieldType.DURATION, id="time-in-status"),
        pytest.param("history_time_in_category_new", FieldType.DURATION, id="category-new"),
        pytest.param(
            "history_time_in_category_indeterminate", FieldType.DURATION, id="category-indet"
        ),
        pytest.param("history_time_in_category_done", FieldType.DURATION, id="category-done"),
        pytest.param("history_transitions", FieldType.NUMBER, id="transitions"),
        pytest.param("history_transitions_into_3", FieldType.NUMBER, id="transitions-into"),
        pytest.param("history_first_entered_1", FieldType.DATETIME, id="first-entered"),
        pytest.param("history_last_left_10002", FieldType.DATETIME, id="last-left"),
        pytest.param("history_cycle_time", FieldType.DURATION, id="cycle-time"),
        pytest.param("history_lead_time", FieldType.DURATION, id="lead-time"),
        pytest.param("history_status_age", FieldType.DURATION, id="status-age"),
    ],
)
def test_history_keys_are_typed(key: str, field_type: FieldType) -> None:
    assert history_field_type(key) is field_type
    assert known_field_type(key, {}) is field_type
    # A field key like any other: the shared patterns already accept it.
    assert re.fullmatch(JIRA_FIELD_KEY_PATTERN, key) and re.fullmatch(FIELD_KEY_PATTERN, key)


def test_the_kinds_are_the_contracts() -> None:
    assert {name: (kind.type.value, kind.parameter) for name, kind in HISTORY_FIELDS.items()} == {
        "time_in_status": ("duration", "status"),
        "time_in_category": ("duration", "category"),
        "transitions": ("number", None),
        "transitions_into": ("number", "status"),
        "first_entered": ("datetime", "status"),
        "last_left": ("datetime", "status"),
        "cycle_time": ("duration", None),
        "lead_time": ("duration", None),
        "status_age": ("duration", None),
    }
    assert STATUS_CATEGORY_KEYS == ("new", "indeterminate", "done")


@pytest.mark.parametrize(
    ("key", "message"),
    [
        pytest.param(
            "history_time_in_status_abc", "'abc' is not a Jira status id", id="status-not-digits"
        ),
        pytest.param(
            "history_time_in_category_blue",
            "'blue' is not a status category (new, indeterminate, done)",
            id="unknown-category",
        ),
        pytest.param(
            "history_time_in_category_10001", "'10001' is not a status category", id="category-id"
        ),
        pytest.param(
            "history_transitions_into",
            "history_transitions_into needs a Jira status id",
            id="missing-parameter",
        ),
        pytest.param("history_first_entered_", "'' is not a Jira status id", id="empty-parameter"),
        pytest.param(
            "history_cycle_time_10001", "not a history field; the kinds are", id="parameter-extra"
        ),
        pytest.param("history_foo", "not a history field; the kinds are", id="unknown-kind"),
    ],
)
def test_a_bad_history_key_is_refused_naming_the_field(key: str, message: str) -> None:
    assert history_field_type(key) is None
    errors = _errors(_report(columns=[{"field": key}]))

    assert [(loc, kind) for loc, kind, _ in errors] == [
        (("columns", 0, "field"), "unknown_history_field")
    ]
    assert errors[0][2].startswith(f"{key}: ") and message in errors[0][2]


@pytest.mark.parametrize(
    ("parts", "loc"),
    [
        pytest.param({"sorting_rules": [{"field": "history_x"}]}, ("sorting_rules", 0, "field"), id="sort"),
        pytest.param({"grouping_rules": [{"field": "history_x"}]}, ("grouping_rules", 0, "field"), id="group"),
        pytest.param(
            {"filtering_rules": [{"field": "history_x", "operator": "is_empty", "operands": []}]},
            ("filtering_rules", 0, "field"),
            id="filter",
        ),
        pytest.param(
            {"grouping_rules": [{"field": "assignee"}], "views": [{"kind": "chart", "id": "c", "name": "C", "chart_type": "bar", "measures": [{"field": "history_x", "aggregation": "count"}]}]},
            ("views", 0, "measures", 0, "field"),
            id="chart-measure",
        ),
    ],
)  # fmt: skip
def test_a_bad_history_key_is_refused_wherever_a_field_is_named(
    parts: dict[str, Any], loc: Loc
) -> None:
    assert [(e_loc, kind) for e_loc, kind, _ in _errors(_report(**parts))] == [
        (loc, "unknown_history_field")
    ]


@pytest.mark.parametrize("aggregation", PERCENTILES, ids=str)
def test_percentiles_fit_numbers_and_durations_only(aggregation: Aggregation) -> None:
    assert {t for t, allowed in AGGREGATIONS_BY_TYPE.items() if aggregation in allowed} == {
        FieldType.NUMBER,
        FieldType.DURATION,
    }
    # Like median, the value keeps the field's type (a duration's p85 is a duration).
    assert aggregate_type(FieldType.DURATION, aggregation) is FieldType.DURATION
    assert aggregate_type(FieldType.NUMBER, aggregation) is FieldType.NUMBER
    assert aggregate_type(None, aggregation) is None


DURATION_FORMULA = {
    "key": "formula_wait",
    "name": "Wait",
    "expression": "history_lead_time - history_cycle_time",
    "result_type": "duration",
}


@pytest.mark.parametrize(
    ("parts", "errors"),
    [
        pytest.param({"columns": [{"field": "history_cycle_time", "aggregation": "p85"}]}, [], id="p85-cycle-time"),
        pytest.param({"columns": [{"field": "history_transitions", "aggregation": "p50"}]}, [], id="p50-transitions"),
        pytest.param({"columns": [{"field": "timespent", "aggregation": "p95"}]}, [], id="p95-system-duration"),
        pytest.param({"columns": [{"field": "customfield_10016", "aggregation": "p85"}]}, [], id="p85-custom-unknown-type"),
        pytest.param({"formula_fields": [DURATION_FORMULA], "columns": [{"field": "formula_wait", "aggregation": "p50"}]}, [], id="p50-duration-formula"),
        pytest.param({"columns": [{"field": "summary", "aggregation": "p85"}]}, [(("columns", 0, "aggregation"), "aggregation_not_applicable", "p85 does not apply to summary, a field of type text")], id="p85-on-text"),
        pytest.param({"columns": [{"field": "history_first_entered_3", "aggregation": "p95"}]}, [(("columns", 0, "aggregation"), "aggregation_not_applicable", "p95 does not apply to history_first_entered_3, a field of type datetime")], id="p95-on-history-date"),
        pytest.param({"columns": [{"field": "history_transitions", "aggregation": "earliest"}]}, [(("columns", 0, "aggregation"), "aggregation_not_applicable", "earliest does not apply to history_transitions, a field of type number")], id="earliest-on-history-number"),
        pytest.param({"grouping_rules": [{"field": "assignee", "order": {"by": "aggregate", "field": "status", "aggregation": "p50"}}]}, [(("grouping_rules", 0, "order", "aggregation"), "aggregation_not_applicable", "p50 does not apply to status")], id="group-order-p50-on-option"),
        pytest.param({"grouping_rules": [{"field": "assignee", "order": {"by": "aggregate", "field": "history_cycle_time", "aggregation": "p85"}}]}, [], id="group-order-p85-cycle-time"),
    ],
)  # fmt: skip
def test_percentile_aggregations(parts: dict[str, Any], errors: list[tuple[Loc, str, str]]) -> None:
    found = _errors(_report(**parts))

    assert [(loc, kind) for loc, kind, _ in found] == [(loc, kind) for loc, kind, _ in errors]
    for (_, _, message), (_, _, expected) in zip(found, errors, strict=True):
        assert expected in message


@pytest.mark.parametrize(
    ("parts", "errors"),
    [
        pytest.param({"filtering_rules": [{"field": "history_cycle_time", "operator": "gt", "operands": [86400]}]}, [], id="duration-compared"),
        pytest.param({"filtering_rules": [{"field": "history_first_entered_3", "operator": "in_last", "operands": [30, "days"]}]}, [], id="date-in-last"),
        pytest.param({"filtering_rules": [{"field": "history_first_entered_3", "operator": "contains", "operands": ["x"]}]}, [("filtering_rules", 0, "operator")], id="date-contains"),
        pytest.param({"filtering_rules": [{"field": "history_transitions", "operator": "gt", "operands": ["many"]}]}, [("filtering_rules", 0, "operands", 0)], id="count-needs-number"),
        pytest.param({"grouping_rules": [{"field": "history_cycle_time", "bucket": {"kind": "number", "size": 86400}}]}, [], id="duration-bins"),
        pytest.param({"grouping_rules": [{"field": "history_last_left_3", "bucket": {"kind": "date", "unit": "month"}}]}, [], id="date-by-month"),
        pytest.param({"grouping_rules": [{"field": "history_cycle_time", "bucket": {"kind": "date", "unit": "month"}}]}, [("grouping_rules", 0, "bucket")], id="duration-by-month"),
        pytest.param({"views": [{"kind": "pivot", "id": "p", "name": "P", "rows": [{"field": "assignee"}], "columns": [{"field": "history_first_entered_3", "bucket": {"kind": "date", "unit": "month"}}], "values": [{"field": "history_cycle_time", "aggregation": "p85"}]}]}, [], id="pivot-p85"),
        pytest.param({"views": [{"kind": "pivot", "id": "p", "name": "P", "rows": [{"field": "assignee"}], "columns": [{"field": "history_first_entered_3", "bucket": {"kind": "date", "unit": "month"}}], "values": [{"field": "history_cycle_time", "aggregation": "p85"}], "percent_of": "row"}]}, [("views", 0, "values", 0, "aggregation")], id="pivot-share-of-p85"),
    ],
)  # fmt: skip
def test_history_fields_behave_like_typed_fields(parts: dict[str, Any], errors: list[Loc]) -> None:
    assert [loc for loc, _, _ in _errors(_report(**parts))] == errors
