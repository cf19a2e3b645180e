"""The report API under /api: authenticated by either host, tenant-scoped, permission-checked in
the service.

Routes whose answer may depend on the caller's Jira groups are `async`: Jira is asked on the
event loop and the database work runs on a worker thread (`run_with_groups`), so no worker
thread waits on a tenant's Jira."""

from __future__ import annotations

import contextlib
from typing import Annotated

import anyio.to_thread
from fastapi import APIRouter, Header, Query, Response

from rollbook.core.sessions import DatabaseDep
from rollbook.identity.access import view_without_groups
from rollbook.identity.blocking import run_with_groups
from rollbook.identity.dependencies import ViewerDep
from rollbook.identity.exceptions import GroupCheckUnavailable, GroupsNotResolved
from rollbook.reports import reads, service
from rollbook.reports.exceptions import ReportError
from rollbook.reports.limits import ReportLimitsDep
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


@router.get("/reports", response_model=ReportList)
async def list_reports(
    database: DatabaseDep,
    viewer: ViewerDep,
    search: Annotated[str, Query(max_length=255, pattern=r"^[^\x00]*$")] = "",
    project: Annotated[
        str,
        Query(
            max_length=255,
            pattern=r"^([A-Z][A-Z0-9_]*)?$",
            description="A project key: only the reports tagged with it (the project page).",
        ),
    ] = "",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=service.MAX_PAGE)] = 50,
) -> Response:
    def work() -> tuple[ReportList, bool]:
        with database.session() as session:
            return service.list_reports(
                session,
                viewer=viewer,
                search=search,
                project=project,
                offset=offset,
                limit=limit,
            )

    # The list filters in SQL; Jira is asked for the caller's groups (on the event loop) only
    # when a report matching the search is shared with groups and not otherwise open to them.
    # If Jira cannot say, those reports are left out and the header says so.
    viewer.use_cached_groups()
    try:
        page, groups_unavailable = await anyio.to_thread.run_sync(work)
    except GroupsNotResolved:
        with contextlib.suppress(GroupCheckUnavailable):
            await viewer.resolve_groups()
        page, groups_unavailable = await anyio.to_thread.run_sync(work)
    # Serialized once, from the models the service validated: returned as a model, the page
    # would be dumped, validated against `response_model` and encoded again.
    response = Response(page.model_dump_json(), media_type="application/json")
    if groups_unavailable:
        response.headers["Rollbook-Warning"] = (
            "some reports shared with groups are hidden: Jira could not confirm group membership"
        )
    return response


@router.post("/reports", status_code=201)
def create_report(
    data: ReportCreate,
    database: DatabaseDep,
    viewer: ViewerDep,
    response: Response,
    limits: ReportLimitsDep,
) -> ReportPublic:
    with database.session() as session:
        report = service.create_report(session, viewer=viewer, data=data, limits=limits)
    response.headers.update(_etag(report))
    return report


@router.get("/reports/{report_id}", response_model=ReportPublic)
async def get_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> Response:
    # The hottest route runs on the event loop: one primary-key read is cheaper than the hop to a
    # worker thread and back. Jira is asked (awaited, holding no thread) only when the report's
    # sharing makes groups decide the answer.
    row = reads.read_live_report(database, viewer=viewer, report_id=report_id)
    if view_without_groups(row.access, row.people, viewer) is None:
        await viewer.resolve_groups()
    content = reads.report_json(row, viewer)
    return Response(content, media_type="application/json", headers={"ETag": f'"{row.version}"'})


@router.put("/reports/{report_id}")
async def update_report(
    report_id: str,
    data: ReportUpdate,
    database: DatabaseDep,
    viewer: ViewerDep,
    response: Response,
    limits: ReportLimitsDep,
    if_match: Annotated[str | None, Header()] = None,
) -> ReportPublic:
    header_version = _if_match_version(if_match)
    expected = header_version if header_version is not None else data.version
    if expected is None:
        raise VersionRequired("send the version you edited (body `version` or If-Match)")

    def work() -> ReportPublic:
        with database.session() as session:
            return service.update_report(
                session,
                viewer=viewer,
                report_id=report_id,
                data=data,
                expected_version=expected,
                limits=limits,
            )

    try:
        report = await run_with_groups(viewer, work)
    except ReportError as error:
        # A stale If-Match is a failed precondition (412); a stale body version a conflict (409).
        if error.code == "version_conflict" and header_version is not None:
            error.status_code = 412
        raise
    response.headers.update(_etag(report))
    return report


@router.delete("/reports/{report_id}", status_code=204)
async def delete_report(report_id: str, database: DatabaseDep, viewer: ViewerDep) -> Response:
    def work() -> None:
        with database.session() as session:
            service.delete_report(session, viewer=viewer, report_id=report_id)

    await run_with_groups(viewer, work)
    return Response(status_code=204)


@router.get("/trash")
def list_trash(database: DatabaseDep, viewer: ViewerDep) -> TrashList:
    with database.session() as session:
        return TrashList(items=service.list_trash(session, viewer=viewer))


@router.delete("/trash/{report_id}", status_code=204)
async def delete_report_forever(
    report_id: str, database: DatabaseDep, viewer: ViewerDep
) -> Response:
    def work() -> None:
        with database.session() as session:
            service.delete_report_forever(session, viewer=viewer, report_id=report_id)

    await run_with_groups(viewer, work)
    return Response(status_code=204)


@router.post("/reports/{report_id}/restore")
async def restore_report(
    report_id: str, database: DatabaseDep, viewer: ViewerDep, limits: ReportLimitsDep
) -> ReportPublic:
    def work() -> ReportPublic:
        with database.session() as session:
            return service.restore_report(
                session, viewer=viewer, report_id=report_id, limits=limits
            )

    return await run_with_groups(viewer, work)


@router.post("/reports/{report_id}/duplicate", status_code=201)
async def duplicate_report(
    report_id: str, database: DatabaseDep, viewer: ViewerDep, limits: ReportLimitsDep
) -> ReportPublic:
    def work() -> ReportPublic:
        with database.session() as session:
            return service.duplicate_report(
                session, viewer=viewer, report_id=report_id, limits=limits
            )

    return await run_with_groups(viewer, work)
