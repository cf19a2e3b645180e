"""Create the tenants table.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("client_key", sa.String(255), nullable=False),
        sa.Column("shared_secret", sa.Text(), nullable=False),
        sa.Column("base_url", sa.String(2048), nullable=False),
        sa.Column("display_url", sa.String(2048), nullable=True),
        sa.Column("product_type", sa.String(32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("server_version", sa.String(64), nullable=True),
        sa.Column("plugins_version", sa.String(64), nullable=True),
        sa.Column("oauth_client_id", sa.String(255), nullable=True),
        sa.Column("installed", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("uninstalled_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("client_key", name=op.f("pk_tenants")),
    )


def downgrade() -> None:
    op.drop_table("tenants")
