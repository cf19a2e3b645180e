"""The request and answer models of the site-wide admin routes (purge)."""

from __future__ import annotations

from pydantic import Field

from rollbook.reports.schemas.base import RollbookModel


class PurgeRequest(RollbookModel):
    confirm_site_url: str = Field(
        max_length=2048,
        description="The Jira site URL, typed by the administrator to confirm permanent removal.",
    )


class PurgeResult(RollbookModel):
    reports_removed: int
