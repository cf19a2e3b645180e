"""The view a dashboard gadget shows.

`dashboard_gadgets.view_id` names one of the chosen report's views (report model v2); null, as
for every gadget set up before this revision, shows the report's first view. Nothing to fill:
before views, a gadget showed the report's table, which is every such report's first view.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dashboard_gadgets") as batch:
        batch.add_column(sa.Column("view_id", sa.String(40), nullable=True))


def downgrade() -> None:
    # The gadgets keep their reports and show each report's first view again.
    with op.batch_alter_table("dashboard_gadgets") as batch:
        batch.drop_column("view_id")
