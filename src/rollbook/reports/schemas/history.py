"""A report's history settings: where cycle time starts and ends, and the working-time calendar
its history durations are read in (docs/report-model.md, "History settings"; the exact meaning
is docs/engine.md#history-fields).

Absent or null settings mean the defaults: cycle time from the In Progress category to the Done
category, in calendar time.
"""

import re
import zoneinfo
from functools import cache
from typing import Self

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from rollbook.reports.schemas.base import Problem, RollbookModel, raise_problems
from rollbook.reports.schemas.enums import HistoryPointKind
from rollbook.reports.schemas.vocabulary import STATUS_CATEGORY_KEYS, STATUS_ID_PATTERN

ISO_WEEKDAYS = range(1, 8)  # 1 = Monday … 7 = Sunday


class HistoryPoint(RollbookModel):
    """One end of cycle time: entering this status, or this status category."""

    kind: HistoryPointKind
    id: str = Field(
        max_length=64,
        description="A Jira status id (digits) for kind status; new, indeterminate or done "
        "for kind category.",
    )

    @model_validator(mode="after")
    def _id_fits_kind(self) -> Self:
        if self.kind is HistoryPointKind.STATUS:
            fits = re.fullmatch(STATUS_ID_PATTERN, self.id) is not None
            wanted = "a Jira status id (digits)"
        else:
            fits = self.id in STATUS_CATEGORY_KEYS
            wanted = f"one of {', '.join(STATUS_CATEGORY_KEYS)}"
        if not fits:
            raise_problems(
                "HistoryPoint",
                [
                    Problem(
                        ("id",),
                        f"invalid_{self.kind.value}_id",
                        "{value} is not a valid {kind} id: must be {wanted}",
                        self.id,
                        {"value": repr(self.id), "kind": self.kind.value, "wanted": wanted},
                    )
                ],
            )
        return self


# Files of the system's zoneinfo directory that are not IANA zones; browsers refuse them.
_NOT_ZONES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def _time_zones() -> frozenset[str]:
    # Names from the zone list rather than `ZoneInfo(name)`, which opens any file under the
    # zoneinfo path; the engine reads the zone with the browser's Intl, which knows IANA names.
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


class WorkingTime(RollbookModel):
    """A working-time calendar: working weekdays and hours in one IANA time zone, no holidays."""

    weekdays: list[int] = Field(
        min_length=1,
        max_length=7,
        description="ISO weekdays, 1 = Monday … 7 = Sunday, each at most once.",
    )
    start_hour: int = Field(ge=0, le=23, description="Local hour the working day starts.")
    end_hour: int = Field(
        ge=1, le=24, description="Local hour it ends, after start_hour; 24 is midnight."
    )
    time_zone: str = Field(
        min_length=1, max_length=64, description="An IANA time zone, e.g. `Europe/Berlin`."
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value not in _time_zones():
            raise PydanticCustomError(
                "unknown_time_zone",
                "{value} is not an IANA time zone such as Europe/Berlin",
                {"value": repr(value)},
            )
        return value

    @model_validator(mode="after")
    def _days_and_hours(self) -> Self:
        problems = []
        seen: set[int] = set()
        for index, day in enumerate(self.weekdays):
            if day not in ISO_WEEKDAYS:
                problems.append(
                    Problem(
                        ("weekdays", index),
                        "weekday_out_of_range",
                        "{day} is not an ISO weekday (1 = Monday … 7 = Sunday)",
                        day,
                        {"day": day},
                    )
                )
            elif day in seen:
                problems.append(
                    Problem(
                        ("weekdays", index),
                        "duplicate_weekday",
                        "weekday {day} is listed twice",
                        day,
                        {"day": day},
                    )
                )
            seen.add(day)
        if self.start_hour >= self.end_hour:
            problems.append(
                Problem(
                    ("end_hour",),
                    "end_hour_not_after_start",
                    "end_hour {end} must be after start_hour {start}",
                    self.end_hour,
                    {"end": self.end_hour, "start": self.start_hour},
                )
            )
        raise_problems("WorkingTime", problems)
        return self


def _default_cycle_start() -> HistoryPoint:
    return HistoryPoint(kind=HistoryPointKind.CATEGORY, id="indeterminate")


def _default_cycle_end() -> HistoryPoint:
    return HistoryPoint(kind=HistoryPointKind.CATEGORY, id="done")


class HistorySettings(RollbookModel):
    """How the report's history fields are computed."""

    cycle_start: HistoryPoint = Field(
        default_factory=_default_cycle_start,
        description="Cycle time starts at the first entry into this. Default: the In Progress "
        "category.",
    )
    cycle_end: HistoryPoint = Field(
        default_factory=_default_cycle_end,
        description="Cycle time ends at the last entry into this. Default: the Done category.",
    )
    working_time: WorkingTime | None = Field(
        default=None,
        description="null: calendar time. Set: every history duration of the report counts "
        "working time only.",
    )
