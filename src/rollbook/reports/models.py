"""The stored report: tenant-scoped row holding the definition (JSON) and who may use it, and
`ReportGrant`, the index of who may view each live report that lets the list filter in SQL, and
`ReportGrantTotal`, its row counts, from which the list's total is read, and `ReportProject`,
the project tags the project page filters on.

Only `reports.store` queries these tables (a test checks it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from rollbook.core.db import Base, UtcDateTime
from rollbook.tenancy.models import Tenant


class Report(Base):
    __tablename__ = "reports"
    # Keyed by site and id: an id says nothing about the reports of other sites (an import
    # keeping its ids cannot find out whether another site uses one).
    __table_args__ = (
        PrimaryKeyConstraint("tenant_key", "id"),
        Index("ix_reports_tenant_deleted", "tenant_key", "deleted_at"),
    )

    id: Mapped[str] = mapped_column(String(36))
    # Purge deletes the tenant and its reports with it.
    tenant_key: Mapped[str] = mapped_column(
        String(255), ForeignKey(Tenant.client_key, ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(255))
    version: Mapped[int] = mapped_column(Integer)
    access: Mapped[str] = mapped_column(String(16))
    # The definition without people: description, jql, columns and rules, formula fields.
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    # {"administrators": [...], "viewer_users": [...], "viewer_groups": [...]}
    people: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(128))
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_by: Mapped[str | None] = mapped_column(String(128))
    # Set by an import (not by the operator's restore): the list marks the copy "Imported" so
    # it can be told apart from a report of the same name made here.
    imported_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    imported_from: Mapped[str | None] = mapped_column(String(255))


# The report list's order over live reports (newest first, ties by id): a page is read from here
# and stops after `offset + limit` visible rows, whatever the tenant's report count.
Index(
    "ix_reports_live_newest",
    Report.tenant_key,
    Report.updated_at.desc(),
    Report.id,
    sqlite_where=Report.deleted_at.is_(None),
    postgresql_where=Report.deleted_at.is_(None),
)


class ReportGrant(Base):
    """Who may view one live report, one row per way in (docs/report-model.md#who-may-view-and-
    change-a-report), written by the store with every write to the report:

    - `open`: everyone of the site (principal ""); an open report has this row only;
    - `admin`: an administrator (account id), for private and limited reports;
    - `user`, `group`: a listed viewer user (account id; none for an administrator, who has
      `admin`) or group (name), limited reports only.

    A report in the trash has no rows. The list asks "is there a row for everyone, for me, or
    for one of my groups" instead of reading every report's people."""

    __tablename__ = "report_grants"
    __table_args__ = (
        # Probed per report while the list walks reports newest first.
        PrimaryKeyConstraint("tenant_key", "report_id", "kind", "principal"),
        # A report removed for good (purge, delete_all) takes its rows with it.
        ForeignKeyConstraint(
            ["tenant_key", "report_id"], ["reports.tenant_key", "reports.id"], ondelete="CASCADE"
        ),
        # The total and "does this site share with groups": ranges per (kind, principal).
        Index("ix_report_grants_principal", "tenant_key", "kind", "principal", "report_id"),
    )

    tenant_key: Mapped[str] = mapped_column(String(255))
    report_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    # An account id or a group name ("" for `open`).
    principal: Mapped[str] = mapped_column(String(255))


class ReportGrantTotal(Base):
    """How many `report_grants` rows each (kind, principal) of a tenant has, kept by the store in
    the same transaction as the rows: the list's total reads the `open` total and the caller's
    own totals instead of counting every visible report."""

    __tablename__ = "report_grant_totals"
    __table_args__ = (PrimaryKeyConstraint("tenant_key", "kind", "principal"),)

    # Purge deletes the tenant and its totals with it.
    tenant_key: Mapped[str] = mapped_column(
        String(255), ForeignKey(Tenant.client_key, ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(8))
    principal: Mapped[str] = mapped_column(String(255))
    total: Mapped[int] = mapped_column(Integer)


class ReportProject(Base):
    """One project tag of a report (`projects` in its definition), written by the store with
    every write to the report: the project page lists a project's reports by a range of the
    primary key instead of reading every report's definition."""

    __tablename__ = "report_projects"
    __table_args__ = (
        PrimaryKeyConstraint("tenant_key", "project_key", "report_id"),
        # A report removed for good (delete forever, purge) takes its tags with it.
        ForeignKeyConstraint(
            ["tenant_key", "report_id"], ["reports.tenant_key", "reports.id"], ondelete="CASCADE"
        ),
        # A report's own tags, rewritten on each save.
        Index("ix_report_projects_report", "tenant_key", "report_id"),
    )

    tenant_key: Mapped[str] = mapped_column(String(255))
    project_key: Mapped[str] = mapped_column(String(255))
    report_id: Mapped[str] = mapped_column(String(36))
