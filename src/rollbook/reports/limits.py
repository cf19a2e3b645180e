"""The size limits of one site's reports (docs/limits.md#request-and-data-limits): how many live
reports a site may hold, and how large one stored definition may be. Checked by every write
that adds a live report or stores a definition: create, update, duplicate, restore, import."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from pydantic import BaseModel

from rollbook.core.errors import ApiError
from rollbook.core.settings import Settings
from rollbook.core.state import app_state
from rollbook.reports.schemas import INVALID_REPORT
from rollbook.reports.store import ReportStore


class ReportLimitReached(ApiError):
    """The site holds as many live reports as it may: a conflict with the site's state, not a
    fault of the request (the same body succeeds once a report is deleted)."""

    status_code = 409
    code = "report_limit_reached"


class DefinitionTooLarge(ApiError):
    """Answered in the shape of any other invalid report (422 `invalid_report` with a `detail`
    locating the field), so clients need no new case."""

    status_code = 422
    code = INVALID_REPORT


@dataclass(frozen=True)
class ReportLimits:
    max_reports_per_site: int
    max_definition_bytes: int

    @classmethod
    def of(cls, settings: Settings) -> ReportLimits:
        return cls(
            max_reports_per_site=settings.max_reports_per_site,
            max_definition_bytes=settings.max_definition_bytes,
        )


def report_limits(request: Request) -> ReportLimits:
    return ReportLimits.of(app_state(request).settings)


ReportLimitsDep = Annotated[ReportLimits, Depends(report_limits)]


def check_room(store: ReportStore, limits: ReportLimits, *, adding: int = 1) -> None:
    """Refuse to add `adding` live reports to a site that would then hold more than its cap.
    Two writers racing at the cap can each pass; the cap is a bound on growth, not an exact
    count (one request adds at most one report, or one import file)."""
    live = store.count_live()
    if live + adding > limits.max_reports_per_site:
        raise ReportLimitReached(
            f"this site may hold at most {limits.max_reports_per_site} reports (it holds "
            f"{live}); delete reports, or ask the operator to raise ROLLBOOK_MAX_REPORTS_PER_SITE",
            limit=limits.max_reports_per_site,
            live_reports=live,
        )


def _json_bytes(value: Any) -> int:
    # Compact UTF-8 JSON: what the database stores for the JSON columns, within a few bytes.
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode())


def check_definition_size(
    body: BaseModel | Mapping[str, Any],
    limits: ReportLimits,
    *,
    loc: Sequence[str | int] = ("body",),
) -> None:
    """Refuse a definition (name, people and rules, as a model or already dumped to JSON
    values) whose stored JSON is over the limit, naming its largest part, the one to shrink."""
    parts = (
        body.model_dump(mode="json", exclude={"version"}) if isinstance(body, BaseModel) else body
    )
    size = _json_bytes(parts)
    if size <= limits.max_definition_bytes:
        return
    largest = max(parts, key=lambda key: _json_bytes(parts[key]))
    message = (
        f"the report definition takes {size} bytes; the limit is "
        f"{limits.max_definition_bytes} bytes (the largest part is {largest})"
    )
    raise DefinitionTooLarge(
        message,
        detail=[{"loc": [*loc, largest], "msg": message, "type": "definition_too_large"}],
        limit=limits.max_definition_bytes,
    )
