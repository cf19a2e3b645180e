"""Checks of a report's views against the rest of the report: the fields they name, the columns
a table colours, the grouping levels a chart draws.

Locations are relative to the report body, e.g. `("views", 1, "measures", 0, "field")`.
"""

from collections.abc import Sequence

from rollbook.reports.schemas.base import Loc, Problem
from rollbook.reports.schemas.enums import ChartSeries, FormulaResultType
from rollbook.reports.schemas.references import FieldChecker, check_group_rule
from rollbook.reports.schemas.rules import Column, DateBucket, FormulaField, GroupRule
from rollbook.reports.schemas.views import (
    ChartView,
    Measure,
    PivotView,
    TableView,
    View,
)
from rollbook.reports.schemas.vocabulary import NUMBER_TYPES, aggregate_type


def view_problems(
    *,
    views: Sequence[View],
    columns: Sequence[Column],
    grouping_rules: Sequence[GroupRule],
    formula_fields: Sequence[FormulaField],
) -> list[Problem]:
    problems: list[Problem] = []
    formula_types: dict[str, FormulaResultType] = {}
    for formula in formula_fields:
        # A repeated key is reported by `reference_problems`; the first one counts, as there.
        formula_types.setdefault(formula.key, formula.result_type)
    checker = FieldChecker(formula_types, problems)

    first_index: dict[str, int] = {}
    for index, view in enumerate(views):
        loc: Loc = ("views", index)
        if view.id in first_index:
            problems.append(
                Problem(
                    (*loc, "id"),
                    "duplicate_view_id",
                    "views {first} already has the id {id}",
                    view.id,
                    {"first": first_index[view.id], "id": view.id},
                )
            )
        first_index.setdefault(view.id, index)
        if isinstance(view, TableView):
            _check_table(checker, view, loc, {column.field for column in columns})
        elif isinstance(view, PivotView):
            _check_pivot(checker, view, loc)
        elif isinstance(view, ChartView):
            _check_chart(checker, view, loc, grouping_rules)
    return problems


def _cell_not_numeric(checker: FieldChecker, loc: Loc, value: object, value_type: object) -> None:
    checker.problems.append(
        Problem(
            loc,
            "conditional_format_not_numeric",
            "conditional formatting colours numbers and durations; these cells hold a {value_type}",
            value,
            {"value_type": str(value_type)},
        )
    )


def _check_table(checker: FieldChecker, view: TableView, loc: Loc, shown: set[str]) -> None:
    for index, rule in enumerate(view.conditional_formats):
        field_loc = (*loc, "conditional_formats", index, "field")
        if not checker.defined(rule.field, field_loc):
            continue
        if rule.field not in shown:
            checker.problems.append(
                Problem(
                    field_loc,
                    "unknown_column",
                    "{field} is not one of the report's columns",
                    rule.field,
                    {"field": rule.field},
                )
            )
            continue
        field_type = checker.field_type(rule.field)
        if field_type is not None and field_type not in NUMBER_TYPES:
            _cell_not_numeric(checker, field_loc, rule.field, field_type)


def _measure_fits(checker: FieldChecker, measure: Measure, loc: Loc) -> bool:
    """Whether the measure names a defined field with an aggregation that fits its type."""
    if not checker.defined(measure.field, (*loc, "field")):
        return False
    before = len(checker.problems)
    checker.aggregation_fits(measure.field, measure.aggregation, (*loc, "aggregation"))
    return len(checker.problems) == before


def _numeric(checker: FieldChecker, measure: Measure) -> tuple[bool, object]:
    """(whether the aggregate is, or may be, a number or duration; its type)."""
    value_type = aggregate_type(checker.field_type(measure.field), measure.aggregation)
    return value_type is None or value_type in NUMBER_TYPES, value_type


def _check_pivot(checker: FieldChecker, view: PivotView, loc: Loc) -> None:
    for axis, rules in (("rows", view.rows), ("columns", view.columns)):
        for index, rule in enumerate(rules):
            check_group_rule(checker, rule, (*loc, axis, index))
    fitting = [
        _measure_fits(checker, value, (*loc, "values", index))
        for index, value in enumerate(view.values)
    ]
    for index, colouring in enumerate(view.conditional_formats):
        # PivotView itself checked that the index is one of its values.
        if not fitting[colouring.value]:
            continue
        numeric, value_type = _numeric(checker, view.values[colouring.value])
        if not numeric:
            value_loc = (*loc, "conditional_formats", index, "value")
            _cell_not_numeric(checker, value_loc, colouring.value, value_type)


def _check_chart(
    checker: FieldChecker, view: ChartView, loc: Loc, grouping_rules: Sequence[GroupRule]
) -> None:
    if not grouping_rules:
        checker.problems.append(
            Problem(
                (*loc, "kind"),
                "chart_needs_grouping",
                "a chart's x axis is the report's first grouping level; add a grouping rule",
                view.kind,
            )
        )
    elif view.series is ChartSeries.SECOND_LEVEL and len(grouping_rules) < 2:
        checker.problems.append(
            Problem(
                (*loc, "series"),
                "chart_series_needs_second_level",
                "second_level series are the groups of the report's second grouping level; "
                "add a second grouping rule or use aggregates",
                view.series.value,
            )
        )
    if view.cumulative and grouping_rules and not isinstance(grouping_rules[0].bucket, DateBucket):
        checker.problems.append(
            Problem(
                (*loc, "cumulative"),
                "cumulative_needs_date_axis",
                "running totals need a date axis: group the report first by a date field "
                "with a date bucket",
                view.cumulative,
            )
        )
    for index, measure in enumerate(view.measures):
        measure_loc = (*loc, "measures", index)
        if not _measure_fits(checker, measure, measure_loc):
            continue
        numeric, value_type = _numeric(checker, measure)
        if not numeric:
            checker.problems.append(
                Problem(
                    (*measure_loc, "aggregation"),
                    "measure_not_numeric",
                    "a chart draws numbers and durations; {aggregation} of {field} is a "
                    "{value_type}",
                    measure.aggregation.value,
                    {
                        "aggregation": measure.aggregation.value,
                        "field": measure.field,
                        "value_type": str(value_type),
                    },
                )
            )
