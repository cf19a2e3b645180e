"""A report's views (report model v2): its grouped table, pivots and charts, all shown from the
same engine result, and the conditional formats of table and pivot cells.

Each model checks what it can see by itself; checks against the rest of the report (its fields,
columns and grouping levels) are in `view_references.py`. Views hold field ids, settings and
names only, like the rest of the definition.
"""

from collections.abc import Sequence
from itertools import pairwise
from typing import Annotated, Literal, Self

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError
from typing_extensions import TypeAliasType

from rollbook.reports.schemas.base import (
    FieldKey,
    Problem,
    RollbookModel,
    ViewName,
    raise_problems,
)
from rollbook.reports.schemas.enums import (
    AxisOrderBy,
    ChartSeries,
    ChartType,
    PercentOf,
    SortDirection,
    ThresholdColor,
)
from rollbook.reports.schemas.rules import GroupOrder, GroupRule
from rollbook.reports.schemas.vocabulary import (
    ONE_MEASURE_CHART_TYPES,
    SHARE_AGGREGATIONS,
    VIEW_ID_PATTERN,
    Aggregation,
)

MAX_VIEWS = 10
MAX_CONDITIONAL_FORMATS = 20
MAX_THRESHOLDS = 5
MAX_MEASURES = 6
MAX_PIVOT_ROWS = 3
MAX_PIVOT_COLUMNS = 2

ViewId = Annotated[
    str,
    Field(
        pattern=VIEW_ID_PATTERN,
        max_length=40,
        description="Unique in the report: 1-40 lowercase letters, digits, `-` and `_`.",
    ),
]


class Threshold(RollbookModel):
    at_least: float = Field(
        allow_inf_nan=False,
        description="Cells whose value is at least this take `color`; durations in seconds, "
        "a pivot's shares as fractions (0.25 is 25%).",
    )
    color: ThresholdColor


Thresholds = Annotated[
    list[Threshold],
    Field(
        min_length=1,
        max_length=MAX_THRESHOLDS,
        description="Ascending by at_least; a cell takes the colour of the last threshold it "
        "reaches, and none below the first.",
    ),
]


def _threshold_problems(thresholds: Sequence[Threshold]) -> list[Problem]:
    return [
        Problem(
            ("thresholds", index, "at_least"),
            "thresholds_not_ascending",
            "at_least must be greater than the threshold before it ({previous})",
            current.at_least,
            {"previous": previous.at_least},
        )
        for index, (previous, current) in enumerate(pairwise(thresholds), start=1)
        if current.at_least <= previous.at_least
    ]


class TableConditionalFormat(RollbookModel):
    """Colours the cells of one table column: a number or duration column of the report."""

    field: FieldKey = Field(description="The field of one of the report's columns.")
    thresholds: Thresholds

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        raise_problems("TableConditionalFormat", _threshold_problems(self.thresholds))
        return self


class PivotConditionalFormat(RollbookModel):
    """Colours the cells of one of a pivot's values, totals included."""

    value: int = Field(ge=0, description="Index into the view's values.")
    thresholds: Thresholds

    @model_validator(mode="after")
    def _ascending(self) -> Self:
        raise_problems("PivotConditionalFormat", _threshold_problems(self.thresholds))
        return self


class Measure(RollbookModel):
    """An aggregate of a field over each group: a pivot's value, a chart's measure."""

    field: FieldKey = Field(description="A Jira field id or one of the report's formula keys.")
    aggregation: Aggregation


class AxisOrder(RollbookModel):
    """Order of a pivot axis's groups, at every level: by key, or by one of the view's values
    (its total over the group)."""

    by: AxisOrderBy = AxisOrderBy.KEY
    value: int | None = Field(
        default=None, ge=0, description="Index into the view's values; required when by is value."
    )
    direction: SortDirection = SortDirection.ASC

    @model_validator(mode="after")
    def _value_only_by_value(self) -> Self:
        problem = None
        if self.by is AxisOrderBy.VALUE and self.value is None:
            problem = Problem(
                ("value",), "required_for_value_order", "value is required when by is value"
            )
        elif self.by is AxisOrderBy.KEY and self.value is not None:
            problem = Problem(
                ("value",),
                "only_for_value_order",
                "value is only used when by is value",
                self.value,
            )
        raise_problems("AxisOrder", [problem] if problem else [])
        return self


