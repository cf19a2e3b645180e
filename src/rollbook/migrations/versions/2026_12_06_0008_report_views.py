"""Report model version 2: views.

Every stored definition (live and in the trash) gets `views`, the list of ways the report is
shown; a report made before views shows its grouped table alone, so each gets the default view.
No column changes: the definition is JSON. The upgrade is idempotent: a definition that already
has `views` is left as it is.

The downgrade removes `views` from every definition (version 1 refuses unknown keys), so the
pivots and charts made since are lost; the table every report had before remains.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Reports read (and rewritten) per query, so a large site migrates in bounded memory.
BATCH = 500
# The default of report model v2 as it was at this revision (a migration keeps its own copy, so
# a later change of the default does not change what this upgrade wrote).
DEFAULT_VIEWS: list[dict[str, Any]] = [
    {"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}
]

_REPORTS = sa.table(
    "reports",
    sa.column("tenant_key", sa.String),
    sa.column("id", sa.String),
    sa.column("definition", sa.JSON),
)


def with_default_views(definition: dict[str, Any]) -> dict[str, Any] | None:
    """The definition with the default views, or None when it already has views."""
    if "views" in definition:
        return None
    return {**definition, "views": DEFAULT_VIEWS}


def without_views(definition: dict[str, Any]) -> dict[str, Any] | None:
    """The definition without views, or None when it has none."""
    if "views" not in definition:
        return None
    return {key: value for key, value in definition.items() if key != "views"}


def _rewrite(change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> None:
    """Apply `change` to every report's definition, page by page in primary-key order."""
    connection = op.get_bind()
    update = (
        _REPORTS.update()
        .where(_REPORTS.c.tenant_key == sa.bindparam("key"))
        .where(_REPORTS.c.id == sa.bindparam("report_id"))
        .values(definition=sa.bindparam("new_definition", type_=sa.JSON))
    )
    after: tuple[str, str] | None = None
    while True:
        query = sa.select(_REPORTS.c.tenant_key, _REPORTS.c.id, _REPORTS.c.definition)
        if after is not None:
            query = query.where(sa.tuple_(_REPORTS.c.tenant_key, _REPORTS.c.id) > after)
        rows = connection.execute(
            query.order_by(_REPORTS.c.tenant_key, _REPORTS.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        changed = []
        for row in rows:
            # The JSON column is typed here, but SQLite may hand back text all the same.
            stored = row.definition
            definition = stored if isinstance(stored, dict) else json.loads(stored or "{}")
            new_definition = change(definition)
            if new_definition is not None:
                changed.append(
                    {"key": row.tenant_key, "report_id": row.id, "new_definition": new_definition}
                )
        if changed:
            connection.execute(update, changed)
        after = (rows[-1].tenant_key, rows[-1].id)


def upgrade() -> None:
    _rewrite(with_default_views)


def downgrade() -> None:
    _rewrite(without_views)
