"""Report model v1 (docs/report-model.md): what is accepted, and where each error points."""

# ruff: noqa: E501  (the error table keeps one case per line)

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from rollbook.reports.schemas import (
    ReportCreate,
    ReportList,
    ReportPublic,
    ReportUpdate,
    invalid_report_body,
)
from rollbook.site.schemas import ImportOptions, ReportExportFile

CUSTOM_FIELD = "customfield_10000"  # a field whose type only Jira knows


def report(**parts: Any) -> dict[str, Any]:
    """A minimal valid report body with `parts` added or replaced."""
    return {"name": "Sprint report", "jql": "project = RB", **parts}


FORMULAS: list[dict[str, Any]] = [
    {
        "key": "formula_progress",
        "name": "Progress",
        "expression": "timespent / timeoriginalestimate",
        "result_type": "number",
        "format": {"type": "percent", "decimals": 0},
        "rollup": "SUM(timespent) / SUM(timeoriginalestimate)",
    },
    {
        "key": "formula_late",
        "name": "Late",
        "expression": "duedate < TODAY()",
        "result_type": "boolean",
    },
    {
        "key": "formula_title",
        "name": "Title",
        "expression": 'CONCAT(issuekey, " ", summary)',
        "result_type": "text",
    },
    {
        "key": "formula_due",
        "name": "Due",
        "expression": "duedate",
        "result_type": "date",
        "format": {"type": "date", "date_style": "long"},
    },
    {
        "key": "formula_left",
        "name": "Left",
        "expression": "timeoriginalestimate - timespent",
        "result_type": "duration",
        "format": {"type": "duration", "duration_style": "days", "decimals": 1},
    },
]

FULL_REPORT: dict[str, Any] = {
    "name": "Team delivery",
    "description": "Open work by month, with estimates and progress.",
    "jql": "project = RB AND statusCategory != Done ORDER BY Rank",
    "columns": [
        {"field": "issuekey", "label": "Key", "aggregation": "count", "width": 120},
        {"field": "summary", "format": {"type": "text"}, "width": 400},
        {
            "field": "timespent",
            "format": {"type": "duration", "duration_style": "jira"},
            "aggregation": "sum",
        },
        {
            "field": "customfield_10016",
            "label": "Story points",
            "format": {"type": "number", "decimals": 1, "thousands_separator": False},
            "aggregation": "average",
        },
        {
            "field": "created",
            "format": {"type": "datetime", "date_style": "medium"},
            "aggregation": "earliest",
        },
        {"field": "assignee", "format": {"type": "user"}, "aggregation": "count_distinct"},
        {"field": "labels", "label": ""},
        {"field": "formula_progress", "aggregation": "median", "width": 40},
        {"field": "formula_left", "aggregation": "max", "width": 1000},
    ],
    "sorting_rules": [
        {"field": "priority", "direction": "desc", "empties": "first"},
        {"field": "formula_progress"},
    ],
    "grouping_rules": [
        {
            "field": "created",
            "bucket": {"kind": "date", "unit": "month"},
            "order": {"by": "key", "direction": "desc"},
            "show_empty": False,
        },
        {
            "field": "customfield_10016",
            "bucket": {"kind": "number", "size": 2.5},
            "order": {
                "by": "aggregate",
                "direction": "desc",
                "field": "timespent",
                "aggregation": "sum",
            },
        },
        {
            "field": "assignee",
            "order": {"by": "aggregate", "field": "summary", "aggregation": "count"},
        },
    ],
    "filtering_rules": [
        {"field": "summary", "operator": "contains", "operands": ["API"], "case_sensitive": True},
        {"field": "status", "operator": "none_of", "operands": ["Done", "Won't do"]},
        {"field": "labels", "operator": "all_of", "operands": ["backend", "q3"]},
        {"field": "created", "operator": "in_last", "operands": [3, "months"]},
        {"field": "duedate", "operator": "between", "operands": ["2025-01-01", "2025-12-31"]},
        {"field": "timespent", "operator": "gt", "operands": [3600], "or_group": True},
        {"field": "formula_late", "operator": "eq", "operands": [True], "or_group": True},
        {"field": CUSTOM_FIELD, "operator": "is_not_empty", "operands": []},
    ],
    "formula_fields": FORMULAS,
    "people": {
        "access": "limited",
        "administrators": ["557058:f58131cb-b67d-43c7-b30d-6b58d40bd077"],
        "viewer_users": ["5b10a2844c20165700ede21g"],
        "viewer_groups": ["jira-software-users"],
    },
}

