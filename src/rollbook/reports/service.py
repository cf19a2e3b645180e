"""Report use cases. Every function takes the tenant explicitly: queries filter by it, and a
row read by primary key is checked against it, so one tenant can never reach another's rows
(privacy promise 3)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from rollbook.identity.access import can_view, is_administrator
from rollbook.identity.exceptions import GroupCheckUnavailable
from rollbook.identity.viewer import Viewer
from rollbook.reports.exceptions import (
    ReportForbidden,
    ReportNotFound,
    VersionConflict,
)
from rollbook.reports.models import Report
from rollbook.reports.reads import public_document
from rollbook.reports.schemas import (
    ReportBody,
    ReportCreate,
    ReportList,
    ReportPublic,
    ReportSummary,
    ReportUpdate,
)

MAX_PAGE = 100


def _now() -> datetime:
    return datetime.now(UTC)


def split_body(body: ReportBody | ReportCreate) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored parts of a definition: (definition without name and people, people)."""
    dumped = body.model_dump(mode="json")
    people = dumped.pop("people")
    dumped.pop("name")
    dumped.pop("version", None)
    return dumped, people


def to_public(row: Report, viewer: Viewer) -> ReportPublic:
    return ReportPublic.model_validate(public_document(row, viewer))


def to_summary(row: Report) -> ReportSummary:
    return ReportSummary(
        id=uuid.UUID(row.id),
        name=row.name,
        description=row.definition.get("description", ""),
        access=row.access,
        administrators=row.people["administrators"],
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        version=row.version,
    )


def _row(session: Session, client_key: str, report_id: str) -> Report:
    try:
        uuid.UUID(report_id)
    except ValueError as exc:
        raise ReportNotFound("no such report") from exc
    row = session.get(Report, report_id)
    # Another tenant's report is "not found": its existence is not revealed.
    if row is None or row.tenant_key != client_key:
        raise ReportNotFound("no such report")
    return row


def _live_row(session: Session, viewer: Viewer, report_id: str) -> Report:
    row = _row(session, viewer.tenant_key, report_id)
    if row.deleted_at is not None:
        raise ReportNotFound("this report is in the trash")
    return row


def viewable_row(session: Session, viewer: Viewer, report_id: str) -> Report:
    row = _live_row(session, viewer, report_id)
    if not can_view(row.access, row.people, viewer):
        raise ReportForbidden("you do not have permission to view this report")
    return row


def _administered_row(session: Session, viewer: Viewer, report_id: str) -> Report:
    row = _row(session, viewer.tenant_key, report_id)
    if not is_administrator(row.people, viewer):
        if row.deleted_at is None and can_view(row.access, row.people, viewer):
            raise ReportForbidden("only the report's administrators can change it")
        raise ReportForbidden("you do not have permission to view this report")
    return row


def insert_report(
    session: Session,
    *,
    client_key: str,
    body: ReportBody,
    created_by: str,
    report_id: str | None = None,
    created_at: datetime | None = None,
    updated_at: datetime | None = None,
    updated_by: str | None = None,
) -> Report:
    definition, people = split_body(body)
    access = people.pop("access")
    now = _now()
    row = Report(
        id=report_id or str(uuid.uuid4()),
        tenant_key=client_key,
        name=body.name,
        version=1,
        access=access,
        definition=definition,
        people=people,
        created_at=created_at or now,
        created_by=created_by,
        updated_at=updated_at or now,
        updated_by=updated_by or created_by,
    )
    session.add(row)
    session.flush()
    return row


def create_report(session: Session, *, viewer: Viewer, data: ReportCreate) -> ReportPublic:
    people = data.people.model_dump()
    if not people["administrators"]:
        people["administrators"] = [viewer.account_id]
    body = ReportBody.model_validate({**data.model_dump(), "people": people})
    row = insert_report(
        session, client_key=viewer.tenant_key, body=body, created_by=viewer.account_id
    )
    return to_public(row, viewer)


