"""The shared vocabulary (reports/schemas/vocabulary.py): the decisions it pins down, and that the
field-key patterns are one rule."""

import re
from typing import Any

import pytest

from rollbook.reports.schemas import Aggregation, FieldType, Operator, ReportCreate
from rollbook.reports.schemas.vocabulary import (
    AGGREGATIONS_BY_TYPE,
    FIELD_KEY_PATTERN,
    FORMULA_KEY_PATTERN,
    JIRA_FIELD_KEY_PATTERN,
    OPERATORS_BY_TYPE,
    SYSTEM_FIELDS,
)


def _report(**parts: Any) -> dict[str, Any]:
    return {"name": "r", "jql": "project = EX", **parts}


@pytest.mark.parametrize(
    ("field", "field_type"),
    [
        # Known to the client before the vocabulary was shared, unknown to the server.
        ("statusCategory", FieldType.OPTION),
        ("security", FieldType.OPTION),
        ("subtasks", FieldType.MULTI),
        ("progress", FieldType.NUMBER),
        ("aggregateprogress", FieldType.NUMBER),
        ("parent", FieldType.ISSUELINK),
        ("issuekey", FieldType.ISSUELINK),
    ],
)
def test_system_field_types(field: str, field_type: FieldType) -> None:
    assert SYSTEM_FIELDS[field].type is field_type


def test_issue_links_use_jiras_spelling() -> None:
    assert FieldType.ISSUELINK.value == "issuelink"


@pytest.mark.parametrize(
    ("field", "operator", "operands"),
    [
        ("status", Operator.CONTAINS, ["Progress"]),
        ("assignee", Operator.STARTS_WITH, ["Al"]),
        ("labels", Operator.EQUALS, ["backend"]),
        ("parent", Operator.ANY_OF, ["EX-1"]),
    ],
)
def test_text_operators_match_labels(field: str, operator: Operator, operands: list[Any]) -> None:
    rule = {"field": field, "operator": operator, "operands": operands}
    ReportCreate.model_validate(_report(filtering_rules=[rule]))


@pytest.mark.parametrize("aggregation", [Aggregation.MIN, Aggregation.MAX, Aggregation.EARLIEST])
def test_dates_take_min_and_max(aggregation: Aggregation) -> None:
    assert aggregation in AGGREGATIONS_BY_TYPE[FieldType.DATETIME]
    ReportCreate.model_validate(_report(columns=[{"field": "created", "aggregation": aggregation}]))


def test_every_aggregation_fits_some_type() -> None:
    assert set().union(*AGGREGATIONS_BY_TYPE.values()) == set(Aggregation)
    assert set(AGGREGATIONS_BY_TYPE) == set(FieldType) == set(OPERATORS_BY_TYPE)


@pytest.mark.parametrize(
    ("key", "jira", "formula"),
    [
        ("summary", True, False),
        ("fixVersions", True, False),
        ("customfield_10016", True, False),
        ("formula_progress", True, True),  # lower-case: a syntactically valid Jira id too
        ("formula_", True, False),
        ("Summary", False, False),
        ("9lives", False, False),
    ],
)
def test_field_key_patterns_agree(key: str, jira: bool, formula: bool) -> None:
    assert bool(re.match(JIRA_FIELD_KEY_PATTERN, key)) is jira
    assert bool(re.match(FORMULA_KEY_PATTERN, key)) is formula
    assert bool(re.match(FIELD_KEY_PATTERN, key)) is (jira or formula)
