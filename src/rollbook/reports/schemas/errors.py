"""The API's error body, and turning validation errors into the 422 `invalid_report` body."""

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

INVALID_REPORT = "invalid_report"


class _ErrorModel(BaseModel):
    # Not a RollbookModel: error bodies echo locations of rejected input, NUL characters included.
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(_ErrorModel):
    loc: list[str | int] = Field(
        description='Path to the offending value, e.g. ["columns", 2, "field"].'
    )
    msg: str
    type: str = Field(description="Machine-readable error type, e.g. unknown_formula_field.")


class ErrorBody(_ErrorModel):
    error: str = Field(description="Error code, e.g. invalid_report.")
    detail: list[ErrorDetail] = Field(default_factory=list)


def invalid_report_body(
    errors: ValidationError | Iterable[Mapping[str, Any]], *, error: str = INVALID_REPORT
) -> ErrorBody:
    """The 422 body for a ValidationError or for FastAPI's `RequestValidationError.errors()`.

    Locations are kept as given (FastAPI's start with "body"); inputs and contexts are
    dropped so the body never echoes a large or secret input.
    """
    if isinstance(errors, ValidationError):
        errors = errors.errors(include_url=False, include_input=False, include_context=False)
    return ErrorBody(
        error=error,
        detail=[
            ErrorDetail(loc=list(item["loc"]), msg=str(item["msg"]), type=str(item["type"]))
            for item in errors
        ],
    )
