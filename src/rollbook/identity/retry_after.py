"""The answer to `GroupCheckUnavailable`: the JSON error body every `ApiError` gets
(rollbook.error_handlers.api_error), plus `Retry-After` when Jira's answer or our own limits
say when asking again may help (registered by create_app)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from rollbook.identity.exceptions import GroupCheckUnavailable


async def group_check_unavailable(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GroupCheckUnavailable)
    return JSONResponse(
        {"error": exc.code, "message": exc.message, **exc.extra},
        status_code=exc.status_code,
        headers={"Retry-After": str(exc.retry_after)} if exc.retry_after else None,
    )
