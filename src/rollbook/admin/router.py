"""Admin routes: the caller must hold Jira's ADMINISTER permission, asked of Jira every time."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import Field

from rollbook.identity.access import require_jira_admin
from rollbook.identity.dependencies import ViewerDep
from rollbook.reports import transfer
from rollbook.reports.exceptions import PurgeNotConfirmed
from rollbook.reports.schemas import ReportExportFile
from rollbook.reports.schemas.base import RollbookModel
from rollbook.sessions import DatabaseDep
from rollbook.state import app_state
from rollbook.tenancy.store import get_tenant

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
def export_all(database: DatabaseDep, viewer: ViewerDep) -> ReportExportFile:
    require_jira_admin(viewer)
    with database.session() as session:
        return transfer.export_tenant(session, viewer.tenant_key)


@router.post("/purge")
def purge(
    http_request: Request,
    request: PurgeRequest,
    database: DatabaseDep,
    viewer: ViewerDep,
) -> PurgeResult:
    require_jira_admin(viewer)
    with database.session() as session:
        tenant = get_tenant(session, viewer.tenant_key)
        site_url = tenant.base_url if tenant else ""
        # A Forge tenant's site URL may still be unknown: nothing typed can confirm that.
        if not site_url or request.confirm_site_url.rstrip("/") != site_url:
            raise PurgeNotConfirmed("type the site URL exactly to confirm permanent removal")
        removed = transfer.purge_tenant(session, viewer.tenant_key)
    # Before the next request of this instance: it must not be served the purged row.
    app_state(http_request).tenants.forget(viewer.tenant_key)
    log.warning("tenant purged by a Jira administrator", extra={"client_key": viewer.tenant_key})
    return PurgeResult(reports_removed=removed)
