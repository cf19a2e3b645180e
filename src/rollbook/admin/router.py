"""Admin routes: the caller must hold Jira's ADMINISTER permission, asked of Jira every time."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import Field

from rollbook.connect.tenants import get_tenant
from rollbook.reports import transfer
from rollbook.reports.dependencies import DirectoryDep, ViewerDep
from rollbook.reports.exceptions import PurgeNotConfirmed
from rollbook.reports.permissions import require_jira_admin
from rollbook.reports.schemas import ReportExportFile
from rollbook.reports.schemas.base import RollbookModel
from rollbook.sessions import DatabaseDep

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


class PurgeRequest(RollbookModel):
    confirm_site_url: str = Field(
        max_length=2048,
        description="The Jira site URL, typed by the administrator to confirm permanent removal.",
    )


class PurgeResult(RollbookModel):
    reports_removed: int


@router.get("/export")
def export_all(
    database: DatabaseDep, viewer: ViewerDep, directory: DirectoryDep
) -> ReportExportFile:
    require_jira_admin(viewer, directory)
    with database.session() as session:
        return transfer.export_tenant(session, viewer.client_key)


@router.post("/purge")
def purge(
    http_request: Request,
    request: PurgeRequest,
    database: DatabaseDep,
    viewer: ViewerDep,
    directory: DirectoryDep,
) -> PurgeResult:
    require_jira_admin(viewer, directory)
    with database.session() as session:
        tenant = get_tenant(session, viewer.client_key)
        site_url = tenant.base_url if tenant else ""
        if request.confirm_site_url.rstrip("/") != site_url:
            raise PurgeNotConfirmed("type the site URL exactly to confirm permanent removal")
        removed = transfer.purge_tenant(session, viewer.client_key)
    http_request.app.state.rollbook.tenants.forget(viewer.client_key)
    log.warning("tenant purged by a Jira administrator", extra={"client_key": viewer.client_key})
    return PurgeResult(reports_removed=removed)
