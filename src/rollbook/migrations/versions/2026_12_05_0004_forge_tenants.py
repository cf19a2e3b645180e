"""Tenants of either host: a `host` kind column and the Forge installation's columns.

Only columns are added. `shared_secret` stays NOT NULL (Forge rows store an empty string):
making it nullable would rebuild the table on SQLite, and with foreign keys on, dropping the old
table cascades into every report.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

FORGE_COLUMNS = ("cloud_id", "api_base_url", "environment_type", "environment_id")


def upgrade() -> None:
    op.add_column(
        "tenants",
        sa.Column("host", sa.String(16), nullable=False, server_default="connect"),
    )
    op.add_column("tenants", sa.Column("cloud_id", sa.String(64), nullable=True))
    op.add_column("tenants", sa.Column("api_base_url", sa.String(2048), nullable=True))
    op.add_column("tenants", sa.Column("environment_type", sa.String(32), nullable=True))
    op.add_column("tenants", sa.Column("environment_id", sa.String(255), nullable=True))


def downgrade() -> None:
    # Forge tenants cannot exist without these columns; their reports go with them.
    op.execute(sa.text("DELETE FROM tenants WHERE host <> 'connect'"))
    # Plain DROP COLUMN (SQLite 3.35+), not a batch rebuild: see the docstring.
    for name in (*FORGE_COLUMNS, "host"):
        op.drop_column("tenants", name)
