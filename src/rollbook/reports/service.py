"""Report use cases. Every function takes the viewer (or the tenant) and reaches the table only
through a `ReportStore` bound to that tenant, so one tenant can never reach another's rows
(privacy promise 3)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.orm import Session

from rollbook.core import audit
from rollbook.identity.access import can_view, is_administrator
from rollbook.identity.exceptions import GroupCheckUnavailable
from rollbook.identity.viewer import Viewer
from rollbook.reports.exceptions import (
    ReportForbidden,
    ReportNotFound,
    ReportNotInTrash,
    VersionConflict,
)
from rollbook.reports.limits import ReportLimits, check_definition_size, check_room
from rollbook.reports.reads import public_document
from rollbook.reports.schemas import (
    ReportBody,
    ReportCreate,
    ReportList,
    ReportPublic,
    ReportSummary,
    ReportUpdate,
)
from rollbook.reports.store import Report, ReportStore

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


def to_summary(row: Row[Any]) -> ReportSummary:
    """A report as the list shows it, from a row of `ReportStore.visible_page`."""
    return ReportSummary(
        id=uuid.UUID(row.id),
        name=row.name,
        description=row.description or "",
        access=row.access,
        administrators=row.people["administrators"],
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        version=row.version,
        imported_at=row.imported_at,
        imported_from=row.imported_from,
    )


def _row(store: ReportStore, report_id: str) -> Report:
    row = store.get(report_id)
    # Another tenant's report is not in this tenant's store: "not found", like a free id.
    if row is None:
        raise ReportNotFound("no such report")
    return row


def _live_row(session: Session, viewer: Viewer, report_id: str) -> Report:
    row = _row(ReportStore(session, viewer.tenant_key), report_id)
    if row.deleted_at is not None:
        raise ReportNotFound("this report is in the trash")
    return row


def viewable_row(session: Session, viewer: Viewer, report_id: str) -> Report:
    row = _live_row(session, viewer, report_id)
    if not can_view(row.access, row.people, viewer):
        raise ReportForbidden("you do not have permission to view this report")
    return row


def _administered_row(store: ReportStore, viewer: Viewer, report_id: str) -> Report:
    row = _row(store, report_id)
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
    return ReportStore(session, client_key).add(
        report_id=report_id or str(uuid.uuid4()),
        name=body.name,
        access=access,
        definition=definition,
        people=people,
        created_at=created_at or now,
        created_by=created_by,
        updated_at=updated_at or now,
        updated_by=updated_by or created_by,
    )


def create_report(
    session: Session, *, viewer: Viewer, data: ReportCreate, limits: ReportLimits
) -> ReportPublic:
    people = data.people.model_dump()
    if not people["administrators"]:
        people["administrators"] = [viewer.account_id]
    body = ReportBody.model_validate({**data.model_dump(), "people": people})
    check_definition_size(body, limits)
    check_room(ReportStore(session, viewer.tenant_key), limits)
    row = insert_report(
        session, client_key=viewer.tenant_key, body=body, created_by=viewer.account_id
    )
    _audit(session, "report.create", viewer, row.id)
    return to_public(row, viewer)


def _audit(session: Session, action: str, viewer: Viewer, report_id: str, **ids: str) -> None:
    """One audit line for a change the viewer made to one report (after the commit)."""
    audit.record(
        session,
        action,
        tenant_key=viewer.tenant_key,
        actor=viewer.account_id,
        report_id=report_id,
        **ids,
    )


def list_reports(
    session: Session,
    *,
    viewer: Viewer,
    search: str = "",
    project: str = "",
    offset: int = 0,
    limit: int = 50,
) -> tuple[ReportList, bool]:
    """Reports the viewer may see (given a `project`, only those tagged with it), newest
    first (ties by id); the flag says some were left out because Jira could not confirm group
    memberships.

    The store filters in SQL over `report_grants`, so a page costs O(page), not O(reports).
    The viewer's groups are passed in only when some live report matching the search is shared
    with groups and not otherwise open to them; `viewer.groups()` then raises
    `GroupsNotResolved` until the caller has asked Jira on the event loop
    (identity/blocking.py), and `GroupCheckUnavailable` if Jira could not say: those reports
    are left out and the flag is set."""
    store = ReportStore(session, viewer.tenant_key)
    groups: frozenset[str] = frozenset()
    groups_unavailable = False
    if store.hidden_without_groups(account_id=viewer.account_id, search=search):
        try:
            groups = viewer.groups()
        except GroupCheckUnavailable:
            groups_unavailable = True
    limit = max(1, min(limit, MAX_PAGE))
    page = store.visible_page(
        account_id=viewer.account_id,
        groups=groups,
        search=search,
        project=project,
        offset=offset,
        limit=limit,
    )
    return (
        ReportList(
            items=[to_summary(row) for row in page.rows],
            total=page.total,
            offset=offset,
            limit=limit,
        ),
        groups_unavailable,
    )


def update_report(
    session: Session,
    *,
    viewer: Viewer,
    report_id: str,
    data: ReportUpdate,
    expected_version: int,
    limits: ReportLimits,
) -> ReportPublic:
    check_definition_size(data, limits)
    store = ReportStore(session, viewer.tenant_key)
    row = _administered_row(store, viewer, report_id)
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
    saved = store.save_if_version(
        row,
        expected_version=expected_version,
        name=data.name,
        definition=definition,
        people=people,
        access=access,
        updated_at=_now(),
        updated_by=viewer.account_id,
    )
    if not saved:
        raise VersionConflict(
            "someone else saved this report since you opened it", current_version=row.version
        )
    _audit(session, "report.update", viewer, row.id)
    return to_public(row, viewer)


def delete_report(session: Session, *, viewer: Viewer, report_id: str) -> None:
    store = ReportStore(session, viewer.tenant_key)
    row = _administered_row(store, viewer, report_id)
    if row.deleted_at is None:
        store.move_to_trash(row, at=_now(), by=viewer.account_id)
        _audit(session, "report.delete", viewer, row.id)


def restore_report(
    session: Session, *, viewer: Viewer, report_id: str, limits: ReportLimits
) -> ReportPublic:
    store = ReportStore(session, viewer.tenant_key)
    row = _administered_row(store, viewer, report_id)
    if row.deleted_at is not None:
        check_room(store, limits)
        store.take_out_of_trash(row, at=_now(), by=viewer.account_id)
        _audit(session, "report.restore", viewer, row.id)
    return to_public(row, viewer)


def delete_report_forever(session: Session, *, viewer: Viewer, report_id: str) -> None:
    """Remove a report in the trash for good; only its administrators may (as for delete).
    A live report must go to the trash first, so one click cannot lose a report in use."""
    store = ReportStore(session, viewer.tenant_key)
    row = _administered_row(store, viewer, report_id)
    if row.deleted_at is None:
        raise ReportNotInTrash("move the report to the trash before deleting it forever")
    store.delete_forever(row)
    _audit(session, "report.delete_forever", viewer, report_id)


def list_trash(session: Session, *, viewer: Viewer) -> list[ReportPublic]:
    rows = ReportStore(session, viewer.tenant_key).trash()
    return [to_public(r, viewer) for r in rows if is_administrator(r.people, viewer)]


def duplicate_report(
    session: Session, *, viewer: Viewer, report_id: str, limits: ReportLimits
) -> ReportPublic:
    """A copy for the caller: administrators keep the sharing; viewers get a private copy."""
    source = viewable_row(session, viewer, report_id)
    people: dict[str, Any] = {"access": source.access, **source.people}
    if not is_administrator(source.people, viewer):
        people = {"access": "private", "administrators": [viewer.account_id]}
    body = ReportBody.model_validate(
        {**source.definition, "name": f"Copy of {source.name}"[:255], "people": people}
    )
    # A copy of a report stored before the size limit (or under a larger one) may be too large.
    check_definition_size(body, limits)
    check_room(ReportStore(session, viewer.tenant_key), limits)
    row = insert_report(
        session, client_key=viewer.tenant_key, body=body, created_by=viewer.account_id
    )
    _audit(session, "report.duplicate", viewer, row.id, source_report_id=source.id)
    return to_public(row, viewer)