SERVER_FIELDS: dict[str, Any] = {
    "id": "0b9e1c2e-6a43-4f5e-9a56-3f1d2b7c8e90",
    "created_at": "2025-03-01T09:30:00Z",
    "created_by": "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077",
    "updated_at": "2025-03-02T10:00:00+01:00",
    "updated_by": "5b10a2844c20165700ede21g",
}

PUBLIC_REPORT = {**FULL_REPORT, **SERVER_FIELDS, "version": 3, "permissions": {"can_edit": True}}
EXPORT_FILE: dict[str, Any] = {
    "format": "rollbook.report-export",
    "format_version": 1,
    "exported_at": "2025-03-03T12:00:00Z",
    "reports": [{**FULL_REPORT, **SERVER_FIELDS}],
}
REPORT_LIST = {
    "items": [
        {
            "id": SERVER_FIELDS["id"],
            "name": "Team delivery",
            "description": "",
            "access": "open",
            "administrators": ["5b10a2844c20165700ede21g"],
            "created_by": "5b10a2844c20165700ede21g",
            "updated_at": "2025-03-02T10:00:00Z",
            "updated_by": "5b10a2844c20165700ede21g",
            "version": 1,
        }
    ],
    "total": 41,
    "offset": 40,
    "limit": 20,
}
Loc = tuple[str | int, ...]
ADMINS = {"administrators": ["5b10a2844c20165700ede21g"]}


@pytest.mark.parametrize(
    ("model", "data"),
    [
        pytest.param(ReportCreate, FULL_REPORT, id="create-full"),
        pytest.param(ReportCreate, report(), id="create-minimal"),
        pytest.param(ReportUpdate, {**FULL_REPORT, "version": 7}, id="update"),
        pytest.param(ReportPublic, PUBLIC_REPORT, id="public"),
        pytest.param(ReportList, REPORT_LIST, id="list"),
        pytest.param(ReportExportFile, EXPORT_FILE, id="export-file"),
        pytest.param(ImportOptions, {"keep_ids": True, "people": "importer_only"}, id="import"),
    ],
)
def test_valid_bodies_round_trip(model: type[BaseModel], data: dict[str, Any]) -> None:
    parsed = model.model_validate(data)

    assert model.model_validate(parsed.model_dump()) == parsed
    assert model.model_validate_json(parsed.model_dump_json()) == parsed


