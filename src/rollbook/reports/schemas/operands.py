"""Filter operands: the values allowed at all, how many each operator takes, of what shape.

Shapes depend on the field type only for `eq`/`ne` (numbers, or booleans for boolean formulas)
and `between` (numbers or dates); with an unknown type either form is accepted.
"""

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError
from typing_extensions import TypeAliasType

from rollbook.reports.schemas.base import Loc, Problem
from rollbook.reports.schemas.enums import RelativeDateUnit
from rollbook.reports.schemas.vocabulary import DATE_TYPES, NUMBER_TYPES, FieldType, Operator

OperandValue = str | bool | int | float
MAX_OPERAND_LENGTH = 1000

MAX_RELATIVE_AMOUNT = 10_000  # keeps `in_last` / `in_next` inside the engine's date range
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _operand(value: object) -> OperandValue:
    # One plain validator instead of a union, so a bad operand gets one error, not one per
    # union member.
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("finite_number", "Input should be a finite number")
        return value
    if isinstance(value, str):
        if len(value) > MAX_OPERAND_LENGTH:
            raise PydanticCustomError(
                "string_too_long",
                "String should have at most {max_length} characters",
                {"max_length": MAX_OPERAND_LENGTH},
            )
        return value
    raise PydanticCustomError("operand_type", "an operand is a string, a number or a boolean")


# A named alias so the JSON Schema (and the client types) call it `Operand`.
Operand = TypeAliasType(
    "Operand",
    Annotated[
        OperandValue,
        PlainValidator(_operand),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "maxLength": MAX_OPERAND_LENGTH},
                    {"type": "number"},
                    {"type": "boolean"},
                ]
            }
        ),
    ],
)


@dataclass(frozen=True)
class Shape:
    description: str
    accepts: Callable[[OperandValue], bool]


def _is_number(value: OperandValue) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_iso_date(value: OperandValue) -> bool:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_relative_amount(value: OperandValue) -> bool:
    return (
        isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_RELATIVE_AMOUNT
    )


STRING = Shape("a string", lambda value: isinstance(value, str))
NUMBER = Shape("a number", _is_number)
BOOLEAN = Shape("a boolean", lambda value: isinstance(value, bool))
NUMBER_OR_BOOLEAN = Shape("a number or a boolean", lambda v: _is_number(v) or isinstance(v, bool))
ISO_DATE = Shape("an ISO date (YYYY-MM-DD)", _is_iso_date)
NUMBER_OR_ISO_DATE = Shape(
    "a number or an ISO date (YYYY-MM-DD)", lambda v: _is_number(v) or _is_iso_date(v)
)
RELATIVE_AMOUNT = Shape(f"a whole number from 1 to {MAX_RELATIVE_AMOUNT}", _is_relative_amount)
_RELATIVE_UNITS = frozenset(unit.value for unit in RelativeDateUnit)
RELATIVE_UNIT = Shape(
    "one of " + ", ".join(unit.value for unit in RelativeDateUnit),
    lambda value: isinstance(value, str) and value in _RELATIVE_UNITS,
)


@dataclass(frozen=True)
class Arity:
    """Operand positions; `repeat` means one or more operands, all of `shapes[0]`."""

    shapes: tuple[Shape, ...]
    repeat: bool = False


def _arity(operator: Operator, field_type: FieldType | None) -> Arity:
    match operator:
        case (
            Operator.EQUALS
            | Operator.NOT_EQUALS
            | Operator.CONTAINS
            | Operator.NOT_CONTAINS
            | Operator.STARTS_WITH
            | Operator.ENDS_WITH
        ):
            return Arity((STRING,))
        case Operator.EQ | Operator.NE:
            if field_type is FieldType.BOOLEAN:
                return Arity((BOOLEAN,))
            return Arity((NUMBER,) if field_type in NUMBER_TYPES else (NUMBER_OR_BOOLEAN,))
        case Operator.GT | Operator.GTE | Operator.LT | Operator.LTE:
            return Arity((NUMBER,))
        case Operator.BETWEEN:
            if field_type in NUMBER_TYPES:
                return Arity((NUMBER, NUMBER))
            if field_type in DATE_TYPES:
                return Arity((ISO_DATE, ISO_DATE))
            return Arity((NUMBER_OR_ISO_DATE, NUMBER_OR_ISO_DATE))
        case Operator.BEFORE | Operator.AFTER | Operator.ON:
            return Arity((ISO_DATE,))
        case Operator.IN_LAST | Operator.IN_NEXT:
            return Arity((RELATIVE_AMOUNT, RELATIVE_UNIT))
        case Operator.AT_LEAST | Operator.AT_MOST:
            return Arity((STRING,))
        case Operator.ANY_OF | Operator.NONE_OF | Operator.ALL_OF:
            return Arity((STRING,), repeat=True)
        case Operator.IS_EMPTY | Operator.IS_NOT_EMPTY:
            return Arity(())


def _exactly(count: int) -> str:
    return {0: "no operands", 1: "exactly 1 operand"}.get(count, f"exactly {count} operands")


def operand_problems(
    operator: Operator, operands: Sequence[OperandValue], field_type: FieldType | None
) -> list[Problem]:
    """Problems with `operands` for `operator`, located relative to the filter rule."""
    arity = _arity(operator, field_type)
    context = {"operator": operator.value, "count": len(arity.shapes), "given": len(operands)}
    if arity.repeat:
        if not operands:
            return [
                Problem(
                    ("operands",),
                    "operand_count",
                    "{operator} takes at least 1 operand",
                    operands,
                    context,
                )
            ]
        positions = [arity.shapes[0]] * len(operands)
    elif len(operands) != len(arity.shapes):
        message = f"{{operator}} takes {_exactly(len(arity.shapes))}, got {{given}}"
        return [Problem(("operands",), "operand_count", message, operands, context)]
    else:
        positions = list(arity.shapes)

    problems = [
        Problem(
            ("operands", index),
            "operand_type",
            "{operator} expects " + shape.description,
            value,
            {"operator": operator.value},
        )
        for index, (shape, value) in enumerate(zip(positions, operands, strict=True))
        if not shape.accepts(value)
    ]
    if not problems and operator is Operator.BETWEEN:
        problems = _between_problems(operands)
    return problems


def _between_problems(bounds: Sequence[OperandValue]) -> list[Problem]:
    lower, upper = bounds
    loc: Loc = ("operands", 1)
    if _is_number(lower) != _is_number(upper):
        return [
            Problem(
                loc,
                "operand_type",
                "between bounds must both be numbers or both be ISO dates",
                upper,
            )
        ]
    # Both numbers, or both ISO dates, which order correctly as strings.
    numbers = _is_number(lower)
    if float(lower) > float(upper) if numbers else str(lower) > str(upper):
        return [Problem(loc, "operand_order", "between takes the lower bound first", upper)]
    return []
