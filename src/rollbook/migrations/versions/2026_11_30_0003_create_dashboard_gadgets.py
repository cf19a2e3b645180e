"""Create the dashboard_gadgets table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dashboard_gadgets",
        sa.Column("tenant_key", sa.String(255), nullable=False),
        sa.Column("dashboard_item_id", sa.String(64), nullable=False),
        sa.Column("dashboard_id", sa.String(64), nullable=False),
        sa.Column("report_id", sa.String(36), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(128), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_key"],
            ["tenants.client_key"],
            name=op.f("fk_dashboard_gadgets_tenant_key_tenants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_dashboard_gadgets_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_key", "dashboard_item_id", name=op.f("pk_dashboard_gadgets")
        ),
    )
    op.create_index("ix_dashboard_gadgets_report", "dashboard_gadgets", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_dashboard_gadgets_report", table_name="dashboard_gadgets")
    op.drop_table("dashboard_gadgets")
