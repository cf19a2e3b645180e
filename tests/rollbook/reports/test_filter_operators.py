"""Filter operators: operand counts and shapes for every operator, and fit to field types."""

from typing import Any

import pytest
from pydantic import ValidationError

from rollbook.reports.schemas import FieldType, Operator, ReportCreate
from rollbook.reports.schemas.vocabulary import OPERATORS_BY_TYPE, RANKED_OPERATORS, SYSTEM_FIELDS

CUSTOM_FIELD = "customfield_10000"  # its type is unknown, so only operands are checked

# One valid operand list per operator; the count and shape tests start from these.
VALID_OPERANDS: dict[Operator, list[Any]] = {
    Operator.EQUALS: ["Fix login"],
    Operator.NOT_EQUALS: [""],
    Operator.CONTAINS: ["login"],
    Operator.NOT_CONTAINS: ["wip"],
    Operator.STARTS_WITH: ["[API]"],
    Operator.ENDS_WITH: ["?"],
    Operator.EQ: [3],
    Operator.NE: [True],
    Operator.GT: [0.5],
    Operator.GTE: [-2],
    Operator.LT: [1e6],
    Operator.LTE: [0],
    Operator.BETWEEN: [1, 8],
    Operator.BEFORE: ["2025-01-31"],
    Operator.AFTER: ["2024-02-29"],
    Operator.ON: ["2025-12-31"],
    Operator.IN_LAST: [7, "days"],
    Operator.IN_NEXT: [10_000, "months"],
    Operator.ANY_OF: ["To Do", "In Progress"],
    Operator.NONE_OF: ["Done"],
    Operator.ALL_OF: ["backend"],
    Operator.AT_LEAST: ["2"],
    Operator.AT_MOST: ["Low"],
    Operator.IS_EMPTY: [],
    Operator.IS_NOT_EMPTY: [],
}

# A field of each known type, and operands that fit it, for the type-fit tests.
FIELD_OF_TYPE: dict[FieldType, str] = {
    FieldType.TEXT: "summary",
    FieldType.NUMBER: "votes",
    FieldType.DURATION: "timespent",
    FieldType.DATE: "duedate",
    FieldType.DATETIME: "created",
    FieldType.OPTION: "status",
    FieldType.USER: "assignee",
    FieldType.MULTI: "labels",
    FieldType.ISSUELINK: "parent",
    FieldType.BOOLEAN: "formula_flag",
}
OPERANDS_FOR_TYPE: dict[FieldType, dict[Operator, list[Any]]] = {
    FieldType.BOOLEAN: {Operator.EQ: [False], Operator.NE: [True]},
    FieldType.NUMBER: {Operator.NE: [1]},
    FieldType.DURATION: {Operator.NE: [3600]},
    FieldType.DATE: {Operator.BETWEEN: ["2025-01-01", "2025-01-01"]},
    FieldType.DATETIME: {Operator.BETWEEN: ["2025-01-01", "2025-03-31"]},
}
FLAG_FORMULA = {
    "key": "formula_flag",
    "name": "Flag",
    "expression": "votes > 3",
    "result_type": "boolean",
}


def _report(field: str, operator: Operator, operands: list[Any]) -> dict[str, Any]:
    return {
        "name": "Filters",
        "jql": "project = RB",
        "filtering_rules": [{"field": field, "operator": operator, "operands": operands}],
        "formula_fields": [FLAG_FORMULA],
    }


def _wrong_counts(operator: Operator) -> list[tuple[Operator, list[Any]]]:
    valid = VALID_OPERANDS[operator]
    if operator in {Operator.ANY_OF, Operator.NONE_OF, Operator.ALL_OF}:
        return [(operator, [])]
    cases: list[tuple[Operator, list[Any]]] = [(operator, [*valid, valid[-1] if valid else "x"])]
    if valid:
        cases.append((operator, valid[:-1]))
    return cases


def test_every_operator_has_valid_operands() -> None:
    assert set(VALID_OPERANDS) == set(Operator)


@pytest.mark.parametrize(("operator", "operands"), VALID_OPERANDS.items())
def test_valid_operands_pass_on_an_unknown_field(operator: Operator, operands: list[Any]) -> None:
    rule = ReportCreate.model_validate(_report(CUSTOM_FIELD, operator, operands))

    assert rule.filtering_rules[0].operands == operands


@pytest.mark.parametrize(
    ("operator", "operands"),
    [case for operator in Operator for case in _wrong_counts(operator)],
)
def test_wrong_operand_count_is_rejected(operator: Operator, operands: list[Any]) -> None:
    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(_report(CUSTOM_FIELD, operator, operands))

    [error] = caught.value.errors()
    assert error["loc"] == ("filtering_rules", 0, "operands")
    assert error["type"] == "operand_count"
    assert error["msg"].startswith(f"{operator.value} takes ")


@pytest.mark.parametrize(
    ("field_type", "operator"),
    [(field_type, operator) for field_type in FieldType for operator in Operator],
)
def test_operator_fits_known_types_only(field_type: FieldType, operator: Operator) -> None:
    operands = OPERANDS_FOR_TYPE.get(field_type, {}).get(operator, VALID_OPERANDS[operator])
    data = _report(FIELD_OF_TYPE[field_type], operator, operands)

    # The ordered comparisons fit only priority among the option fields (this one is status).
    if operator in OPERATORS_BY_TYPE[field_type] and operator not in RANKED_OPERATORS:
        ReportCreate.model_validate(data)
    else:
        with pytest.raises(ValidationError) as caught:
            ReportCreate.model_validate(data)
        [error] = caught.value.errors()
        assert error["loc"] == ("filtering_rules", 0, "operator")
        assert error["type"] == "operator_not_applicable"


def test_every_type_allows_emptiness_checks() -> None:
    for operators in OPERATORS_BY_TYPE.values():
        assert {Operator.IS_EMPTY, Operator.IS_NOT_EMPTY} <= operators


def test_every_operator_fits_some_type() -> None:
    assert set().union(*OPERATORS_BY_TYPE.values()) == set(Operator)


def test_examples_cover_every_field_type() -> None:
    assert set(FIELD_OF_TYPE) == set(FieldType)
    for field_type, field in FIELD_OF_TYPE.items():
        if field_type is not FieldType.BOOLEAN:
            assert SYSTEM_FIELDS[field].type is field_type


@pytest.mark.parametrize("operator", sorted(RANKED_OPERATORS))
@pytest.mark.parametrize(
    ("field", "accepted"),
    [("priority", True), (CUSTOM_FIELD, True), ("status", False), ("issuetype", False)],
    ids=["priority", "custom field (type unknown)", "status", "issue type"],
)
def test_ordered_comparisons_fit_priority_only(
    operator: Operator, field: str, accepted: bool
) -> None:
    data = _report(field, operator, ["2"])
    if accepted:
        ReportCreate.model_validate(data)
    else:
        with pytest.raises(ValidationError) as caught:
            ReportCreate.model_validate(data)
        [error] = caught.value.errors()
        assert error["loc"] == ("filtering_rules", 0, "operator")
        assert error["type"] == "operator_not_applicable"
