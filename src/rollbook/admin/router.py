"""Admin routes: the caller must hold Jira's ADMINISTER permission, asked of Jira every time (on
the event loop, before the database work moves to a worker thread)."""

from __future__ import annotations

import logging

import anyio.to_thread
from fastapi import APIRouter, Request, Response

from rollbook.core import audit
from rollbook.core.sessions import DatabaseDep
from rollbook.core.state import app_state
from rollbook.identity.access import require_jira_admin
from rollbook.identity.dependencies import ViewerDep
from rollbook.site import transfer
from rollbook.site.exceptions import PurgeNotConfirmed
from rollbook.site.router import site_export_response
from rollbook.site.schemas import PurgeRequest, PurgeResult, ReportExportFile
from rollbook.tenancy.cache import TENANT_CACHE
from rollbook.tenancy.presence import TenantGone
from rollbook.tenancy.store import get_tenant

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/export", response_model=None, responses={200: {"model": ReportExportFile}})
async def export_all(http_request: Request, database: DatabaseDep, viewer: ViewerDep) -> Response:
    await require_jira_admin(viewer)
    # Streamed: a site of any size exports in the memory of one page of reports.
    audit.record(database, "site.export", tenant_key=viewer.tenant_key, actor=viewer.account_id)
    return await site_export_response(http_request, database, viewer.tenant_key)


@router.post("/purge")
async def purge(
    http_request: Request,
    request: PurgeRequest,
    database: DatabaseDep,
    viewer: ViewerDep,
) -> PurgeResult:
    await require_jira_admin(viewer)

    def work() -> int:
        with database.session() as session:
            tenant = get_tenant(session, viewer.tenant_key)
            if tenant is None:  # purged already, by another instance or the CLI
                raise TenantGone(viewer.tenant_key)
            site_url = tenant.base_url
            # A Forge tenant's site URL may still be unknown: nothing typed can confirm that.
            if not site_url or request.confirm_site_url.rstrip("/") != site_url:
                raise PurgeNotConfirmed("type the site URL exactly to confirm permanent removal")
            removed = transfer.purge_tenant(session, viewer.tenant_key)
            audit.record(
                session,
                "site.purge",
                tenant_key=viewer.tenant_key,
                actor=viewer.account_id,
                reports=removed,
            )
            return removed

    removed = await anyio.to_thread.run_sync(work)
    # Before the next request of this instance: it must not be served the purged row.
    app_state(http_request)[TENANT_CACHE].forget(viewer.tenant_key)
    log.warning("tenant purged by a Jira administrator", extra={"client_key": viewer.tenant_key})
    return PurgeResult(reports_removed=removed)
