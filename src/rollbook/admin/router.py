"""Admin routes: the caller must hold Jira's ADMINISTER permission, asked of Jira every time."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from rollbook.core.sessions import DatabaseDep
from rollbook.core.state import app_state
from rollbook.identity.access import require_jira_admin
from rollbook.identity.dependencies import ViewerDep
from rollbook.site import transfer
from rollbook.site.exceptions import PurgeNotConfirmed
from rollbook.site.schemas import PurgeRequest, PurgeResult, ReportExportFile
from rollbook.tenancy.cache import TENANT_CACHE
from rollbook.tenancy.store import get_tenant

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


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
    app_state(http_request)[TENANT_CACHE].forget(viewer.tenant_key)
    log.warning("tenant purged by a Jira administrator", extra={"client_key": viewer.tenant_key})
    return PurgeResult(reports_removed=removed)