def _duplicates(keys: Sequence[object]) -> list[tuple[int, int]]:
    """(index, index of its first occurrence) for each repeated key."""
    first: dict[object, int] = {}
    repeated = []
    for index, key in enumerate(keys):
        if key in first:
            repeated.append((index, first[key]))
        else:
            first[key] = index
    return repeated


def _repeated_targets(targets: Sequence[object], key: str) -> list[Problem]:
    return [
        Problem(
            ("conditional_formats", index, key),
            "duplicate_conditional_format",
            "conditional_formats {first} already colours this {key}",
            targets[index],
            {"first": first, "key": key},
        )
        for index, first in _duplicates(targets)
    ]


_KEY_ASCENDING = GroupOrder()


class _View(RollbookModel):
    kind: str
    id: ViewId
    name: ViewName


class TableView(_View):
    """The report's grouped table."""

    kind: Literal["table"]
    conditional_formats: list[TableConditionalFormat] = Field(
        default_factory=list, max_length=MAX_CONDITIONAL_FORMATS
    )

    @model_validator(mode="after")
    def _one_format_per_column(self) -> Self:
        fields = [rule.field for rule in self.conditional_formats]
        raise_problems("TableView", _repeated_targets(fields, "field"))
        return self


class PivotView(_View):
    """Issues counted or aggregated by row fields against column fields."""

    kind: Literal["pivot"]
    rows: list[GroupRule] = Field(
        min_length=1,
        max_length=MAX_PIVOT_ROWS,
        description="Row fields, the outermost first; row_order orders them, so each rule's "
        "order stays key ascending.",
    )
    columns: list[GroupRule] = Field(
        min_length=1,
        max_length=MAX_PIVOT_COLUMNS,
        description="Column fields, the outermost first; ordered by column_order.",
    )
    values: list[Measure] = Field(min_length=1, max_length=MAX_MEASURES)
    percent_of: PercentOf = PercentOf.NONE
    row_order: AxisOrder = Field(default_factory=AxisOrder)
    column_order: AxisOrder = Field(default_factory=AxisOrder)
    row_totals: bool = Field(default=True, description="A total column at the end of each row.")
    column_totals: bool = Field(default=True, description="A total row under each column.")
    conditional_formats: list[PivotConditionalFormat] = Field(
        default_factory=list, max_length=MAX_CONDITIONAL_FORMATS
    )

    @model_validator(mode="after")
    def _parts_fit_together(self) -> Self:
        raise_problems(
            "PivotView",
            [
                *self._axis_problems(),
                *self._value_index_problems(),
                *self._share_problems(),
                *_repeated_targets([rule.value for rule in self.conditional_formats], "value"),
            ],
        )
        return self

    def _axis_problems(self) -> list[Problem]:
        problems = [
            Problem(
                (axis, index, "order"),
                "pivot_rule_order",
                "a pivot orders its {axis} with {axis_order}; leave this rule's order at key "
                "ascending",
                rule.order.model_dump(mode="json"),
                {"axis": axis, "axis_order": f"{axis[:-1]}_order"},
            )
            for axis, rules in (("rows", self.rows), ("columns", self.columns))
            for index, rule in enumerate(rules)
            if rule.order != _KEY_ASCENDING
        ]
        # A field grouped the same way on both axes (or twice on one) would only fill a diagonal.
        placed = [("rows", i, rule) for i, rule in enumerate(self.rows)]
        placed += [("columns", i, rule) for i, rule in enumerate(self.columns)]
        keys = [(rule.field, rule.bucket and rule.bucket.model_dump_json()) for *_, rule in placed]
        for index, first in _duplicates(keys):
            axis, position, rule = placed[index]
            first_axis, first_position, _ = placed[first]
            problems.append(
                Problem(
                    (axis, position, "field"),
                    "duplicate_pivot_field",
                    "{first} already groups by {field} this way",
                    rule.field,
                    {"field": rule.field, "first": f"{first_axis}.{first_position}"},
                )
            )
        return problems

    def _value_index_problems(self) -> list[Problem]:
        indexes: list[tuple[tuple[str | int, ...], int | None]] = [
            (("row_order", "value"), self.row_order.value),
            (("column_order", "value"), self.column_order.value),
            *(
                (("conditional_formats", index, "value"), rule.value)
                for index, rule in enumerate(self.conditional_formats)
            ),
        ]
        return [
            Problem(
                loc,
                "unknown_value_index",
                "value {index} is not one of the view's {count} values (indexes start at 0)",
                index,
                {"index": index, "count": len(self.values)},
            )
            for loc, index in indexes
            if index is not None and index >= len(self.values)
        ]

    def _share_problems(self) -> list[Problem]:
        if self.percent_of is PercentOf.NONE:
            return []
        return [
            Problem(
                ("values", index, "aggregation"),
                "aggregation_not_a_share",
                "percent_of {percent_of} shows each value as a share of a total, which {value} "
                "does not have; use count, count_distinct or sum",
                value.aggregation.value,
                {"percent_of": self.percent_of.value, "value": value.aggregation.value},
            )
            for index, value in enumerate(self.values)
            if value.aggregation not in SHARE_AGGREGATIONS
        ]


