"""The only module that touches the reports table: a store bound to one tenant, so no query can
run without it (`test_report_store.py` fails when another module selects from the table).

Every query filters by the tenant and, where one report is meant, by `(tenant_key, id)`, the
table's primary key; another site's report is simply not there."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from rollbook.core.db import Database
from rollbook.reports.models import Report

__all__ = ["Report", "ReportStore", "SharingRow", "read_report"]

_REPORTS = Report.__table__
# Built once: the hot read path pays for no statement construction (see reads.py).
_BY_KEY = select(_REPORTS).where(
    _REPORTS.c.tenant_key == bindparam("tenant_key"), _REPORTS.c.id == bindparam("report_id")
)

# (id, access, people) of a live report: what a permission check needs.
SharingRow = tuple[str, str, dict[str, Any]]


def _is_report_id(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def read_report(database: Database, *, tenant_key: str, report_id: str) -> Row[Any] | None:
    """One report of the tenant as a Core row (live or in the trash), or None: the hot read,
    a single primary-key query on its own pooled connection, without an ORM session."""
    if not _is_report_id(report_id):
        return None
    with database.engine.connect() as connection:
        return connection.execute(
            _BY_KEY, {"tenant_key": tenant_key, "report_id": report_id}
        ).first()


class ReportStore:
    """The reports of one tenant within one session."""

    def __init__(self, session: Session, tenant_key: str) -> None:
        if not tenant_key:
            raise ValueError("a report store needs a tenant")
        self._session = session
        self.tenant_key = tenant_key

    def get(self, report_id: str) -> Report | None:
        """The tenant's report with this id (live or in the trash), or None."""
        if not _is_report_id(report_id):
            return None
        return self._session.scalars(
            select(Report).where(Report.tenant_key == self.tenant_key, Report.id == report_id)
        ).first()

    def add(
        self,
        *,
        report_id: str,
        name: str,
        access: str,
        definition: dict[str, Any],
        people: dict[str, Any],
        created_at: datetime,
        created_by: str,
        updated_at: datetime,
        updated_by: str,
    ) -> Report:
        row = Report(
            id=report_id,
            tenant_key=self.tenant_key,
            name=name,
            version=1,
            access=access,
            definition=definition,
            people=people,
            created_at=created_at,
            created_by=created_by,
            updated_at=updated_at,
            updated_by=updated_by,
        )
        self._session.add(row)
        self._session.flush()
        return row

    def live_sharing(self, *, search: str = "") -> list[SharingRow]:
        """Sharing of every live report whose name contains `search`, newest first: permission
        checks need only this, so definitions are not read for reports left off the page."""
        query = select(Report.id, Report.access, Report.people).where(
            Report.tenant_key == self.tenant_key, Report.deleted_at.is_(None)
        )
        if search:
            query = query.where(func.lower(Report.name).contains(search.lower(), autoescape=True))
        ordered = query.order_by(Report.updated_at.desc(), Report.id)
        return [(row.id, row.access, row.people) for row in self._session.execute(ordered)]

    def by_ids(self, report_ids: Iterable[str]) -> dict[str, Report]:
        query = select(Report).where(
            Report.tenant_key == self.tenant_key, Report.id.in_(list(report_ids))
        )
        return {row.id: row for row in self._session.scalars(query)}

    def ids_in_use(self, report_ids: Iterable[str]) -> set[str]:
        """Which of these ids the tenant's reports (live or in the trash) already hold."""
        query = select(Report.id).where(
            Report.tenant_key == self.tenant_key, Report.id.in_(list(report_ids))
        )
        return set(self._session.scalars(query))

    def live(self) -> list[Report]:
        """Every live report, oldest first (the order of an export)."""
        query = (
            select(Report)
            .where(Report.tenant_key == self.tenant_key, Report.deleted_at.is_(None))
            .order_by(Report.created_at, Report.id)
        )
        return list(self._session.scalars(query))

    def live_ids(self) -> set[str]:
        query = select(Report.id).where(
            Report.tenant_key == self.tenant_key, Report.deleted_at.is_(None)
        )
        return set(self._session.scalars(query))

    def trash(self) -> list[Report]:
        """Reports in the trash, most recently deleted first."""
        query = (
            select(Report)
            .where(Report.tenant_key == self.tenant_key, Report.deleted_at.is_not(None))
            .order_by(Report.deleted_at.desc())
        )
        return list(self._session.scalars(query))

    def save_if_version(self, row: Report, *, expected_version: int, **values: Any) -> bool:
        """Write `values` and the next version only if the stored version is still
        `expected_version`; False when a concurrent save got there first. The version in the
        WHERE clause makes two saves of the same version lose safely."""
        result = self._session.execute(
            update(Report)
            .where(
                Report.tenant_key == self.tenant_key,
                Report.id == row.id,
                Report.version == expected_version,
            )
            .values(**values, version=expected_version + 1)
            .execution_options(synchronize_session=False)
        )
        self._session.refresh(row)
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def move_to_trash(self, row: Report, *, at: datetime, by: str) -> None:
        self._check_owned(row)
        row.deleted_at = at
        row.deleted_by = by
        row.version += 1

    def take_out_of_trash(self, row: Report, *, at: datetime, by: str) -> None:
        self._check_owned(row)
        row.deleted_at = None
        row.deleted_by = None
        row.version += 1
        row.updated_at = at
        row.updated_by = by

    def delete_all(self) -> int:
        """Remove every report of the tenant for good (live and trash); returns how many."""
        result = self._session.execute(delete(Report).where(Report.tenant_key == self.tenant_key))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _check_owned(self, row: Report) -> None:
        # A row can only come from this tenant's store; a slip here would write across sites.
        if row.tenant_key != self.tenant_key:
            raise ValueError("this report belongs to another tenant")