def list_reports(
    session: Session, *, viewer: Viewer, search: str = "", offset: int = 0, limit: int = 50
) -> tuple[ReportList, bool]:
    """Reports the viewer may see, newest first; the flag says some were left out because
    Jira could not confirm group memberships."""
    # Permissions need only each report's sharing; definitions are read for the page alone.
    query = select(Report.id, Report.access, Report.people).where(
        Report.tenant_key == viewer.tenant_key, Report.deleted_at.is_(None)
    )
    if search:
        query = query.where(func.lower(Report.name).contains(search.lower(), autoescape=True))
    visible: list[str] = []
    groups_unavailable = False
    for report_id, access, people in session.execute(
        query.order_by(Report.updated_at.desc(), Report.id)
    ):
        try:
            if can_view(access, people, viewer):
                visible.append(report_id)
        except GroupCheckUnavailable:
            groups_unavailable = True
    limit = max(1, min(limit, MAX_PAGE))
    page_ids = visible[offset : offset + limit]
    page_query = select(Report).where(
        Report.tenant_key == viewer.tenant_key, Report.id.in_(page_ids)
    )
    rows = {row.id: row for row in session.scalars(page_query)}
    return (
        ReportList(
            items=[to_summary(rows[report_id]) for report_id in page_ids],
            total=len(visible),
            offset=offset,
            limit=limit,
        ),
        groups_unavailable,
    )


def update_report(
    session: Session, *, viewer: Viewer, report_id: str, data: ReportUpdate, expected_version: int
) -> ReportPublic:
    row = _administered_row(session, viewer, report_id)
    if row.deleted_at is not None:
        raise ReportNotFound("this report is in the trash")
    if row.version != expected_version:
        raise VersionConflict(
            "someone else saved this report since you opened it",
            current_version=row.version,
            updated_by=row.updated_by,
            updated_at=row.updated_at.isoformat(),
        )
    definition, people = split_body(data)
    access = people.pop("access")
    # The version in the WHERE clause makes concurrent saves of the same version lose safely.
    result = session.execute(
        update(Report)
        .where(
            Report.id == row.id,
            Report.tenant_key == viewer.tenant_key,
            Report.version == expected_version,
        )
        .values(
            name=data.name,
            definition=definition,
            people=people,
            access=access,
            version=expected_version + 1,
            updated_at=_now(),
            updated_by=viewer.account_id,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(row)
        raise VersionConflict(
            "someone else saved this report since you opened it", current_version=row.version
        )
    session.refresh(row)
    return to_public(row, viewer)


def delete_report(session: Session, *, viewer: Viewer, report_id: str) -> None:
    row = _administered_row(session, viewer, report_id)
    if row.deleted_at is None:
        row.deleted_at = _now()
        row.deleted_by = viewer.account_id
        row.version += 1


def restore_report(session: Session, *, viewer: Viewer, report_id: str) -> ReportPublic:
    row = _administered_row(session, viewer, report_id)
    if row.deleted_at is not None:
        row.deleted_at = None
        row.deleted_by = None
        row.version += 1
        row.updated_at = _now()
        row.updated_by = viewer.account_id
    return to_public(row, viewer)


def list_trash(session: Session, *, viewer: Viewer) -> list[ReportPublic]:
    rows = session.scalars(
        select(Report)
        .where(Report.tenant_key == viewer.tenant_key, Report.deleted_at.is_not(None))
        .order_by(Report.deleted_at.desc())
    )
    return [to_public(r, viewer) for r in rows if is_administrator(r.people, viewer)]


def duplicate_report(session: Session, *, viewer: Viewer, report_id: str) -> ReportPublic:
    """A copy for the caller: administrators keep the sharing; viewers get a private copy."""
    source = viewable_row(session, viewer, report_id)
    people: dict[str, Any] = {"access": source.access, **source.people}
    if not is_administrator(source.people, viewer):
        people = {"access": "private", "administrators": [viewer.account_id]}
    body = ReportBody.model_validate(
        {**source.definition, "name": f"Copy of {source.name}"[:255], "people": people}
    )
    row = insert_report(
        session, client_key=viewer.tenant_key, body=body, created_by=viewer.account_id
    )
    return to_public(row, viewer)
