"""Export files under /api: one report's export, and the import of a file's reports and, for a
Jira administrator, the dashboard gadgets showing them."""

from __future__ import annotations

from fastapi import APIRouter

from rollbook.core.sessions import DatabaseDep
from rollbook.identity.access import require_jira_admin
from rollbook.identity.dependencies import ViewerDep
from rollbook.reports import service
from rollbook.site import export, transfer
from rollbook.site.schemas import ImportRequest, ImportResult, ReportExportFile

router = APIRouter(prefix="/api", tags=["reports"])


@router.get("/reports/{report_id}/export")
def export_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> ReportExportFile:
    with database.session() as session:
        return export.export_file([service.viewable_row(session, viewer, report_id)])


@router.post("/import", status_code=201)
def import_reports(
    request: ImportRequest, database: DatabaseDep, viewer: ViewerDep
) -> ImportResult:
    # Dashboard gadget settings are site-wide: only a Jira administrator restores them.
    if request.file.dashboard_gadgets:
        require_jira_admin(viewer)
    with database.session() as session:
        ids = transfer.import_reports(
            session,
            client_key=viewer.tenant_key,
            file=request.file,
            options=request.options,
            importer=viewer.account_id,
        )
    return ImportResult(ids=ids)
