"""The hot read path, `GET /api/reports/{id}`: one Core query by primary key (the store's
`read_report`) and the response JSON built straight from the stored row.

The stored definition was validated when it was written, so it is not validated again here
(that cost more than the rest of the request); `test_fast_read_path_matches_the_validated_model`
checks that the output equals what `ReportPublic` would produce."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import orjson

from rollbook.core.db import Database
from rollbook.identity.access import can_view, is_administrator
from rollbook.identity.viewer import Viewer
from rollbook.reports.exceptions import ReportForbidden, ReportNotFound
from rollbook.reports.schemas.views import default_views
from rollbook.reports.store import read_report
from rollbook.tenancy.presence import require_tenant_in

DEFAULT_VIEWS = [view.model_dump(mode="json") for view in default_views()]


class StoredReport(Protocol):
    """A reports row: an ORM `Report` or a Core row have the same attributes."""

    @property
    def id(self) -> str: ...
    @property
    def tenant_key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def access(self) -> str: ...
    @property
    def definition(self) -> dict[str, Any]: ...
    @property
    def people(self) -> dict[str, Any]: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def created_by(self) -> str: ...
    @property
    def updated_at(self) -> datetime: ...
    @property
    def updated_by(self) -> str: ...
    @property
    def deleted_at(self) -> datetime | None: ...


def read_live_report(database: Database, *, viewer: Viewer, report_id: str) -> StoredReport:
    row: StoredReport | None = read_report(
        database, tenant_key=viewer.tenant_key, report_id=report_id
    )
    # Another tenant's report is not found, like a free id: its existence is not revealed.
    if row is None:
        # Only a miss asks whether the tenant is still there (a purge on another instance): a
        # found row implies its tenant through the foreign key, so the hot path pays nothing.
        require_tenant_in(database, viewer.tenant_key)
        raise ReportNotFound("no such report")
    if row.deleted_at is not None:
        raise ReportNotFound("this report is in the trash")
    return row


def public_document(row: StoredReport, viewer: Viewer) -> dict[str, Any]:
    """The `ReportPublic` fields of a stored report, as plain values."""
    return {
        # Stored before project tags existed: none (the validated model's default).
        "projects": [],
        # Migration 0008 gave every stored report views, but during a rolling upgrade an instance
        # of the release before may still write one without: it shows its table alone.
        "views": DEFAULT_VIEWS,
        # Stored before history settings existed (or by the release before): the defaults.
        "history": None,
        **row.definition,
        "name": row.name,
        "people": {"access": row.access, **row.people},
        "id": row.id,
        "version": row.version,
        "created_at": row.created_at,
        "created_by": row.created_by,
        "updated_at": row.updated_at,
        "updated_by": row.updated_by,
        "deleted_at": row.deleted_at,
        "permissions": {"can_edit": is_administrator(row.people, viewer)},
    }


def report_json(row: StoredReport, viewer: Viewer) -> bytes:
    """`ReportPublic` as JSON for a viewer allowed to see the report."""
    if not can_view(row.access, row.people, viewer):
        raise ReportForbidden("you do not have permission to view this report")
    return orjson.dumps(public_document(row, viewer), option=orjson.OPT_UTC_Z)
