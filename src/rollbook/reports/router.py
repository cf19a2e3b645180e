"""The report API under /api: authenticated by either host, tenant-scoped, permission-checked in
the service."""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Response

from rollbook.core.sessions import DatabaseDep
from rollbook.identity.access import view_without_groups
from rollbook.identity.dependencies import ViewerDep
from rollbook.reports import reads, service
from rollbook.reports.exceptions import ReportError
from rollbook.reports.schemas import (
    ReportCreate,
    ReportList,
    ReportPublic,
    ReportUpdate,
    TrashList,
)

router = APIRouter(prefix="/api", tags=["reports"])


class VersionRequired(ReportError):
    status_code = 428
    code = "version_required"


def _etag(report: ReportPublic) -> dict[str, str]:
    return {"ETag": f'"{report.version}"'}


def _if_match_version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    value = if_match.strip().removeprefix("W/").strip('"')
    try:
        return int(value)
    except ValueError as exc:
        raise VersionRequired('If-Match must carry the report version, e.g. "3"') from exc


@router.get("/reports")
def list_reports(
    database: DatabaseDep,
    viewer: ViewerDep,
    response: Response,
    search: Annotated[str, Query(max_length=255, pattern=r"^[^\x00]*$")] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 50,
) -> ReportList:
    with database.session() as session:
        page, groups_unavailable = service.list_reports(
            session, viewer=viewer, search=search, offset=offset, limit=limit
        )
    if groups_unavailable:
        response.headers["Rollbook-Warning"] = (
            "some reports shared with groups are hidden: Jira could not confirm group membership"
        )
    return page


@router.post("/reports", status_code=201)
def create_report(
    data: ReportCreate, database: DatabaseDep, viewer: ViewerDep, response: Response
) -> ReportPublic:
    with database.session() as session:
        report = service.create_report(session, viewer=viewer, data=data)
    response.headers.update(_etag(report))
    return report


@router.get("/reports/{report_id}", response_model=ReportPublic)
async def get_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> Response:
    # The hottest route runs on the event loop: one primary-key read is cheaper than the hop to a
    # worker thread and back. Only a Jira group look-up, which waits on the network, is moved to
    # a thread, and only when the report's sharing makes groups decide the answer.
    row = reads.read_live_report(database, viewer=viewer, report_id=report_id)
    if view_without_groups(row.access, row.people, viewer) is None:
        await anyio.to_thread.run_sync(viewer.groups)
    content = reads.report_json(row, viewer)
    return Response(content, media_type="application/json", headers={"ETag": f'"{row.version}"'})


@router.put("/reports/{report_id}")
def update_report(
    report_id: str,
    data: ReportUpdate,
    database: DatabaseDep,
    viewer: ViewerDep,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> ReportPublic:
    header_version = _if_match_version(if_match)
    expected = header_version if header_version is not None else data.version
    if expected is None:
        raise VersionRequired("send the version you edited (body `version` or If-Match)")
    try:
        with database.session() as session:
            report = service.update_report(
                session, viewer=viewer, report_id=report_id, data=data, expected_version=expected
            )
    except ReportError as error:
        # A stale If-Match is a failed precondition (412); a stale body version a conflict (409).
        if error.code == "version_conflict" and header_version is not None:
            error.status_code = 412
        raise
    response.headers.update(_etag(report))
    return report


@router.delete("/reports/{report_id}", status_code=204)
def delete_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> Response:
    with database.session() as session:
        service.delete_report(session, viewer=viewer, report_id=report_id)
    return Response(status_code=204)


@router.get("/trash")
def list_trash(database: DatabaseDep, viewer: ViewerDep) -> TrashList:
    with database.session() as session:
        return TrashList(items=service.list_trash(session, viewer=viewer))


@router.post("/reports/{report_id}/restore")
def restore_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> ReportPublic:
    with database.session() as session:
        return service.restore_report(session, viewer=viewer, report_id=report_id)


@router.post("/reports/{report_id}/duplicate", status_code=201)
def duplicate_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> ReportPublic:
    with database.session() as session:
        return service.duplicate_report(session, viewer=viewer, report_id=report_id)
