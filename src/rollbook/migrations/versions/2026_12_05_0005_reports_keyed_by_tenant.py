"""Reports keyed by (tenant_key, id): a report id is unique within its site only.

With a site-wide key, importing with `keep_ids` told a site whether an id was used in another
site (409 naming it). Dashboard gadgets now point at a report of their own tenant.

Each table is rebuilt on SQLite (batch mode). The gadgets' foreign key to reports is dropped
first, so rebuilding reports (drop and rename) cascades into no gadget row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _rekey_reports(*, gadget_fk: str, key: list[str], gadget_columns: list[str]) -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_constraint("pk_reports", type_="primary")
        batch.create_primary_key("pk_reports", key)
    with op.batch_alter_table("dashboard_gadgets") as batch:
        batch.create_foreign_key(gadget_fk, "reports", gadget_columns, key, ondelete="CASCADE")


def upgrade() -> None:
    with op.batch_alter_table("dashboard_gadgets") as batch:
        batch.drop_constraint("fk_dashboard_gadgets_report_id_reports", type_="foreignkey")
    _rekey_reports(
        gadget_fk="fk_dashboard_gadgets_tenant_key_reports",
        key=["tenant_key", "id"],
        gadget_columns=["tenant_key", "report_id"],
    )


def downgrade() -> None:
    # Fails if two sites hold the same report id: one of them would have to lose its report.
    with op.batch_alter_table("dashboard_gadgets") as batch:
        batch.drop_constraint("fk_dashboard_gadgets_tenant_key_reports", type_="foreignkey")
    _rekey_reports(
        gadget_fk="fk_dashboard_gadgets_report_id_reports",
        key=["id"],
        gadget_columns=["report_id"],
    )
