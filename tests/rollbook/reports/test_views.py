"""Report model v2: views (table, pivot, chart) and conditional formats
(docs/report-model.md, "Views"): what is accepted, the defaults, and where each error points."""

# ruff: noqa: E501  (the error table keeps one case per line)

from typing import Any

import pytest
from pydantic import ValidationError

from rollbook.reports.schemas import ReportCreate, ReportUpdate

Loc = tuple[str | int, ...]
DEFAULT_VIEWS = [{"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}]
KEY_ORDER = {"by": "key", "direction": "asc", "field": None, "aggregation": None}

FORMULAS: list[dict[str, Any]] = [
    {"key": "formula_left", "name": "Left", "expression": "timeoriginalestimate - timespent", "result_type": "duration"},
    {"key": "formula_due", "name": "Due", "expression": "duedate", "result_type": "date"},
]  # fmt: skip
COLUMNS: list[dict[str, Any]] = [
    {"field": "summary"},
    {"field": "timespent", "aggregation": "sum"},
    {"field": "customfield_10016", "aggregation": "sum"},
    {"field": "created"},
    {"field": "formula_left"},
    {"field": "formula_due"},
]
# Month buckets first, so a chart has a date axis; status second, for second-level series.
GROUPED: list[dict[str, Any]] = [
    {"field": "created", "bucket": {"kind": "date", "unit": "month"}},
    {"field": "status"},
]


def thresholds(*values: float) -> list[dict[str, Any]]:
    colors = ["green", "yellow", "orange", "red", "blue", "gray"]
    return [{"at_least": value, "color": colors[i % 6]} for i, value in enumerate(values)]


TABLE: dict[str, Any] = {
    "kind": "table",
    "id": "table",
    "name": "Table",
    "conditional_formats": [
        {"field": "timespent", "thresholds": thresholds(0, 28_800, 144_000)},
        {"field": "customfield_10016", "thresholds": thresholds(-1.5)},  # type unknown: accepted
    ],
}
PIVOT: dict[str, Any] = {
    "kind": "pivot",
    "id": "points-by-status",
    "name": "Points by status and assignee",
    "rows": [{"field": "status"}, {"field": "priority"}],
    "columns": [{"field": "assignee"}],
    "values": [
        {"field": "issuekey", "aggregation": "count"},
        {"field": "customfield_10016", "aggregation": "sum"},
    ],
    "percent_of": "column",
    "row_order": {"by": "value", "value": 1, "direction": "desc"},
    "row_totals": False,
    "conditional_formats": [{"value": 0, "thresholds": thresholds(0.25, 0.5)}],
}
CHART: dict[str, Any] = {
    "kind": "chart",
    "id": "burn-up",
    "name": "Burn-up",
    "chart_type": "line",
    "measures": [
        {"field": "timespent", "aggregation": "sum"},
        {"field": "formula_left", "aggregation": "sum"},
    ],
    "cumulative": True,
}


def report(**parts: Any) -> dict[str, Any]:
    """A valid report with every kind of view, and `parts` added or replaced."""
    return {
        "name": "Delivery",
        "jql": "project = RB",
        "columns": COLUMNS,
        "grouping_rules": GROUPED,
        "formula_fields": FORMULAS,
        "views": [TABLE, PIVOT, CHART],
        **parts,
    }


def views(*items: dict[str, Any], **parts: Any) -> dict[str, Any]:
    return report(views=list(items), **parts)


def table(**changes: Any) -> dict[str, Any]:
    return {**TABLE, **changes}


def pivot(**changes: Any) -> dict[str, Any]:
    return {**PIVOT, **changes}


def chart(**changes: Any) -> dict[str, Any]:
    return {**CHART, **changes}


def table_format(field: str, *values: float) -> dict[str, Any]:
    return table(
        conditional_formats=[{"field": field, "thresholds": thresholds(*(values or (1,)))}]
    )


def measure(field: str, aggregation: str) -> dict[str, Any]:
    return {"field": field, "aggregation": aggregation}


def test_a_report_with_every_kind_of_view_round_trips() -> None:
    parsed = ReportCreate.model_validate(report())

    assert ReportCreate.model_validate(parsed.model_dump()) == parsed
    assert ReportCreate.model_validate_json(parsed.model_dump_json()) == parsed


def test_views_fill_their_defaults() -> None:
    minimal = views(
        {"kind": "table", "id": "t", "name": "T"},
        {"kind": "pivot", "id": "p", "name": "P", "rows": [{"field": "status"}], "columns": [{"field": "assignee"}], "values": [measure("issuekey", "count")]},
        {"kind": "chart", "id": "c", "name": "C", "chart_type": "bar", "measures": [measure("issuekey", "count")]},
    )  # fmt: skip

    dumped = ReportCreate.model_validate(minimal).model_dump(mode="json")["views"]

    assert dumped == [
        {"kind": "table", "id": "t", "name": "T", "conditional_formats": []},
        {
            "kind": "pivot",
            "id": "p",
            "name": "P",
            "rows": [{"field": "status", "bucket": None, "order": KEY_ORDER, "show_empty": True}],
            "columns": [
                {"field": "assignee", "bucket": None, "order": KEY_ORDER, "show_empty": True}
            ],
            "values": [{"field": "issuekey", "aggregation": "count"}],
            "percent_of": "none",
            "row_order": {"by": "key", "value": None, "direction": "asc"},
            "column_order": {"by": "key", "value": None, "direction": "asc"},
            "row_totals": True,
            "column_totals": True,
            "conditional_formats": [],
        },
        {
            "kind": "chart",
            "id": "c",
            "name": "C",
            "chart_type": "bar",
            "series": "aggregates",
            "measures": [{"field": "issuekey", "aggregation": "count"}],
            "cumulative": False,
        },
    ]


@pytest.mark.parametrize("model", [ReportCreate, ReportUpdate])
def test_a_body_without_views_gets_the_table_alone(model: type[ReportCreate]) -> None:
    # What an old client sends: its reports keep working, shown as their grouped table.
    body = {"name": "Old", "jql": "project = RB", "people": {"administrators": ["acc-1"]}}

    assert model.model_validate(body).model_dump(mode="json")["views"] == DEFAULT_VIEWS


VALID_CASES = [
    ("every-chart-type-bar", views(chart(chart_type="bar"))),
    ("every-chart-type-stacked-bar", views(chart(chart_type="stacked_bar"))),
    ("every-chart-type-area", views(chart(chart_type="area"))),
    ("every-chart-type-pie", views(chart(chart_type="pie", measures=[measure("customfield_10016", "sum")], cumulative=False))),
    ("every-chart-type-donut", views(chart(chart_type="donut", measures=[measure("issuekey", "count")], cumulative=False))),
    ("second-level-series", views(chart(chart_type="stacked_bar", series="second_level", measures=[measure("issuekey", "count")]))),
    ("chart-without-a-table", views(chart())),
    ("two-tables", views(table(), table(id="table-2"))),
    ("ten-views", views(*[table(id=f"t{n}") for n in range(10)])),
    ("chart-count-of-a-date", views(chart(measures=[measure("created", "count_distinct")]))),
    ("chart-max-of-a-custom-field", views(chart(measures=[measure("customfield_10020", "max")]))),
    ("pivot-same-field-two-buckets", views(pivot(rows=[{"field": "created", "bucket": {"kind": "date", "unit": "month"}}], columns=[{"field": "created", "bucket": {"kind": "date", "unit": "year"}}]))),
    ("pivot-date-values", views(pivot(values=[measure("created", "latest"), measure("formula_due", "earliest")], percent_of="none", row_order={}, conditional_formats=[]))),
    ("pivot-share-of-total", views(pivot(percent_of="total", values=[measure("assignee", "count_distinct")], row_order={}))),
    ("pivot-formats-of-durations", views(pivot(values=[measure("formula_left", "average")], percent_of="none", row_order={}))),
    ("format-of-a-duration-formula", views(table_format("formula_left", 0, 3600))),
    ("five-thresholds", views(table_format("timespent", -10, 0, 0.5, 1, 1e9))),
    ("longest-id-and-name", views(table(id="a" * 40, name="n" * 80))),
]  # fmt: skip


@pytest.mark.parametrize("data", [pytest.param(case[1], id=case[0]) for case in VALID_CASES])
def test_valid_views(data: dict[str, Any]) -> None:
    ReportCreate.model_validate(data)


INVALID_CASES = [
    # The list of views.
    ("views-empty", views(), ("views",), "too_short", "at least 1 item"),
    ("views-11", views(*[table(id=f"t{n}") for n in range(11)]), ("views",), "too_long", "at most 10 items"),
    ("kind-unknown", views({"kind": "gantt", "id": "g", "name": "G"}), ("views", 0), "union_tag_invalid", "'table', 'pivot', 'chart'"),
    ("kind-missing", views({"id": "g", "name": "G"}), ("views", 0), "union_tag_not_found", "discriminator 'kind'"),
    ("extra-key", views(table(colour="red")), ("views", 0, "colour"), "extra_forbidden", "Extra inputs"),
    ("id-uppercase", views(table(id="Table")), ("views", 0, "id"), "string_pattern_mismatch", "should match pattern"),
    ("id-trailing-dash", views(table(id="table-")), ("views", 0, "id"), "string_pattern_mismatch", "should match pattern"),
    ("id-space", views(table(id="my table")), ("views", 0, "id"), "string_pattern_mismatch", "should match pattern"),
    ("id-41", views(table(id="a" * 41)), ("views", 0, "id"), "string_too_long", "at most 40 characters"),
    ("id-duplicate", views(table(), chart(id="table")), ("views", 1, "id"), "duplicate_view_id", "views 0 already has the id table"),
    ("name-empty", views(table(name="")), ("views", 0, "name"), "string_too_short", "at least 1 character"),
    ("name-blank", views(table(name="  ")), ("views", 0, "name"), "blank_string", "must not be blank"),
    ("name-81", views(table(name="n" * 81)), ("views", 0, "name"), "string_too_long", "at most 80 characters"),
    ("name-missing", views({"kind": "table", "id": "t"}), ("views", 0, "name"), "missing", "Field required"),
    # Conditional formats of a table.
    ("format-not-a-column", views(table_format("votes")), ("views", 0, "conditional_formats", 0, "field"), "unknown_column", "votes is not one of the report's columns"),
    ("format-of-text", views(table_format("summary")), ("views", 0, "conditional_formats", 0, "field"), "conditional_format_not_numeric", "these cells hold a text"),
    ("format-of-a-date", views(table_format("created")), ("views", 0, "conditional_formats", 0, "field"), "conditional_format_not_numeric", "these cells hold a datetime"),
    ("format-of-a-date-formula", views(table_format("formula_due")), ("views", 0, "conditional_formats", 0, "field"), "conditional_format_not_numeric", "a date"),
    ("format-unknown-formula", views(table_format("formula_nope")), ("views", 0, "conditional_formats", 0, "field"), "unknown_formula_field", "formula_nope is not one of the report's formula_fields"),
    ("format-twice", views(table(conditional_formats=[{"field": "timespent", "thresholds": thresholds(1)}] * 2)), ("views", 0, "conditional_formats", 1, "field"), "duplicate_conditional_format", "conditional_formats 0 already colours this field"),
    ("formats-21", views(table(conditional_formats=[{"field": f"customfield_{n}", "thresholds": thresholds(1)} for n in range(21)])), ("views", 0, "conditional_formats"), "too_long", "at most 20 items"),
    ("thresholds-none", views(table(conditional_formats=[{"field": "timespent", "thresholds": []}])), ("views", 0, "conditional_formats", 0, "thresholds"), "too_short", "at least 1 item"),
    ("thresholds-6", views(table_format("timespent", 1, 2, 3, 4, 5, 6)), ("views", 0, "conditional_formats", 0, "thresholds"), "too_long", "at most 5 items"),
    ("thresholds-descending", views(table_format("timespent", 10, 5)), ("views", 0, "conditional_formats", 0, "thresholds", 1, "at_least"), "thresholds_not_ascending", "greater than the threshold before it (10.0)"),
    ("thresholds-equal", views(table_format("timespent", 1, 2, 2)), ("views", 0, "conditional_formats", 0, "thresholds", 2, "at_least"), "thresholds_not_ascending", "greater than the threshold before it"),
    ("threshold-colour", views(table(conditional_formats=[{"field": "timespent", "thresholds": [{"at_least": 1, "color": "pink"}]}])), ("views", 0, "conditional_formats", 0, "thresholds", 0, "color"), "enum", "'gray', 'blue', 'green', 'yellow', 'orange' or 'red'"),
    ("threshold-infinite", views(table(conditional_formats=[{"field": "timespent", "thresholds": [{"at_least": float("inf"), "color": "red"}]}])), ("views", 0, "conditional_formats", 0, "thresholds", 0, "at_least"), "finite_number", "finite number"),
    ("threshold-text", views(table(conditional_formats=[{"field": "timespent", "thresholds": [{"at_least": "high", "color": "red"}]}])), ("views", 0, "conditional_formats", 0, "thresholds", 0, "at_least"), "float_parsing", "valid number"),
    # Pivot axes.
    ("pivot-no-rows", views(pivot(rows=[])), ("views", 0, "rows"), "too_short", "at least 1 item"),
    ("pivot-4-rows", views(pivot(rows=[{"field": f} for f in ("status", "priority", "labels", "project")])), ("views", 0, "rows"), "too_long", "at most 3 items"),
    ("pivot-no-columns", views(pivot(columns=[])), ("views", 0, "columns"), "too_short", "at least 1 item"),
    ("pivot-3-columns", views(pivot(columns=[{"field": f} for f in ("assignee", "labels", "project")])), ("views", 0, "columns"), "too_long", "at most 2 items"),
    ("pivot-rule-ordered", views(pivot(rows=[{"field": "status", "order": {"by": "key", "direction": "desc"}}])), ("views", 0, "rows", 0, "order"), "pivot_rule_order", "a pivot orders its rows with row_order"),
    ("pivot-column-rule-ordered", views(pivot(columns=[{"field": "assignee", "order": {"by": "aggregate", "field": "issuekey", "aggregation": "count"}}])), ("views", 0, "columns", 0, "order"), "pivot_rule_order", "its columns with column_order"),
    ("pivot-field-on-both-axes", views(pivot(columns=[{"field": "status"}])), ("views", 0, "columns", 0, "field"), "duplicate_pivot_field", "rows.0 already groups by status this way"),
    ("pivot-field-twice-in-rows", views(pivot(rows=[{"field": "status"}, {"field": "status"}])), ("views", 0, "rows", 1, "field"), "duplicate_pivot_field", "rows.0 already groups by status"),
    ("pivot-bucket-mismatch", views(pivot(rows=[{"field": "votes", "bucket": {"kind": "date", "unit": "week"}}])), ("views", 0, "rows", 0, "bucket"), "bucket_not_applicable", "date bucket does not apply to votes"),
    ("pivot-row-unknown-formula", views(pivot(rows=[{"field": "formula_nope"}])), ("views", 0, "rows", 0, "field"), "unknown_formula_field", "formula_nope is not one"),
    ("pivot-column-bad-key", views(pivot(columns=[{"field": "Assignee"}])), ("views", 0, "columns", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    # Pivot values.
    ("pivot-no-values", views(pivot(values=[], row_order={}, conditional_formats=[])), ("views", 0, "values"), "too_short", "at least 1 item"),
    ("pivot-7-values", views(pivot(values=[measure("issuekey", "count")] * 7)), ("views", 0, "values"), "too_long", "at most 6 items"),
    ("pivot-value-unknown-formula", views(pivot(values=[measure("formula_nope", "sum")], row_order={}, conditional_formats=[])), ("views", 0, "values", 0, "field"), "unknown_formula_field", "formula_nope is not one"),
    ("pivot-value-aggregation-mismatch", views(pivot(values=[measure("summary", "sum")], row_order={}, conditional_formats=[])), ("views", 0, "values", 0, "aggregation"), "aggregation_not_applicable", "sum does not apply to summary, a field of type text"),
    ("pivot-value-aggregation-unknown", views(pivot(values=[measure("votes", "total")])), ("views", 0, "values", 0, "aggregation"), "enum", "Input should be"),
    ("pivot-share-of-an-average", views(pivot(values=[measure("issuekey", "count"), measure("votes", "average")])), ("views", 0, "values", 1, "aggregation"), "aggregation_not_a_share", "percent_of column shows each value as a share of a total, which average does not have"),
    ("pivot-percent-unknown", views(pivot(percent_of="grand")), ("views", 0, "percent_of"), "enum", "'none', 'row', 'column' or 'total'"),
    # Pivot order.
    ("pivot-order-value-missing", views(pivot(row_order={"by": "value"})), ("views", 0, "row_order", "value"), "required_for_value_order", "value is required when by is value"),
    ("pivot-order-value-with-key", views(pivot(column_order={"by": "key", "value": 0})), ("views", 0, "column_order", "value"), "only_for_value_order", "only used when by is value"),
    ("pivot-order-value-out-of-range", views(pivot(column_order={"by": "value", "value": 2})), ("views", 0, "column_order", "value"), "unknown_value_index", "value 2 is not one of the view's 2 values"),
    ("pivot-order-value-negative", views(pivot(row_order={"by": "value", "value": -1})), ("views", 0, "row_order", "value"), "greater_than_equal", "greater than or equal to 0"),
    ("pivot-order-by-unknown", views(pivot(row_order={"by": "size"})), ("views", 0, "row_order", "by"), "enum", "'key' or 'value'"),
    ("pivot-order-direction", views(pivot(row_order={"direction": "up"})), ("views", 0, "row_order", "direction"), "enum", "'asc' or 'desc'"),
    ("pivot-totals-not-boolean", views(pivot(row_totals="sometimes")), ("views", 0, "row_totals"), "bool_parsing", "valid boolean"),
    # Pivot conditional formats.
    ("pivot-format-out-of-range", views(pivot(conditional_formats=[{"value": 5, "thresholds": thresholds(1)}])), ("views", 0, "conditional_formats", 0, "value"), "unknown_value_index", "value 5 is not one of the view's 2 values"),
    ("pivot-format-twice", views(pivot(conditional_formats=[{"value": 1, "thresholds": thresholds(1)}] * 2)), ("views", 0, "conditional_formats", 1, "value"), "duplicate_conditional_format", "conditional_formats 0 already colours this value"),
    ("pivot-format-of-a-date", views(pivot(values=[measure("created", "latest")], percent_of="none", row_order={}, conditional_formats=[{"value": 0, "thresholds": thresholds(1)}])), ("views", 0, "conditional_formats", 0, "value"), "conditional_format_not_numeric", "these cells hold a datetime"),
    ("pivot-format-of-earliest-custom", views(pivot(values=[measure("customfield_10020", "earliest")], percent_of="none", row_order={}, conditional_formats=[{"value": 0, "thresholds": thresholds(1)}])), ("views", 0, "conditional_formats", 0, "value"), "conditional_format_not_numeric", "these cells hold a date"),
    ("pivot-format-field-key", views(pivot(conditional_formats=[{"field": "timespent", "thresholds": thresholds(1)}])), [("views", 0, "conditional_formats", 0, "value"), ("views", 0, "conditional_formats", 0, "field")], ["missing", "extra_forbidden"], "Field required"),
    # Charts: type, series, measures.
    ("chart-type-unknown", views(chart(chart_type="radar")), ("views", 0, "chart_type"), "enum", "'bar', 'stacked_bar', 'line', 'area', 'pie' or 'donut'"),
    ("chart-type-missing", views({k: v for k, v in CHART.items() if k != "chart_type"}), ("views", 0, "chart_type"), "missing", "Field required"),
    ("chart-series-unknown", views(chart(series="stacked")), ("views", 0, "series"), "enum", "'second_level' or 'aggregates'"),
    ("chart-no-measures", views(chart(measures=[])), ("views", 0, "measures"), "too_short", "at least 1 item"),
    ("chart-7-measures", views(chart(measures=[measure("issuekey", "count")] * 7)), ("views", 0, "measures"), "too_long", "at most 6 items"),
    ("chart-pie-two-measures", views(chart(chart_type="pie", cumulative=False)), ("views", 0, "measures"), "one_measure_only", "a pie chart takes exactly 1 measure"),
    ("chart-second-level-two-measures", views(chart(series="second_level")), ("views", 0, "measures"), "one_measure_only", "a chart with second_level series takes exactly 1 measure"),
    ("chart-donut-second-level", views(chart(chart_type="donut", series="second_level", measures=[measure("issuekey", "count")], cumulative=False)), ("views", 0, "series"), "series_not_applicable", "a donut chart draws one series"),
    ("chart-pie-cumulative", views(chart(chart_type="pie", measures=[measure("issuekey", "count")])), ("views", 0, "cumulative"), "cumulative_not_applicable", "a pie chart has no running totals"),
    ("chart-measure-unknown-formula", views(table(), chart(measures=[measure("formula_nope", "sum")])), ("views", 1, "measures", 0, "field"), "unknown_formula_field", "formula_nope is not one of the report's formula_fields"),
    ("chart-measure-bad-key", views(chart(measures=[measure("Points", "sum")])), ("views", 0, "measures", 0, "field"), "string_pattern_mismatch", "should match pattern"),
    ("chart-measure-aggregation-mismatch", views(chart(measures=[measure("status", "average")])), ("views", 0, "measures", 0, "aggregation"), "aggregation_not_applicable", "average does not apply to status, a field of type option"),
    ("chart-measure-a-date", views(chart(measures=[measure("created", "max")])), ("views", 0, "measures", 0, "aggregation"), "measure_not_numeric", "max of created is a datetime"),
    ("chart-measure-latest-custom", views(chart(measures=[measure("customfield_10020", "latest")])), ("views", 0, "measures", 0, "aggregation"), "measure_not_numeric", "latest of customfield_10020 is a date"),
    # Charts against the report's grouping.
    ("chart-without-grouping", views(chart(cumulative=False), grouping_rules=[]), ("views", 0, "kind"), "chart_needs_grouping", "a chart's x axis is the report's first grouping level"),
    ("chart-second-level-one-grouping", views(chart(series="second_level", measures=[measure("issuekey", "count")], cumulative=False), grouping_rules=GROUPED[:1]), ("views", 0, "series"), "chart_series_needs_second_level", "add a second grouping rule"),
    ("chart-cumulative-by-status", views(chart(), grouping_rules=[{"field": "status"}]), ("views", 0, "cumulative"), "cumulative_needs_date_axis", "running totals need a date axis"),
    ("chart-cumulative-unbucketed-date", views(chart(), grouping_rules=[{"field": "created"}]), ("views", 0, "cumulative"), "cumulative_needs_date_axis", "with a date bucket"),
    ("chart-cumulative-number-bucket", views(chart(), grouping_rules=[{"field": "votes", "bucket": {"kind": "number", "size": 5}}]), ("views", 0, "cumulative"), "cumulative_needs_date_axis", "date axis"),
    ("chart-cumulative-not-boolean", views(chart(cumulative="often")), ("views", 0, "cumulative"), "bool_parsing", "valid boolean"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("data", "loc", "error_type", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID_CASES],
)
def test_invalid_views_name_the_path(
    data: dict[str, Any], loc: Loc | list[Loc], error_type: str | list[str], message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(data)

    errors = caught.value.errors()
    expected_locs = loc if isinstance(loc, list) else [loc]
    expected_types = (
        error_type if isinstance(error_type, list) else [error_type] * len(expected_locs)
    )
    assert [(error["loc"], error["type"]) for error in errors] == list(
        zip(expected_locs, expected_types, strict=True)
    )
    assert message in errors[0]["msg"]


def test_case_ids_are_unique() -> None:
    ids = [case[0] for case in [*VALID_CASES, *INVALID_CASES]]
    assert len(ids) == len(set(ids))


def test_every_view_problem_is_reported_at_once() -> None:
    data = views(
        table_format("summary"),
        chart(id="table", measures=[measure("formula_nope", "sum")], cumulative=False),
        grouping_rules=[],
    )

    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(data)

    assert [error["loc"] for error in caught.value.errors()] == [
        ("views", 0, "conditional_formats", 0, "field"),
        ("views", 1, "id"),
        ("views", 1, "kind"),
        ("views", 1, "measures", 0, "field"),
    ]
