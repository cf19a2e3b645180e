"""The parts of a report: columns, formats, sorting, grouping and filtering rules, formulas.

Each model checks what it can see by itself; checks that need the whole report (formula
references, field types) are in `references.py`.
"""

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from rollbook.reports.schemas.base import (
    Expression,
    FieldKey,
    FormulaKey,
    Name,
    Problem,
    RollbookModel,
    raise_problems,
)
from rollbook.reports.schemas.enums import (
    DateBucketUnit,
    DateStyle,
    DurationStyle,
    Empties,
    FormatType,
    FormulaResultType,
    GroupOrderBy,
    SortDirection,
)
from rollbook.reports.schemas.operands import Operand, operand_problems
from rollbook.reports.schemas.vocabulary import TEXT_OPERATORS, Aggregation, Operator

_NUMERIC_FORMATS = frozenset({FormatType.NUMBER, FormatType.PERCENT, FormatType.DURATION})
_DATE_FORMATS = frozenset({FormatType.DATE, FormatType.DATETIME})


class Format(RollbookModel):
    """How a column shows its values; an option left null takes the type's default.

    Options that do not apply to `type` are rejected rather than ignored, so a stored format
    says exactly what is shown.
    """

    type: FormatType
    decimals: int | None = Field(
        default=None,
        ge=0,
        le=6,
        description="number, percent, duration (hours/days); default 0, 1 for percent.",
    )
    thousands_separator: bool | None = Field(
        default=None, description="number, percent, duration (hours/days); default true."
    )
    duration_style: DurationStyle | None = Field(
        default=None, description="duration only; default hours."
    )
    date_style: DateStyle | None = Field(
        default=None, description="date, datetime; default medium, in the reader's locale."
    )

    @model_validator(mode="after")
    def _options_fit_type(self) -> Self:
        numeric = self.type in _NUMERIC_FORMATS and self.duration_style is not DurationStyle.JIRA
        applicable = {
            "decimals": numeric,
            "thousands_separator": numeric,
            "duration_style": self.type is FormatType.DURATION,
            "date_style": self.type in _DATE_FORMATS,
        }
        raise_problems(
            "Format",
            [
                Problem(
                    (option,),
                    "format_option_not_applicable",
                    "{option} does not apply to a {format_type} format",
                    getattr(self, option),
                    {"option": option, "format_type": self._described_type()},
                )
                for option, fits in applicable.items()
                if getattr(self, option) is not None and not fits
            ],
        )
        return self

    def _described_type(self) -> str:
        if self.duration_style is DurationStyle.JIRA:
            return "duration (jira style)"
        return self.type.value


class Column(RollbookModel):
    field: FieldKey
    label: str | None = Field(
        default=None, max_length=255, description="null: Jira's name for the field."
    )
    format: Format | None = Field(default=None, description="null: the field type's default.")
    aggregation: Aggregation | None = None
    width: int | None = Field(default=None, ge=40, le=1000, description="Pixels; null: auto.")


class SortRule(RollbookModel):
    field: FieldKey
    direction: SortDirection = SortDirection.ASC
    empties: Empties = Empties.LAST


class DateBucket(RollbookModel):
    kind: Literal["date"]
    unit: DateBucketUnit


class NumberBucket(RollbookModel):
    kind: Literal["number"]
    size: float = Field(gt=0, allow_inf_nan=False)


Bucket = Annotated[DateBucket | NumberBucket, Field(discriminator="kind")]


class GroupOrder(RollbookModel):
    """Order of a level's groups: by key, or by an aggregate of `field` over each group."""

    by: GroupOrderBy = GroupOrderBy.KEY
    direction: SortDirection = SortDirection.ASC
    field: FieldKey | None = Field(default=None, description="Required when by is aggregate.")
    aggregation: Aggregation | None = Field(
        default=None, description="Required when by is aggregate."
    )

    @model_validator(mode="after")
    def _aggregate_needs_field(self) -> Self:
        problems = []
        for option in ("field", "aggregation"):
            value = getattr(self, option)
            if self.by is GroupOrderBy.AGGREGATE and value is None:
                problems.append(
                    Problem(
                        (option,),
                        "required_for_aggregate_order",
                        "{option} is required when ordering groups by an aggregate",
                        value,
                        {"option": option},
                    )
                )
            elif self.by is GroupOrderBy.KEY and value is not None:
                problems.append(
                    Problem(
                        (option,),
                        "only_for_aggregate_order",
                        "{option} is only used when ordering groups by an aggregate",
                        value,
                        {"option": option},
                    )
                )
        raise_problems("GroupOrder", problems)
        return self


class GroupRule(RollbookModel):
    field: FieldKey
    bucket: Bucket | None = None
    order: GroupOrder = Field(default_factory=GroupOrder)
    show_empty: bool = Field(
        default=True, description='Whether issues with no value form a "(none)" group.'
    )


class FilterRule(RollbookModel):
    field: FieldKey
    operator: Operator
    operands: list[Operand] = Field(max_length=100)
    case_sensitive: bool = Field(default=False, description="Text operators only.")
    or_group: bool = Field(
        default=False,
        description="Rules with or_group form one OR group, AND-ed with the other rules.",
    )

    @model_validator(mode="after")
    def _operands_fit_operator(self) -> Self:
        problems = operand_problems(self.operator, self.operands, field_type=None)
        if self.case_sensitive and self.operator not in TEXT_OPERATORS:
            problems.append(
                Problem(
                    ("case_sensitive",),
                    "case_sensitive_not_text",
                    "case_sensitive applies to text operators only",
                    self.case_sensitive,
                )
            )
        raise_problems("FilterRule", problems)
        return self


class FormulaField(RollbookModel):
    key: FormulaKey
    name: Name
    expression: Expression = Field(description="The formula language of docs/engine.md.")
    result_type: FormulaResultType
    format: Format | None = None
    rollup: Expression | None = Field(
        default=None,
        description="Expression over aggregates shown on group rows and the grand total.",
    )
