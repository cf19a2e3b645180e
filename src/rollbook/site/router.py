"""Export files under /api: one report's export, the import of a file's reports and, for a
Jira administrator, the dashboard gadgets showing them; and the streamed answer of the site
export (its route, under /api/admin, checks the administrator first)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import ValidationError

from rollbook.core import audit
from rollbook.core.db import Database
from rollbook.core.sessions import DatabaseDep
from rollbook.forge.response_limit import FORGE_RESPONSE_LIMIT, is_forge_call
from rollbook.identity.access import require_jira_admin
from rollbook.identity.blocking import run_with_groups
from rollbook.identity.dependencies import ViewerDep
from rollbook.identity.viewer import Viewer
from rollbook.reports import service
from rollbook.reports.limits import ReportLimitsDep
from rollbook.site import export, transfer
from rollbook.site.openapi import inline_schema
from rollbook.site.schemas import ImportRequest, ImportResult, ReportExportFile
from rollbook.tenancy.presence import require_tenant_in

router = APIRouter(prefix="/api", tags=["reports"])

# The import's (method, path): the body limit middleware gives it the larger import limit.
IMPORT_ROUTE = ("POST", "/api/import")


@router.get("/reports/{report_id}/export")
async def export_report(
    report_id: str, database: DatabaseDep, viewer: ViewerDep
) -> ReportExportFile:
    def work() -> ReportExportFile:
        with database.session() as session:
            exported = export.export_file([service.viewable_row(session, viewer, report_id)])
            audit.record(
                session,
                "report.export",
                tenant_key=viewer.tenant_key,
                actor=viewer.account_id,
                report_id=report_id,
            )
            return exported

    return await run_with_groups(viewer, work)


async def _read_import_request(request: Request) -> ImportRequest:
    """The body, read only now that the caller is authenticated (the body limit middleware
    bounds it), and parsed by pydantic straight from the bytes: no intermediate dict tree."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
    try:
        return ImportRequest.model_validate_json(bytes(body))
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        # Located like FastAPI's own body errors: ["body", "file", "reports", 3, ...].
        raise RequestValidationError(
            [{**error, "loc": ("body", *error["loc"])} for error in errors]
        ) from exc


async def _may_keep_administrators(
    viewer: Viewer, request: ImportRequest, *, known_jira_admin: bool
) -> bool:
    """Whether the file keeps anyone but the importer as an administrator, and the importer is
    a Jira administrator (who alone may do that). Jira is asked only when it matters."""
    if request.options.people != "keep":
        return False
    mine = [viewer.account_id]
    if all(report.people.administrators == mine for report in request.file.reports):
        return False
    return known_jira_admin or await viewer.is_jira_admin()


@router.post(
    "/import",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(ImportRequest)}},
        }
    },
)
async def import_reports(
    http_request: Request, database: DatabaseDep, viewer: ViewerDep, limits: ReportLimitsDep
) -> ImportResult:
    # No body parameter: FastAPI would read and parse the body before authenticating, and an
    # import may be tens of megabytes. The dependencies above authenticate first.
    request = await _read_import_request(http_request)
    # Dashboard gadget settings are site-wide: only a Jira administrator restores them.
    has_gadgets = bool(request.file.dashboard_gadgets)
    if has_gadgets:
        await require_jira_admin(viewer)
    importer = transfer.Importer(
        account_id=viewer.account_id,
        may_keep_administrators=await _may_keep_administrators(
            viewer, request, known_jira_admin=has_gadgets
        ),
    )

    def work() -> list[str]:
        with database.session() as session:
            return transfer.import_reports(
                session,
                client_key=viewer.tenant_key,
                file=request.file,
                options=request.options,
                importer=importer,
                limits=limits,
            )

    return ImportResult(ids=await anyio.to_thread.run_sync(work))


async def site_export_response(request: Request, database: Database, tenant_key: str) -> Response:
    """The site export file, streamed page by page (any size, constant memory).

    Forge Remote drops an answer over 5 MB, and a stream declares no length for
    `ForgeResponseLimitMiddleware` to check, so for a Forge call the file is gathered up to that
    limit and answered with its length, or refused with the same 413 the middleware gives."""
    # Checked before the 200 starts: a tenant purged by another instance would otherwise get
    # an empty file (tenancy/presence.py).
    await anyio.to_thread.run_sync(require_tenant_in, database, tenant_key)
    chunks = export.export_site_chunks(database, tenant_key)
    if not is_forge_call(request.scope):
        return StreamingResponse(chunks, media_type="application/json")

    def gather() -> bytes | None:
        gathered = bytearray()
        for chunk in chunks:
            gathered += chunk.encode()
            if len(gathered) > FORGE_RESPONSE_LIMIT:
                return None
        return bytes(gathered)

    content = await anyio.to_thread.run_sync(gather)
    if content is None:
        body: dict[str, Any] = {
            "error": "response_too_large",
            "message": "The export is over Forge's 5 MB limit; use the rollbook CLI "
            "(rollbook export) for a site this large.",
        }
        return JSONResponse(body, status_code=413)
    return Response(content, media_type="application/json")
