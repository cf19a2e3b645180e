"""Property tests: any JSON-like input either validates or fails with a ValidationError."""

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from rollbook.reports.schemas import (
    Aggregation,
    FormulaResultType,
    Operator,
    ReportCreate,
    invalid_report_body,
)
from rollbook.reports.schemas.vocabulary import SYSTEM_FIELDS

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)

FORMULA_KEYS = ["formula_a", "formula_b", "formula_c"]
field_keys = st.sampled_from(
    [*SYSTEM_FIELDS, *FORMULA_KEYS, "customfield_10016", "Bad Key", "formula_"]
)
operands = st.lists(
    st.sampled_from(["2025-01-01", "2025-02-30", "days", "weeks", "years", "Done", ""])
    | st.integers(-2, 12_000)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans(),
    max_size=4,
)


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | values


filter_rules = st.fixed_dictionaries(
    {"field": field_keys, "operator": st.sampled_from(list(Operator)), "operands": operands},
    optional={"case_sensitive": st.booleans(), "or_group": st.booleans()},
)
group_rules = st.fixed_dictionaries(
    {"field": field_keys},
    optional={
        "bucket": _maybe(
            st.fixed_dictionaries(
                {"kind": st.just("date"), "unit": st.sampled_from(["day", "week"])}
            )
            | st.fixed_dictionaries({"kind": st.just("number"), "size": st.floats(-1, 10)})
        ),
        "order": st.fixed_dictionaries(
            {"by": st.sampled_from(["key", "aggregate"])},
            optional={
                "field": _maybe(field_keys),
                "aggregation": _maybe(st.sampled_from(list(Aggregation))),
            },
        ),
    },
)
columns = st.fixed_dictionaries(
    {"field": field_keys},
    optional={
        "aggregation": _maybe(st.sampled_from(list(Aggregation))),
        "width": st.integers(0, 2000),
        "format": _maybe(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["number", "duration", "date", "text"])},
                optional={
                    "decimals": st.integers(-1, 7),
                    "duration_style": st.sampled_from(["hours", "jira"]),
                    "date_style": st.sampled_from(["iso", "long"]),
                },
            )
        ),
    },
)
formulas = st.fixed_dictionaries(
    {
        "key": st.sampled_from(FORMULA_KEYS),
        "name": st.text(max_size=5),
        "expression": st.just("1"),
        "result_type": st.sampled_from(list(FormulaResultType)),
    }
)
reports = st.fixed_dictionaries(
    {"name": st.just("R"), "jql": st.just("project = RB")},
    optional={
        "columns": st.lists(columns, max_size=4),
        "sorting_rules": st.lists(st.fixed_dictionaries({"field": field_keys}), max_size=3),
        "grouping_rules": st.lists(group_rules, max_size=3),
        "filtering_rules": st.lists(filter_rules, max_size=4),
        "formula_fields": st.lists(formulas, max_size=3),
        "surprise": json_values,
    },
)


def _validate(data: Any) -> None:
    try:
        parsed = ReportCreate.model_validate(data)
    except ValidationError as error:
        body = invalid_report_body(error)
        assert body.detail
        assert all(detail.msg for detail in body.detail)
    else:
        assert ReportCreate.model_validate(parsed.model_dump()) == parsed


@given(json_values)
def test_arbitrary_json_only_raises_validation_errors(data: Any) -> None:
    _validate(data)


@given(reports)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_report_shaped_input_only_raises_validation_errors(data: dict[str, Any]) -> None:
    _validate(data)


@given(st.dictionaries(st.sampled_from(list(ReportCreate.model_fields)), json_values))
def test_arbitrary_values_for_report_keys_only_raise_validation_errors(
    data: dict[str, Any],
) -> None:
    _validate(data)
