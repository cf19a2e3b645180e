"""The stored report: tenant-scoped row holding the definition (JSON) and who may use it.

Only `reports.store` queries this table (a test checks it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, PrimaryKeyConstraint, String
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
