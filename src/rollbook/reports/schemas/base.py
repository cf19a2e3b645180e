"""The base model, the shared string types and the way validators report located errors."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from rollbook.reports.schemas.vocabulary import FIELD_KEY_PATTERN, FORMULA_KEY_PATTERN

ACCOUNT_ID_PATTERN = r"^[A-Za-z0-9:_-]{1,128}$"


def _contains_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list | tuple):
        return any(_contains_nul(item) for item in value)
    return False


class RollbookModel(BaseModel):
    """Every report-model object: unknown keys are rejected, everywhere."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
        if _contains_nul(value):
            raise PydanticCustomError("nul_character", "must not contain NUL characters")
        return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_string", "must not be blank")
    return value


FieldKey = Annotated[
    str,
    Field(
        pattern=FIELD_KEY_PATTERN,
        description="A Jira field id (`summary`, `customfield_10016`) or a formula key.",
    ),
]
FormulaKey = Annotated[str, Field(pattern=FORMULA_KEY_PATTERN)]
AccountId = Annotated[str, Field(pattern=ACCOUNT_ID_PATTERN, description="A Jira account id.")]
GroupName = Annotated[str, Field(min_length=1, max_length=255)]
Name = Annotated[str, Field(min_length=1, max_length=255), AfterValidator(_not_blank)]
ViewName = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_not_blank)]
Description = Annotated[str, Field(max_length=4000)]
Expression = Annotated[str, Field(min_length=1, max_length=4000)]
# Jira's rule for project keys: an uppercase letter, then uppercase letters, digits or "_".
ProjectKey = Annotated[
    str,
    Field(
        pattern=r"^[A-Z][A-Z0-9_]*$",
        max_length=255,
        description="A Jira project key, e.g. `ROLL`.",
    ),
]

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One validation error found by a validator, located relative to the validated model."""

    loc: Loc
    type: str
    message: str  # a PydanticCustomError template: `{name}` is filled from `context`
    input: Any = None
    context: Mapping[str, str | int | float] = field(default_factory=dict)


def raise_problems(title: str, problems: Sequence[Problem]) -> None:
    """Raise the problems as one ValidationError.

    Pydantic prefixes the `loc` of a ValidationError raised inside a validator with the
    validated object's own location, so a report-level check can point at
    `("columns", 2, "field")` and a nested model's check at its own sub-path.
    """
    if not problems:
        return
    raise ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError(p.type, p.message, dict(p.context)),
                loc=p.loc,
                input=p.input,
            )
            for p in problems
        ],
    )
