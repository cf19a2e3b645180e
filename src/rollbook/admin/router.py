"""Admin routes: the caller must hold Jira's ADMINISTER permission, asked of Jira every time."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import Field

from rollbook.connect.tenants import get_tenant
from rollbook.jira.client import JiraUnavailable
from rollbook.reports import transfer
from rollbook.reports.dependencies import DirectoryDep, ViewerDep
from rollbook.reports.exceptions import (
    GroupCheckUnavailable,
    NotJiraAdministrator,
    PurgeNotConfirmed,
)
from rollbook.reports.permissions import Viewer
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


def _require_jira_admin(viewer: Viewer, directory: DirectoryDep) -> None:
    try:
        allowed = directory.is_jira_admin(viewer.client_key, viewer.account_id)
    except JiraUnavailable as exc:
        raise GroupCheckUnavailable("Jira could not confirm that you are an administrator") from exc
    if not allowed:
        raise NotJiraAdministrator("only Jira administrators can do this")


@router.get("/export")
def export_all(
    database: DatabaseDep, viewer: ViewerDep, directory: DirectoryDep
) -> ReportExportFile:
    _require_jira_admin(viewer, directory)
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
    _require_jira_admin(viewer, directory)
    with database.session() as session:
        tenant = get_tenant(session, viewer.client_key)
        site_url = tenant.base_url if tenant else ""
        if request.confirm_site_url.rstrip("/") != site_url:
            raise PurgeNotConfirmed("type the site URL exactly to confirm permanent removal")
        removed = transfer.purge_tenant(session, viewer.client_key)
    http_request.app.state.rollbook.tenants.forget(viewer.client_key)
    log.warning("tenant purged by a Jira administrator", extra={"client_key": viewer.client_key})
    return PurgeResult(reports_removed=removed)
