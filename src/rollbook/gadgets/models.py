"""One row per configured dashboard item: the report it shows, and which of its views. Report
metadata, like the report itself; it holds no issue data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, ForeignKeyConstraint, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from rollbook.core.db import Base, UtcDateTime
from rollbook.tenancy.models import Tenant


class DashboardGadget(Base):
    __tablename__ = "dashboard_gadgets"
    __table_args__ = (
        # A report of the gadget's own site; one removed for good (tenant purge) takes its
        # gadget settings with it.
        ForeignKeyConstraint(
            ["tenant_key", "report_id"], ["reports.tenant_key", "reports.id"], ondelete="CASCADE"
        ),
        Index("ix_dashboard_gadgets_report", "report_id"),
    )

    tenant_key: Mapped[str] = mapped_column(
        String(255), ForeignKey(Tenant.client_key, ondelete="CASCADE"), primary_key=True
    )
    # Jira's dashboard item id, unique within a site.
    dashboard_item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    dashboard_id: Mapped[str] = mapped_column(String(64))
    report_id: Mapped[str] = mapped_column(String(36))
    # One of the report's view ids; null (or a view deleted since): the report's first view.
    view_id: Mapped[str | None] = mapped_column(String(40), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by: Mapped[str] = mapped_column(String(128))
