"""Errors of the site-wide operations."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class PurgeNotConfirmed(ApiError):
    status_code = 422
    code = "purge_not_confirmed"
