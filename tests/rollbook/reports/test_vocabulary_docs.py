"""Every closed vocabulary of the report model is documented in docs/report-model.md."""

import re
from enum import StrEnum
from pathlib import Path

import pytest

from rollbook.reports.schemas import enums

DOC = Path(__file__).resolve().parents[3] / "docs" / "report-model.md"
VOCABULARIES = [
    value
    for value in vars(enums).values()
    if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
]


@pytest.mark.parametrize(
    "member",
    [member for vocabulary in VOCABULARIES for member in vocabulary],
    ids=lambda member: f"{type(member).__name__}.{member.value}",
)
def test_member_is_documented(member: StrEnum) -> None:
    assert re.search(rf"`[^`]*\b{re.escape(member.value)}\b[^`]*`", DOC.read_text()), (
        f"{member.value} is missing from {DOC.name}"
    )
