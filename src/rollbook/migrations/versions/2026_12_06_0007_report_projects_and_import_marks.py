"""Project tags and import marks.

`report_projects` holds one row per project tag of a report (`projects` in its definition), so
the project page lists a project's reports in SQL. No report had tags before this revision, so
there is nothing to fill. `reports.imported_at` and `reports.imported_from` mark a report made by
an import (null for every report made before).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_projects",
        sa.Column("tenant_key", sa.String(255), nullable=False),
        sa.Column("project_key", sa.String(255), nullable=False),
        sa.Column("report_id", sa.String(36), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_key", "report_id"],
            ["reports.tenant_key", "reports.id"],
            name="fk_report_projects_tenant_key_reports",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_key", "project_key", "report_id", name="pk_report_projects"
        ),
    )
    op.create_index("ix_report_projects_report", "report_projects", ["tenant_key", "report_id"])
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("imported_from", sa.String(255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("imported_from")
        batch.drop_column("imported_at")
    op.drop_index("ix_report_projects_report", table_name="report_projects")
    op.drop_table("report_projects")
