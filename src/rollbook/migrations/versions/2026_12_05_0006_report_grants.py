"""Who may view each live report, as rows the report list can filter on in SQL.

`report_grants` holds one row per way into a live report (open to everyone, an administrator, a
listed viewer user or group); the list walks the new `ix_reports_live_newest` index newest first
and keeps the reports that have a row for the caller, so a page costs O(page), not O(reports).
`report_grant_totals` counts those rows per (kind, principal), for the list's total. The upgrade
fills both from every live report's access and people.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BACKFILL_BATCH = 1000


def grant_rows(access: str, people: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(kind, principal) pairs of one live report: the rule of `reports.store.grants_of` as it
    was at this revision (a migration keeps its own copy, so later changes to the store do not
    change what this upgrade wrote)."""
    if access == "open":
        return {("open", "")}
    administrators = set(people.get("administrators") or [])
    rows = {("admin", account) for account in administrators}
    if access == "limited":
        users = set(people.get("viewer_users") or []) - administrators
        rows |= {("user", account) for account in users}
        rows |= {("group", group) for group in people.get("viewer_groups") or []}
    return rows


def upgrade() -> None:
    grants = op.create_table(
        "report_grants",
        sa.Column("tenant_key", sa.String(255), nullable=False),
        sa.Column("report_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("principal", sa.String(255), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_key", "report_id"],
            ["reports.tenant_key", "reports.id"],
            name="fk_report_grants_tenant_key_reports",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "tenant_key", "report_id", "kind", "principal", name="pk_report_grants"
        ),
    )
    op.create_table(
        "report_grant_totals",
        sa.Column("tenant_key", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("principal", sa.String(255), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_key"],
            ["tenants.client_key"],
            name="fk_report_grant_totals_tenant_key_tenants",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("tenant_key", "kind", "principal", name="pk_report_grant_totals"),
    )
    op.create_index(
        "ix_report_grants_principal",
        "report_grants",
        ["tenant_key", "kind", "principal", "report_id"],
    )
    op.create_index(
        "ix_reports_live_newest",
        "reports",
        ["tenant_key", sa.desc(sa.column("updated_at")), "id"],
        sqlite_where=sa.text("deleted_at IS NULL"),
        postgresql_where=sa.text("deleted_at IS NULL"),
    )
    connection = op.get_bind()
    batch: list[dict[str, str]] = []
    live = connection.execute(
        sa.text("SELECT tenant_key, id, access, people FROM reports WHERE deleted_at IS NULL")
    ).all()
    for row in live:
        # The JSON column comes back parsed on PostgreSQL and as text on SQLite.
        people = row.people if isinstance(row.people, dict) else json.loads(row.people or "{}")
        for kind, principal in sorted(grant_rows(row.access, people)):
            batch.append(
                {
                    "tenant_key": row.tenant_key,
                    "report_id": row.id,
                    "kind": kind,
                    "principal": principal,
                }
            )
        if len(batch) >= BACKFILL_BATCH:
            op.bulk_insert(grants, batch)
            batch = []
    if batch:
        op.bulk_insert(grants, batch)
    op.execute(
        "INSERT INTO report_grant_totals (tenant_key, kind, principal, total) "
        "SELECT tenant_key, kind, principal, count(*) FROM report_grants "
        "GROUP BY tenant_key, kind, principal"
    )


def downgrade() -> None:
    op.drop_index("ix_reports_live_newest", table_name="reports")
    op.drop_index("ix_report_grants_principal", table_name="report_grants")
    op.drop_table("report_grant_totals")
    op.drop_table("report_grants")