class ChartView(_View):
    """A chart whose x axis is the report's first grouping level."""

    kind: Literal["chart"]
    chart_type: ChartType
    series: ChartSeries = Field(
        default=ChartSeries.AGGREGATES,
        description="aggregates: one series per measure; second_level: one per group of the "
        "second grouping level, of the single measure.",
    )
    measures: list[Measure] = Field(min_length=1, max_length=MAX_MEASURES)
    cumulative: bool = Field(
        default=False,
        description="Running totals along the x axis; only when the first grouping level is a "
        "date bucket, and not for pie or donut charts.",
    )

    @model_validator(mode="after")
    def _settings_fit_chart_type(self) -> Self:
        problems = []
        round_chart = self.chart_type in ONE_MEASURE_CHART_TYPES
        context = {"chart_type": self.chart_type.value}
        if round_chart and self.series is ChartSeries.SECOND_LEVEL:
            problems.append(
                Problem(
                    ("series",),
                    "series_not_applicable",
                    "a {chart_type} chart draws one series; use aggregates",
                    self.series.value,
                    context,
                )
            )
        if len(self.measures) > 1 and (round_chart or self.series is ChartSeries.SECOND_LEVEL):
            reason = "a {chart_type} chart" if round_chart else "a chart with second_level series"
            problems.append(
                Problem(
                    ("measures",),
                    "one_measure_only",
                    reason + " takes exactly 1 measure",
                    len(self.measures),
                    context,
                )
            )
        if round_chart and self.cumulative:
            problems.append(
                Problem(
                    ("cumulative",),
                    "cumulative_not_applicable",
                    "a {chart_type} chart has no running totals",
                    self.cumulative,
                    context,
                )
            )
        raise_problems("ChartView", problems)
        return self


_KINDS = frozenset({"table", "pivot", "chart"})


def _without_kind(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    # ("views", 1, "chart", "measures", 0) -> ("views", 1, "measures", 0)
    if len(loc) > 2 and loc[0] == "views" and loc[2] in _KINDS:
        return (*loc[:2], *loc[3:])
    return loc


def located_in_the_view(error: ValidationError) -> ValidationError | None:
    """The error with every location inside a view at `views.N.<key>`, without the `kind` that
    pydantic puts after the index for a tagged union, so every view error (these and the checks
    of `view_references`) has one shape of path; None when no location had a kind.

    Applied once per report (its validator wraps the whole report) rather than once per view,
    which would cost a Python call for every view of every valid report."""
    items = error.errors(include_url=False)
    if all(_without_kind(tuple(item["loc"])) == tuple(item["loc"]) for item in items):
        return None
    return ValidationError.from_exception_data(
        error.title,
        [
            InitErrorDetails(
                # Without a context the rendered message is kept as it is.
                type=PydanticCustomError(item["type"], item["msg"]),
                loc=_without_kind(tuple(item["loc"])),
                input=item["input"],
            )
            for item in items
        ],
    )


# A named alias so the JSON Schema (and the client types) call it `View`.
View = TypeAliasType(
    "View",
    Annotated[TableView | PivotView | ChartView, Field(discriminator="kind")],
)


def default_views() -> list[TableView | PivotView | ChartView]:
    """What a report without views shows (every report made before views existed): its table."""
    return [TableView(kind="table", id="table", name="Table")]
