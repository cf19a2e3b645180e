"""Checks that need the whole report: formula references, duplicates and field-type fit.

Locations are relative to the report body, e.g. `("filtering_rules", 3, "operator")`.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from rollbook.reports.schemas.base import Loc, Problem
from rollbook.reports.schemas.enums import FormulaResultType
from rollbook.reports.schemas.operands import operand_problems
from rollbook.reports.schemas.rules import (
    Column,
    DateBucket,
    FilterRule,
    FormulaField,
    GroupRule,
    SortRule,
)
from rollbook.reports.schemas.vocabulary import (
    AGGREGATIONS_BY_TYPE,
    DATE_TYPES,
    FORMULA_KEY_PREFIX,
    HISTORY_FIELD_PREFIX,
    NUMBER_TYPES,
    OPERATORS_BY_TYPE,
    RANKED_OPERATORS,
    SYSTEM_FIELDS,
    Aggregation,
    EntryKind,
    FieldType,
    history_key_problem,
    known_field_type,
)


def reference_problems(
    *,
    columns: Sequence[Column],
    sorting_rules: Sequence[SortRule],
    grouping_rules: Sequence[GroupRule],
    filtering_rules: Sequence[FilterRule],
    formula_fields: Sequence[FormulaField],
) -> list[Problem]:
    problems: list[Problem] = []
    checker = FieldChecker(_formula_types(formula_fields, problems), problems)

    first_column_of: dict[str, int] = {}
    for index, column in enumerate(columns):
        loc: Loc = ("columns", index)
        if not checker.defined(column.field, (*loc, "field")):
            continue
        if column.field in first_column_of:
            problems.append(
                Problem(
                    (*loc, "field"),
                    "duplicate_column_field",
                    "column {first} already shows {field}",
                    column.field,
                    {"field": column.field, "first": first_column_of[column.field]},
                )
            )
        else:
            first_column_of[column.field] = index
        if column.aggregation is not None:
            checker.aggregation_fits(column.field, column.aggregation, (*loc, "aggregation"))

    for index, sort_rule in enumerate(sorting_rules):
        checker.defined(sort_rule.field, ("sorting_rules", index, "field"))

    for index, group_rule in enumerate(grouping_rules):
        check_group_rule(checker, group_rule, ("grouping_rules", index))

    for index, filter_rule in enumerate(filtering_rules):
        _check_filter_rule(checker, filter_rule, ("filtering_rules", index))

    return problems


def _formula_types(
    formula_fields: Sequence[FormulaField], problems: list[Problem]
) -> dict[str, FormulaResultType]:
    first_index: dict[str, int] = {}
    for index, formula in enumerate(formula_fields):
        if formula.key in first_index:
            problems.append(
                Problem(
                    ("formula_fields", index, "key"),
                    "duplicate_formula_key",
                    "formula_fields {first} already defines {key}",
                    formula.key,
                    {"key": formula.key, "first": first_index[formula.key]},
                )
            )
        else:
            first_index[formula.key] = index
    return {key: formula_fields[index].result_type for key, index in first_index.items()}


@dataclass
class FieldChecker:
    """Appends a problem for each reference that is undefined or does not fit its field type."""

    formula_types: Mapping[str, FormulaResultType]
    problems: list[Problem]

    def defined(self, field: str, loc: Loc) -> bool:
        if field.startswith(FORMULA_KEY_PREFIX) and field not in self.formula_types:
            self.problems.append(
                Problem(
                    loc,
                    "unknown_formula_field",
                    "{field} is not one of the report's formula_fields",
                    field,
                    {"field": field},
                )
            )
            return False
        if field.startswith(HISTORY_FIELD_PREFIX):
            problem = history_key_problem(field)
            if problem is not None:
                self.problems.append(
                    Problem(
                        loc,
                        "unknown_history_field",
                        "{field}: {problem}",
                        field,
                        {"field": field, "problem": problem},
                    )
                )
                return False
        return True

    def field_type(self, field: str) -> FieldType | None:
        return known_field_type(field, self.formula_types)

    def not_applicable(self, loc: Loc, what: str, field: str, value: str) -> None:
        self.problems.append(
            Problem(
                loc,
                f"{what}_not_applicable",
                "{value} does not apply to {field}, a field of type {field_type}",
                value,
                {"value": value, "field": field, "field_type": str(self.field_type(field))},
            )
        )

    def aggregation_fits(self, field: str, aggregation: Aggregation, loc: Loc) -> None:
        field_type = self.field_type(field)
        if field_type is not None and aggregation not in AGGREGATIONS_BY_TYPE[field_type]:
            self.not_applicable(loc, "aggregation", field, aggregation.value)


def check_group_rule(checker: FieldChecker, rule: GroupRule, loc: Loc) -> None:
    if checker.defined(rule.field, (*loc, "field")) and rule.bucket is not None:
        field_type = checker.field_type(rule.field)
        fitting_types = DATE_TYPES if isinstance(rule.bucket, DateBucket) else NUMBER_TYPES
        if field_type is not None and field_type not in fitting_types:
            bucket = f"{rule.bucket.kind} bucket"
            checker.not_applicable((*loc, "bucket"), "bucket", rule.field, bucket)
    order = rule.order
    if (
        order.field is not None
        and checker.defined(order.field, (*loc, "order", "field"))
        and order.aggregation is not None
    ):
        checker.aggregation_fits(order.field, order.aggregation, (*loc, "order", "aggregation"))


def _unranked(rule: FilterRule) -> bool:
    """An ordered comparison on a system field whose values have no order (status, issue type);
    custom option fields are unknown here, and the engine matches nothing on them."""
    system_field = SYSTEM_FIELDS.get(rule.field)
    return (
        rule.operator in RANKED_OPERATORS
        and system_field is not None
        and system_field.entry_kind is not EntryKind.PRIORITY
    )


def _check_filter_rule(checker: FieldChecker, rule: FilterRule, loc: Loc) -> None:
    if not checker.defined(rule.field, (*loc, "field")):
        return
    field_type = checker.field_type(rule.field)
    if field_type is None:
        return  # FilterRule itself already checked the operands' count and shape
    if rule.operator not in OPERATORS_BY_TYPE[field_type] or _unranked(rule):
        checker.not_applicable((*loc, "operator"), "operator", rule.field, rule.operator.value)
        return
    checker.problems.extend(
        replace(problem, loc=(*loc, *problem.loc))
        for problem in operand_problems(rule.operator, rule.operands, field_type)
    )
