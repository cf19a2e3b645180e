"""The only package that touches the reports table and its `report_grants` (who may view each
live report; the list's SQL over them is in `visibility.py`): a store bound to one tenant, so
no query can run without it (`test_report_store.py` fails when another module selects from
either table).

Every query filters by the tenant and, where one report is meant, by `(tenant_key, id)`, the
table's primary key; another site's report is simply not there. Every write to a report
rewrites its grants in the same transaction, so the list's SQL filter (`visible_page`) always
agrees with `identity.access.can_view`."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Row,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from rollbook.core.db import Database
from rollbook.reports.models import Report
from rollbook.reports.store.visibility import (
    GRANTS,
    HIDDEN_WITHOUT_GROUPS,
    IN_PROJECT,
    LARGEST_OFFSET,
    LIVE,
    PAGE,
    PROJECTS,
    REPORTS,
    SHARED,
    SHARED_NOT_MINE,
    TOTAL,
    TOTALS,
    VISIBLE,
    grants_of,
)
from rollbook.tenancy.presence import require_tenant, require_tenant_for_write

__all__ = [
    "NewReport",
    "Report",
    "ReportStore",
    "SharingRow",
    "VisiblePage",
    "grants_of",
    "read_report",
]

# Grants that name a person: the report's administrators and its listed viewer users.
_PERSON_KINDS = ("admin", "user")
# Built once: the hot read path pays for no statement construction (see reads.py).
_BY_KEY = select(REPORTS).where(
    REPORTS.c.tenant_key == bindparam("tenant_key"), REPORTS.c.id == bindparam("report_id")
)

# (id, access, people) of a live report: what a permission check needs.
SharingRow = tuple[str, str, dict[str, Any]]


@dataclass(frozen=True)
class NewReport:
    """A report to insert with `add_many`: the columns of a new row but its tenant and version."""

    id: str
    name: str
    access: str
    definition: dict[str, Any]
    people: dict[str, Any]
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    imported_at: datetime | None = None
    imported_from: str | None = None


@dataclass(frozen=True)
class VisiblePage:
    """One page of the live reports a caller may view, newest first, and how many there are.
    Each row holds what a list shows: id, name, description, access, people, created_by,
    updated_at, updated_by, version, imported_at, imported_from."""

    rows: list[Row[Any]]
    total: int


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
    with database.statement_connection() as connection:
        return connection.execute(
            _BY_KEY, {"tenant_key": tenant_key, "report_id": report_id}
        ).first()


class ReportStore:
    """The reports of one tenant within one session."""

    def __init__(self, session: Session, tenant_key: str) -> None:
        if not tenant_key:
            raise ValueError("a report store needs a tenant")
        # The tenant may have been purged by another instance since this one cached its row:
        # refuse it here rather than answer with its (empty) data (tenancy/presence.py).
        require_tenant(session, tenant_key)
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
        imported_at: datetime | None = None,
        imported_from: str | None = None,
    ) -> Report:
        require_tenant_for_write(self._session, self.tenant_key)
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
            imported_at=imported_at,
            imported_from=imported_from,
        )
        self._session.add(row)
        self._session.flush()
        self._write_grants(row)
        self._write_projects(row.id, definition.get("projects") or [])
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

    def visible_page(
        self,
        *,
        account_id: str,
        groups: Collection[str] = (),
        search: str = "",
        project: str = "",
        offset: int = 0,
        limit: int = 50,
    ) -> VisiblePage:
        """The live reports `account_id` (a member of `groups`) may view whose name contains
        `search` (and, given a `project`, that carry its tag), newest first (ties by id), from
        `offset`; and how many there are in all.

        The page walks `ix_reports_live_newest` and probes each report's grants by primary key,
        so it stops after `offset + limit` visible reports. Without a search the total is read
        from `report_grant_totals` (plus the reports reached through groups alone)."""
        parameters = {
            "tenant_key": self.tenant_key,
            "account_id": account_id,
            "groups": sorted(groups),
            # Beyond any site's report count the page is empty anyway; the databases refuse
            # an OFFSET past a 64-bit integer (`?offset=9223372036854775808`).
            "offset": min(offset, LARGEST_OFFSET),
            "limit": limit,
            "project": project,
        }
        with_groups = bool(groups)
        narrowing: list[ColumnElement[bool]] = [IN_PROJECT] if project else []
        if search:
            narrowing.append(func.lower(REPORTS.c.name).contains(search.lower(), autoescape=True))
        if narrowing:
            page = PAGE[with_groups].where(*narrowing)
            count = select(func.count()).where(*LIVE, VISIBLE[with_groups], *narrowing)
        else:
            page, count = PAGE[with_groups], TOTAL[with_groups]
        rows = cast(list[Row[Any]], self._session.execute(page, parameters).all())
        total = self._session.scalar(count, parameters)
        return VisiblePage(rows=rows, total=int(total or 0))

    def hidden_without_groups(self, *, account_id: str, search: str = "") -> bool:
        """Whether some live report matching `search` is shared with groups and not otherwise
        visible to `account_id`: only then can the caller's Jira groups change a list, so only
        then is Jira asked for them."""
        statement = HIDDEN_WITHOUT_GROUPS
        if search:
            matching = func.lower(REPORTS.c.name).contains(search.lower(), autoescape=True)
            statement = select(
                exists().where(
                    *SHARED_NOT_MINE,
                    exists().where(*LIVE, REPORTS.c.id == SHARED.c.report_id, matching),
                )
            )
        parameters = {"tenant_key": self.tenant_key, "account_id": account_id}
        return bool(self._session.scalar(statement, parameters))

    def _write_grants(self, row: Report) -> None:
        """Replace the report's grant rows with those its access and people give it now (none
        while it is in the trash)."""
        # The totals change by what the statements did (RETURNING), not by what this session
        # believed was stored: two writers of one report cannot count a row twice.
        removed = self._session.execute(
            delete(GRANTS)
            .where(GRANTS.c.tenant_key == self.tenant_key, GRANTS.c.report_id == row.id)
            .returning(GRANTS.c.kind, GRANTS.c.principal)
        ).all()
        changes = Counter({(kind, principal): -1 for kind, principal in removed})
        rows = [
            {"tenant_key": self.tenant_key, "report_id": row.id, "kind": k, "principal": p}
            for k, p in sorted(grants_of(row.access, row.people))
        ]
        if rows and row.deleted_at is None:
            added = self._session.execute(
                self._upsert(GRANTS)
                .on_conflict_do_nothing()
                .returning(GRANTS.c.kind, GRANTS.c.principal, sort_by_parameter_order=True),
                rows,
            ).all()
            changes.update((kind, principal) for kind, principal in added)
        self._add_to_totals(changes)

    def _write_projects(self, report_id: str, projects: Iterable[str]) -> None:
        """Replace the report's project tags (`report_projects`) with `projects`."""
        self._session.execute(
            delete(PROJECTS).where(
                PROJECTS.c.tenant_key == self.tenant_key, PROJECTS.c.report_id == report_id
            )
        )
        rows = [
            {"tenant_key": self.tenant_key, "project_key": key, "report_id": report_id}
            for key in sorted(set(projects))
        ]
        if rows:
            self._session.execute(insert(PROJECTS), rows)

    def _add_to_totals(self, changes: Counter[tuple[str, str]]) -> None:
        """Add `changes` to the tenant's per-(kind, principal) grant totals. Rows are written in
        key order, so two transactions lock them in the same order (no deadlock)."""
        rows = [
            {"tenant_key": self.tenant_key, "kind": kind, "principal": principal, "total": change}
            for (kind, principal), change in sorted(changes.items())
            if change
        ]
        if not rows:
            return
        upsert = self._upsert(TOTALS)
        self._session.execute(
            upsert.on_conflict_do_update(
                index_elements=[TOTALS.c.tenant_key, TOTALS.c.kind, TOTALS.c.principal],
                set_={"total": TOTALS.c.total + upsert.excluded.total},
            ),
            rows,
        )

    def _upsert(self, table: Table) -> Any:
        """INSERT … ON CONFLICT for this session's database (SQLite and PostgreSQL spell it the
        same; SQLAlchemy builds it per dialect)."""
        if self._session.get_bind().dialect.name == "postgresql":
            return postgresql_insert(table)
        return sqlite_insert(table)

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

    def count_live(self) -> int:
        """How many live (not deleted) reports the tenant holds: what the site's cap counts."""
        query = select(func.count()).where(
            Report.tenant_key == self.tenant_key, Report.deleted_at.is_(None)
        )
        return int(self._session.scalar(query) or 0)

    def live_page(self, *, after: tuple[datetime, str] | None, limit: int) -> list[Report]:
        """Up to `limit` live reports in export order (oldest first, ties by id) that come
        after the report keyed `after` (its created_at and id): pages by key, so an export of any
        size holds one page at a time and no page skips or repeats a report."""
        query = select(Report).where(
            Report.tenant_key == self.tenant_key, Report.deleted_at.is_(None)
        )
        if after is not None:
            created_at, report_id = after
            query = query.where(
                or_(
                    Report.created_at > created_at,
                    and_(Report.created_at == created_at, Report.id > report_id),
                )
            )
        ordered = query.order_by(Report.created_at, Report.id).limit(limit)
        return list(self._session.scalars(ordered))

    def add_many(self, reports: Sequence[NewReport]) -> None:
        """Insert many new reports, and their grants, in two statements: a site import of
        thousands of reports costs two round trips per batch instead of four per report."""
        if not reports:
            return
        require_tenant_for_write(self._session, self.tenant_key)
        self._session.execute(
            insert(Report),
            [{**vars(report), "tenant_key": self.tenant_key, "version": 1} for report in reports],
        )
        grants = [
            {"tenant_key": self.tenant_key, "report_id": report.id, "kind": k, "principal": p}
            for report in reports
            for k, p in sorted(grants_of(report.access, report.people))
        ]
        if grants:
            self._session.execute(insert(GRANTS), grants)
            self._add_to_totals(Counter((grant["kind"], grant["principal"]) for grant in grants))
        tags = [
            {"tenant_key": self.tenant_key, "project_key": key, "report_id": report.id}
            for report in reports
            for key in sorted(set(report.definition.get("projects") or []))
        ]
        if tags:
            self._session.execute(insert(PROJECTS), tags)

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
        saved = bool(result.rowcount == 1)  # type: ignore[attr-defined]
        if saved and row.tenant_key == self.tenant_key:
            self._write_grants(row)
            self._write_projects(row.id, row.definition.get("projects") or [])
        return saved

    def move_to_trash(self, row: Report, *, at: datetime, by: str) -> None:
        self._check_owned(row)
        row.deleted_at = at
        row.deleted_by = by
        row.version += 1
        self._session.flush()
        self._write_grants(row)

    def take_out_of_trash(self, row: Report, *, at: datetime, by: str) -> None:
        self._check_owned(row)
        row.deleted_at = None
        row.deleted_by = None
        row.version += 1
        row.updated_at = at
        row.updated_by = by
        self._session.flush()
        self._write_grants(row)

    def delete_forever(self, row: Report) -> None:
        """Remove one report in the trash for good, with its project tags (a report in the
        trash has no grants)."""
        self._check_owned(row)
        if row.deleted_at is None:
            raise ValueError("only a report in the trash is deleted for good")
        self._session.execute(
            delete(PROJECTS).where(
                PROJECTS.c.tenant_key == self.tenant_key, PROJECTS.c.report_id == row.id
            )
        )
        self._session.delete(row)
        self._session.flush()

    def delete_all(self) -> int:
        """Remove every report of the tenant for good (live and trash); returns how many."""
        # Grants first: their foreign key would cascade, but not on SQLite without the pragma.
        self._session.execute(delete(GRANTS).where(GRANTS.c.tenant_key == self.tenant_key))
        self._session.execute(delete(PROJECTS).where(PROJECTS.c.tenant_key == self.tenant_key))
        self._session.execute(delete(TOTALS).where(TOTALS.c.tenant_key == self.tenant_key))
        result = self._session.execute(delete(Report).where(Report.tenant_key == self.tenant_key))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def _check_owned(self, row: Report) -> None:
        # A row can only come from this tenant's store; a slip here would write across sites.
        if row.tenant_key != self.tenant_key:
            raise ValueError("this report belongs to another tenant")