def test_defaults_fill_a_minimal_report() -> None:
    dumped = ReportCreate.model_validate(report()).model_dump(mode="json")

    assert dumped == {
        "name": "Sprint report",
        "description": "",
        "jql": "project = RB",
        "columns": [],
        "sorting_rules": [],
        "grouping_rules": [],
        "filtering_rules": [],
        "formula_fields": [],
        "projects": [],
        "views": [{"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}],
        "history": None,
        "people": {
            "access": "private",
            "administrators": [],
            "viewer_users": [],
            "viewer_groups": [],
        },
    }


def test_defaults_fill_rules() -> None:
    parsed = ReportCreate.model_validate(
        report(
            columns=[{"field": "summary"}],
            sorting_rules=[{"field": "summary"}],
            grouping_rules=[{"field": "status"}],
            filtering_rules=[{"field": "status", "operator": "is_empty", "operands": []}],
        )
    ).model_dump(mode="json")

    assert parsed["columns"] == [
        {"field": "summary", "label": None, "format": None, "aggregation": None, "width": None}
    ]
    assert parsed["sorting_rules"] == [{"field": "summary", "direction": "asc", "empties": "last"}]
    assert parsed["grouping_rules"] == [
        {
            "field": "status",
            "bucket": None,
            "order": {"by": "key", "direction": "asc", "field": None, "aggregation": None},
            "show_empty": True,
        }
    ]
    assert parsed["filtering_rules"][0]["case_sensitive"] is False
    assert parsed["filtering_rules"][0]["or_group"] is False


def _column(field: str, **options: Any) -> dict[str, Any]:
    return report(columns=[{"field": field, **options}], formula_fields=FORMULAS)


def _group(field: str, **options: Any) -> dict[str, Any]:
    return report(grouping_rules=[{"field": field, **options}], formula_fields=FORMULAS)


def _filter(field: str, operator: str, operands: list[Any], **options: Any) -> dict[str, Any]:
    rule = {"field": field, "operator": operator, "operands": operands, **options}
    return report(filtering_rules=[rule], formula_fields=FORMULAS)


def _formula(**options: Any) -> dict[str, Any]:
    formula = {"key": "formula_x", "name": "X", "expression": "1", "result_type": "number"}
    return report(formula_fields=[{**formula, **options}])


def _many(count: int, item: Any) -> list[Any]:
    return [item] * count


def _update(**people: Any) -> dict[str, Any]:
    return report(people={**ADMINS, **people})


INVALID_CASES = [
    # Unknown keys, at every level.
    ("extra-top", ReportCreate, report(colour="red"), ("colour",), "extra_forbidden", "Extra inputs"),
    ("extra-column", ReportCreate, _column("summary", colour=1), ("columns", 0, "colour"), "extra_forbidden", "Extra inputs"),
    ("extra-format", ReportCreate, _column("summary", format={"type": "text", "bold": True}), ("columns", 0, "format", "bold"), "extra_forbidden", "Extra inputs"),
    ("extra-order", ReportCreate, _group("status", order={"by": "key", "nulls": "x"}), ("grouping_rules", 0, "order", "nulls"), "extra_forbidden", "Extra inputs"),
    ("extra-bucket", ReportCreate, _group("created", bucket={"kind": "date", "unit": "day", "tz": "UTC"}), ("grouping_rules", 0, "bucket", "date", "tz"), "extra_forbidden", "Extra inputs"),
    ("extra-people", ReportCreate, report(people={"owner": "me"}), ("people", "owner"), "extra_forbidden", "Extra inputs"),
    ("extra-permissions", ReportPublic, {**PUBLIC_REPORT, "permissions": {"can_edit": True, "can_delete": True}}, ("permissions", "can_delete"), "extra_forbidden", "Extra inputs"),
    ("extra-import", ImportOptions, {"overwrite": True}, ("overwrite",), "extra_forbidden", "Extra inputs"),
    # Field keys.
    ("key-uppercase", ReportCreate, _column("Summary"), ("columns", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    ("key-brackets", ReportCreate, report(sorting_rules=[{"field": "cf[10016]"}]), ("sorting_rules", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    ("key-empty", ReportCreate, _group(""), ("grouping_rules", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    ("key-too-long", ReportCreate, _filter("a" * 65, "is_empty", []), ("filtering_rules", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    # Formula references.
    ("formula-column", ReportCreate, _column("formula_missing"), ("columns", 0, "field"), "unknown_formula_field", "formula_missing is not one of the report's formula_fields"),
    ("formula-sort", ReportCreate, report(sorting_rules=[{"field": "summary"}, {"field": "formula_x"}]), ("sorting_rules", 1, "field"), "unknown_formula_field", "formula_x is not one"),
    ("formula-group", ReportCreate, _group("formula_x"), ("grouping_rules", 0, "field"), "unknown_formula_field", "formula_x is not one"),
    ("formula-group-order", ReportCreate, _group("status", order={"by": "aggregate", "field": "formula_x", "aggregation": "sum"}), ("grouping_rules", 0, "order", "field"), "unknown_formula_field", "formula_x is not one"),
    ("formula-filter", ReportCreate, _filter("formula_x", "is_empty", []), ("filtering_rules", 0, "field"), "unknown_formula_field", "formula_x is not one"),
    ("formula-uppercase", ReportCreate, _column("formula_Progress"), ("columns", 0, "field"), "unknown_formula_field", "formula_Progress is not one"),
    # Duplicates.
    ("duplicate-column", ReportCreate, report(columns=[{"field": "summary"}, {"field": "status"}, {"field": "summary"}]), ("columns", 2, "field"), "duplicate_column_field", "column 0 already shows summary"),
    ("duplicate-formula", ReportCreate, report(formula_fields=[FORMULAS[0], {**FORMULAS[1], "key": "formula_progress"}]), ("formula_fields", 1, "key"), "duplicate_formula_key", "formula_fields 0 already defines formula_progress"),
    # Formula fields.
    ("formula-key-uppercase", ReportCreate, _formula(key="formula_Progress"), ("formula_fields", 0, "key"), "string_pattern_mismatch", "should match pattern"),
    ("formula-key-prefix", ReportCreate, _formula(key="progress"), ("formula_fields", 0, "key"), "string_pattern_mismatch", "should match pattern"),
    ("formula-key-empty-slug", ReportCreate, _formula(key="formula_"), ("formula_fields", 0, "key"), "string_pattern_mismatch", "should match pattern"),
    ("formula-name-blank", ReportCreate, _formula(name=" "), ("formula_fields", 0, "name"), "blank_string", "must not be blank"),
    ("formula-expression-empty", ReportCreate, _formula(expression=""), ("formula_fields", 0, "expression"), "string_too_short", "at least 1 character"),
    ("formula-expression-long", ReportCreate, _formula(expression="1" * 4001), ("formula_fields", 0, "expression"), "string_too_long", "at most 4000 characters"),
    ("formula-rollup-long", ReportCreate, _formula(rollup="1" * 4001), ("formula_fields", 0, "rollup"), "string_too_long", "at most 4000 characters"),
    ("formula-result-type", ReportCreate, _formula(result_type="string"), ("formula_fields", 0, "result_type"), "enum", "Input should be"),
    # Operators that do not fit a known field type.
    ("contains-created", ReportCreate, _filter("created", "contains", ["2025"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "contains does not apply to created, a field of type datetime"),
    ("gt-status", ReportCreate, _filter("status", "gt", [1]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "gt does not apply to status, a field of type option"),
    ("all-of-status", ReportCreate, _filter("status", "all_of", ["Done"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "all_of does not apply to status"),
    ("equals-votes", ReportCreate, _filter("votes", "equals", ["3"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "equals does not apply to votes"),
    ("any-of-summary", ReportCreate, _filter("summary", "any_of", ["x"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "any_of does not apply to summary, a field of type text"),
    ("between-assignee", ReportCreate, _filter("assignee", "between", [1, 2]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "between does not apply to assignee, a field of type user"),
    ("in-last-votes", ReportCreate, _filter("votes", "in_last", [1, "days"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "in_last does not apply to votes, a field of type number"),
    ("before-timespent", ReportCreate, _filter("timespent", "before", ["2025-01-01"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "a field of type duration"),
    ("gt-parent", ReportCreate, _filter("parent", "gt", [1]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "a field of type issuelink"),
    ("contains-formula-number", ReportCreate, _filter("formula_progress", "contains", ["1"]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "a field of type number"),
    ("gt-formula-boolean", ReportCreate, _filter("formula_late", "gt", [0]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "a field of type boolean"),
    ("eq-formula-text", ReportCreate, _filter("formula_title", "eq", [1]), ("filtering_rules", 0, "operator"), "operator_not_applicable", "a field of type text"),
    # Operand shapes.
    ("contains-number", ReportCreate, _filter(CUSTOM_FIELD, "contains", [1]), ("filtering_rules", 0, "operands", 0), "operand_type", "contains expects a string"),
    ("gt-string", ReportCreate, _filter(CUSTOM_FIELD, "gt", ["1"]), ("filtering_rules", 0, "operands", 0), "operand_type", "gt expects a number"),
    ("gt-boolean", ReportCreate, _filter(CUSTOM_FIELD, "gt", [True]), ("filtering_rules", 0, "operands", 0), "operand_type", "gt expects a number"),
    ("eq-string", ReportCreate, _filter(CUSTOM_FIELD, "eq", ["1"]), ("filtering_rules", 0, "operands", 0), "operand_type", "eq expects a number or a boolean"),
    ("eq-boolean-on-number", ReportCreate, _filter("votes", "eq", [True]), ("filtering_rules", 0, "operands", 0), "operand_type", "eq expects a number"),
    ("eq-number-on-boolean", ReportCreate, _filter("formula_late", "eq", [1]), ("filtering_rules", 0, "operands", 0), "operand_type", "eq expects a boolean"),
    ("before-bad-month", ReportCreate, _filter(CUSTOM_FIELD, "before", ["2025-13-01"]), ("filtering_rules", 0, "operands", 0), "operand_type", "before expects an ISO date (YYYY-MM-DD)"),
    ("on-bad-day", ReportCreate, _filter("duedate", "on", ["2025-02-30"]), ("filtering_rules", 0, "operands", 0), "operand_type", "on expects an ISO date"),
    ("after-slashes", ReportCreate, _filter("created", "after", ["2025/01/01"]), ("filtering_rules", 0, "operands", 0), "operand_type", "after expects an ISO date"),
    ("after-compact", ReportCreate, _filter("created", "after", ["20250101"]), ("filtering_rules", 0, "operands", 0), "operand_type", "after expects an ISO date"),
    ("after-newline", ReportCreate, _filter("created", "after", ["2025-01-01\n"]), ("filtering_rules", 0, "operands", 0), "operand_type", "after expects an ISO date"),
    ("after-datetime", ReportCreate, _filter("created", "after", ["2025-01-01T00:00:00Z"]), ("filtering_rules", 0, "operands", 0), "operand_type", "after expects an ISO date"),
    ("in-last-bad-unit", ReportCreate, _filter("created", "in_last", [3, "years"]), ("filtering_rules", 0, "operands", 1), "operand_type", "in_last expects one of days, weeks, months"),
    ("in-next-zero", ReportCreate, _filter("duedate", "in_next", [0, "days"]), ("filtering_rules", 0, "operands", 0), "operand_type", "in_next expects a whole number from 1 to 10000"),
    ("in-last-fraction", ReportCreate, _filter("created", "in_last", [1.5, "weeks"]), ("filtering_rules", 0, "operands", 0), "operand_type", "whole number"),
    ("in-last-boolean", ReportCreate, _filter("created", "in_last", [True, "weeks"]), ("filtering_rules", 0, "operands", 0), "operand_type", "whole number"),
    ("in-last-string-amount", ReportCreate, _filter("created", "in_last", ["3", "days"]), ("filtering_rules", 0, "operands", 0), "operand_type", "whole number"),
    ("in-last-swapped", ReportCreate, _filter("created", "in_last", ["days", 3]), [("filtering_rules", 0, "operands", 0), ("filtering_rules", 0, "operands", 1)], "operand_type", "whole number"),
    ("between-mixed", ReportCreate, _filter(CUSTOM_FIELD, "between", [1, "2025-01-01"]), ("filtering_rules", 0, "operands", 1), "operand_type", "must both be numbers or both be ISO dates"),
    ("between-reversed-numbers", ReportCreate, _filter(CUSTOM_FIELD, "between", [10, 2]), ("filtering_rules", 0, "operands", 1), "operand_order", "lower bound first"),
    ("between-reversed-dates", ReportCreate, _filter("duedate", "between", ["2025-02-01", "2025-01-31"]), ("filtering_rules", 0, "operands", 1), "operand_order", "lower bound first"),
    ("between-numbers-on-date", ReportCreate, _filter("created", "between", [1, 2]), [("filtering_rules", 0, "operands", 0), ("filtering_rules", 0, "operands", 1)], "operand_type", "between expects an ISO date"),
    ("between-dates-on-number", ReportCreate, _filter("votes", "between", ["2025-01-01", "2025-01-02"]), [("filtering_rules", 0, "operands", 0), ("filtering_rules", 0, "operands", 1)], "operand_type", "between expects a number"),
    ("any-of-number", ReportCreate, _filter("status", "any_of", ["Done", 3]), ("filtering_rules", 0, "operands", 1), "operand_type", "any_of expects a string"),
    ("operand-too-long", ReportCreate, _filter("summary", "contains", ["x" * 1001]), ("filtering_rules", 0, "operands", 0), "string_too_long", "at most 1000 characters"),
    ("operand-object", ReportCreate, _filter("summary", "contains", [{"value": "x"}]), ("filtering_rules", 0, "operands", 0), "operand_type", "an operand is a string, a number or a boolean"),
    ("operand-null", ReportCreate, _filter("summary", "contains", [None]), ("filtering_rules", 0, "operands", 0), "operand_type", "an operand is a string"),
    ("operand-infinite", ReportCreate, _filter("votes", "gt", [float("inf")]), ("filtering_rules", 0, "operands", 0), "finite_number", "finite number"),
    ("case-sensitive-not-text", ReportCreate, _filter("votes", "eq", [1], case_sensitive=True), ("filtering_rules", 0, "case_sensitive"), "case_sensitive_not_text", "text operators only"),
    ("unknown-operator", ReportCreate, _filter("summary", "like", ["x"]), ("filtering_rules", 0, "operator"), "enum", "Input should be"),
    ("operands-missing", ReportCreate, report(filtering_rules=[{"field": "status", "operator": "is_empty"}]), ("filtering_rules", 0, "operands"), "missing", "Field required"),
    # Aggregations and buckets that do not fit a known field type.
    ("sum-summary", ReportCreate, _column("summary", aggregation="sum"), ("columns", 0, "aggregation"), "aggregation_not_applicable", "sum does not apply to summary, a field of type text"),
    ("average-status", ReportCreate, _column("status", aggregation="average"), ("columns", 0, "aggregation"), "aggregation_not_applicable", "average does not apply to status"),
    ("sum-created", ReportCreate, _column("created", aggregation="sum"), ("columns", 0, "aggregation"), "aggregation_not_applicable", "sum does not apply to created"),
    ("earliest-timespent", ReportCreate, _column("timespent", aggregation="earliest"), ("columns", 0, "aggregation"), "aggregation_not_applicable", "earliest does not apply to timespent"),
    ("max-formula-boolean", ReportCreate, _column("formula_late", aggregation="max"), ("columns", 0, "aggregation"), "aggregation_not_applicable", "max does not apply to formula_late, a field of type boolean"),
    ("order-sum-summary", ReportCreate, _group("status", order={"by": "aggregate", "field": "summary", "aggregation": "sum"}), ("grouping_rules", 0, "order", "aggregation"), "aggregation_not_applicable", "sum does not apply to summary"),
    ("date-bucket-votes", ReportCreate, _group("votes", bucket={"kind": "date", "unit": "week"}), ("grouping_rules", 0, "bucket"), "bucket_not_applicable", "date bucket does not apply to votes"),
    ("number-bucket-created", ReportCreate, _group("created", bucket={"kind": "number", "size": 1}), ("grouping_rules", 0, "bucket"), "bucket_not_applicable", "number bucket does not apply to created"),
    # Grouping.
    ("aggregate-order-no-field", ReportCreate, _group("status", order={"by": "aggregate", "aggregation": "count"}), ("grouping_rules", 0, "order", "field"), "required_for_aggregate_order", "field is required when ordering groups by an aggregate"),
    ("aggregate-order-no-aggregation", ReportCreate, _group("status", order={"by": "aggregate", "field": "votes"}), ("grouping_rules", 0, "order", "aggregation"), "required_for_aggregate_order", "aggregation is required"),
    ("key-order-with-field", ReportCreate, _group("status", order={"by": "key", "field": "votes"}), ("grouping_rules", 0, "order", "field"), "only_for_aggregate_order", "only used when ordering groups by an aggregate"),
    ("bucket-size-zero", ReportCreate, _group("votes", bucket={"kind": "number", "size": 0}), ("grouping_rules", 0, "bucket", "number", "size"), "greater_than", "greater than 0"),
    ("bucket-size-negative", ReportCreate, _group("votes", bucket={"kind": "number", "size": -5}), ("grouping_rules", 0, "bucket", "number", "size"), "greater_than", "greater than 0"),
    ("bucket-size-infinite", ReportCreate, _group("votes", bucket={"kind": "number", "size": float("inf")}), ("grouping_rules", 0, "bucket", "number", "size"), "finite_number", "finite number"),
    ("bucket-unit", ReportCreate, _group("created", bucket={"kind": "date", "unit": "fortnight"}), ("grouping_rules", 0, "bucket", "date", "unit"), "enum", "Input should be"),
    ("bucket-kind", ReportCreate, _group("created", bucket={"kind": "text"}), ("grouping_rules", 0, "bucket"), "union_tag_invalid", "does not match any of the expected tags"),
    # Columns and formats.
    ("width-small", ReportCreate, _column("summary", width=39), ("columns", 0, "width"), "greater_than_equal", "greater than or equal to 40"),
    ("width-large", ReportCreate, _column("summary", width=1001), ("columns", 0, "width"), "less_than_equal", "less than or equal to 1000"),
    ("width-fraction", ReportCreate, _column("summary", width=100.5), ("columns", 0, "width"), "int_from_float", "fractional part"),
    ("label-long", ReportCreate, _column("summary", label="x" * 256), ("columns", 0, "label"), "string_too_long", "at most 255 characters"),
    ("decimals-large", ReportCreate, _column("votes", format={"type": "number", "decimals": 7}), ("columns", 0, "format", "decimals"), "less_than_equal", "less than or equal to 6"),
    ("decimals-on-date", ReportCreate, _column("duedate", format={"type": "date", "decimals": 2}), ("columns", 0, "format", "decimals"), "format_option_not_applicable", "decimals does not apply to a date format"),
    ("decimals-on-jira-duration", ReportCreate, _column("timespent", format={"type": "duration", "duration_style": "jira", "decimals": 1}), ("columns", 0, "format", "decimals"), "format_option_not_applicable", "decimals does not apply to a duration (jira style) format"),
    ("date-style-on-number", ReportCreate, _column("votes", format={"type": "number", "date_style": "iso"}), ("columns", 0, "format", "date_style"), "format_option_not_applicable", "date_style does not apply to a number format"),
    ("duration-style-on-text", ReportCreate, _column("summary", format={"type": "text", "duration_style": "hours"}), ("columns", 0, "format", "duration_style"), "format_option_not_applicable", "duration_style does not apply to a text format"),
    ("format-type", ReportCreate, _column("summary", format={"type": "currency"}), ("columns", 0, "format", "type"), "enum", "Input should be"),
    # Name, description, JQL.
    ("name-long", ReportCreate, report(name="x" * 256), ("name",), "string_too_long", "at most 255 characters"),
    ("name-blank", ReportCreate, report(name=" \t "), ("name",), "blank_string", "must not be blank"),
    ("name-empty", ReportCreate, report(name=""), ("name",), "string_too_short", "at least 1 character"),
    ("name-missing", ReportCreate, {"jql": "project = RB"}, ("name",), "missing", "Field required"),
    ("description-long", ReportCreate, report(description="x" * 4001), ("description",), "string_too_long", "at most 4000 characters"),
    ("jql-long", ReportCreate, report(jql="x" * 10_001), ("jql",), "string_too_long", "at most 10000 characters"),
    ("jql-empty", ReportCreate, report(jql=""), ("jql",), "string_too_short", "at least 1 character"),
    # List counts.
    ("columns-51", ReportCreate, report(columns=[{"field": f"field{n}"} for n in range(51)]), ("columns",), "too_long", "at most 50 items"),
    ("sorting-11", ReportCreate, report(sorting_rules=_many(11, {"field": "summary"})), ("sorting_rules",), "too_long", "at most 10 items"),
    ("grouping-6", ReportCreate, report(grouping_rules=_many(6, {"field": "status"})), ("grouping_rules",), "too_long", "at most 5 items"),
    ("filtering-31", ReportCreate, report(filtering_rules=_many(31, {"field": "status", "operator": "is_empty", "operands": []})), ("filtering_rules",), "too_long", "at most 30 items"),
    ("formulas-21", ReportCreate, report(formula_fields=[{**FORMULAS[0], "key": f"formula_{n}"} for n in range(21)]), ("formula_fields",), "too_long", "at most 20 items"),
    ("operands-101", ReportCreate, _filter("status", "any_of", [str(n) for n in range(101)]), ("filtering_rules", 0, "operands"), "too_long", "at most 100 items"),
    # People.
    ("account-id-space", ReportCreate, report(people={"administrators": ["bob smith"]}), ("people", "administrators", 0), "string_pattern_mismatch", "should match pattern"),
    ("account-id-long", ReportCreate, report(people={"viewer_users": ["a" * 129]}), ("people", "viewer_users", 0), "string_pattern_mismatch", "should match pattern"),
    ("group-name-empty", ReportCreate, report(people={"viewer_groups": [""]}), ("people", "viewer_groups", 0), "string_too_short", "at least 1 character"),
    ("access-unknown", ReportCreate, report(people={"access": "public"}), ("people", "access"), "enum", "Input should be"),
    ("administrators-51", ReportCreate, report(people={"administrators": [f"user{n}" for n in range(51)]}), ("people", "administrators"), "too_long", "at most 50 items"),
    ("viewer-users-501", ReportCreate, report(people={"viewer_users": _many(501, "user")}), ("people", "viewer_users"), "too_long", "at most 500 items"),
    ("viewer-groups-101", ReportCreate, report(people={"viewer_groups": _many(101, "group")}), ("people", "viewer_groups"), "too_long", "at most 100 items"),
    ("update-no-administrators", ReportUpdate, report(people={"administrators": []}), ("people", "administrators"), "too_short", "at least 1 item"),
    ("update-no-people", ReportUpdate, report(), ("people",), "missing", "Field required"),
    ("update-version-zero", ReportUpdate, {**_update(), "version": 0}, ("version",), "greater_than_equal", "greater than or equal to 1"),
    # Server-owned and export forms.
    ("public-no-id", ReportPublic, {k: v for k, v in PUBLIC_REPORT.items() if k != "id"}, ("id",), "missing", "Field required"),
    ("public-bad-id", ReportPublic, {**PUBLIC_REPORT, "id": "42"}, ("id",), "uuid_parsing", "valid UUID"),
    ("export-format", ReportExportFile, {**EXPORT_FILE, "format": "something-else"}, ("format",), "literal_error", "rollbook.report-export"),
    ("export-format-missing", ReportExportFile, {k: v for k, v in EXPORT_FILE.items() if k != "format"}, ("format",), "missing", "Field required"),
    ("export-version", ReportExportFile, {**EXPORT_FILE, "format_version": 3}, ("format_version",), "literal_error", "Input should be 1 or 2"),
    ("export-version-1-with-views", ReportExportFile, {**EXPORT_FILE, "reports": [{**EXPORT_FILE["reports"][0], "views": []}]}, ("reports", 0, "views"), "views_need_version_2", "a format_version 1 file has no views"),
    ("export-nested-view", ReportExportFile, {**EXPORT_FILE, "format_version": 2, "reports": [{**EXPORT_FILE["reports"][0], "views": [{"kind": "chart", "id": "c", "name": "C", "chart_type": "bar", "measures": [{"field": "formula_nope", "aggregation": "sum"}]}]}]}, ("reports", 0, "views", 0, "measures", 0, "field"), "unknown_formula_field", "formula_nope is not one"),
    ("export-duplicate-id", ReportExportFile, {**EXPORT_FILE, "reports": EXPORT_FILE["reports"] * 2}, ("reports", 1, "id"), "duplicate_report_id", "reports 0 has the same id"),
    ("export-nested-formula", ReportExportFile, {**EXPORT_FILE, "reports": [{**EXPORT_FILE["reports"][0], "sorting_rules": [{"field": "formula_nope"}]}]}, ("reports", 0, "sorting_rules", 0, "field"), "unknown_formula_field", "formula_nope is not one"),
    ("import-people", ImportOptions, {"people": "everyone"}, ("people",), "literal_error", "'keep' or 'importer_only'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "data", "loc", "error_type", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID_CASES],
)
def test_invalid_bodies_name_the_path(
    model: type[BaseModel],
    data: dict[str, Any],
    loc: Loc | list[Loc],
    error_type: str,
    message: str,
) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)

    errors = caught.value.errors()
    expected_locs = loc if isinstance(loc, list) else [loc]
    assert [(error["loc"], error["type"]) for error in errors] == [
        (expected, error_type) for expected in expected_locs
    ]
    assert message in errors[0]["msg"]


def test_case_ids_are_unique() -> None:
    ids = [case[0] for case in INVALID_CASES]
    assert len(ids) == len(set(ids))


def test_update_body_is_the_create_body_with_a_version() -> None:
    update = ReportUpdate.model_validate({**FULL_REPORT, "version": 4})
    create = ReportCreate.model_validate(FULL_REPORT)

    assert update.model_dump(exclude={"version"}) == create.model_dump()
    assert ReportUpdate.model_validate(_update()).version is None


def test_every_problem_in_a_report_is_reported() -> None:
    data = report(
        columns=[{"field": "formula_a"}, {"field": "summary", "aggregation": "sum"}],
        sorting_rules=[{"field": "formula_b"}],
        filtering_rules=[{"field": "created", "operator": "contains", "operands": ["x"]}],
    )

    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(data)

    assert [error["loc"] for error in caught.value.errors()] == [
        ("columns", 0, "field"),
        ("columns", 1, "aggregation"),
        ("sorting_rules", 0, "field"),
        ("filtering_rules", 0, "operator"),
    ]


def test_invalid_report_body_names_each_path() -> None:
    data = report(name=" ", columns=[{"field": "formula_a"}], extra=1)
    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(data)

    body = invalid_report_body(caught.value).model_dump(mode="json")

    assert body == {
        "error": "invalid_report",
        "detail": [
            {"loc": ["name"], "msg": "must not be blank", "type": "blank_string"},
            {"loc": ["extra"], "msg": "Extra inputs are not permitted", "type": "extra_forbidden"},
        ],
    }


def test_invalid_report_body_accepts_fastapi_errors() -> None:
    request_errors = [
        {"loc": ("body", "columns", 2, "field"), "msg": "bad", "type": "x", "input": "secret"}
    ]

    body = invalid_report_body(request_errors).model_dump(mode="json")

    assert body == {
        "error": "invalid_report",
        "detail": [{"loc": ["body", "columns", 2, "field"], "msg": "bad", "type": "x"}],
    }
