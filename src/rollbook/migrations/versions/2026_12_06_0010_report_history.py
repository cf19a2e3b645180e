"""Report history settings and percentile aggregations (issue 14).

A definition may hold `history` (cycle time's start and end, a working-time calendar) and use
the `p50`, `p85` and `p95` aggregations. Nothing to fill on upgrade: no stored report has
either, and a missing `history` reads as null, the defaults (the fast read path supplies it).
No column changes: the definition is JSON.

The downgrade makes every definition one the release before accepts (it refuses unknown keys
and aggregations): it removes `history` (cycle time is then In Progress → Done again, and the
working-time calendar is lost) and turns each percentile into `median`, the nearest aggregation
that release has. History field keys (`history_*`) stay: that release reads them as Jira fields
it does not know, so their columns show empty.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# Reports read (and rewritten) per query, so a large site migrates in bounded memory.
BATCH = 500
# Kept here rather than imported: a migration must not change when the vocabulary does.
PERCENTILES = frozenset({"p50", "p85", "p95"})
DOWNGRADED_AGGREGATION = "median"

_REPORTS = sa.table(
    "reports",
    sa.column("tenant_key", sa.String),
    sa.column("id", sa.String),
    sa.column("definition", sa.JSON),
)


def _without_percentile(holder: Any) -> Any:
    """A column, group order or measure with a percentile aggregation turned into median."""
    if isinstance(holder, dict) and holder.get("aggregation") in PERCENTILES:
        return {**holder, "aggregation": DOWNGRADED_AGGREGATION}
    return holder


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def for_the_release_before(definition: dict[str, Any]) -> dict[str, Any] | None:
    """The definition without history settings and percentiles, or None when it has neither."""
    new = {key: value for key, value in definition.items() if key != "history"}
    if "columns" in new:
        new["columns"] = [_without_percentile(column) for column in _list(new["columns"])]
    if "grouping_rules" in new:
        new["grouping_rules"] = [
            {**rule, "order": _without_percentile(rule["order"])}
            if isinstance(rule, dict) and "order" in rule
            else rule
            for rule in _list(new["grouping_rules"])
        ]
    if "views" in new:
        new["views"] = [
            {
                **view,
                **{
                    part: [_without_percentile(measure) for measure in _list(view[part])]
                    for part in ("values", "measures")  # a pivot's values, a chart's measures
                    if part in view
                },
            }
            if isinstance(view, dict)
            else view
            for view in _list(new["views"])
        ]
    return None if new == definition else new


def _rewrite() -> None:
    """Apply `for_the_release_before` to every report's definition, page by page in primary-key
    order (live reports and the trash alike)."""
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
            new_definition = for_the_release_before(definition)
            if new_definition is not None:
                changed.append(
                    {"key": row.tenant_key, "report_id": row.id, "new_definition": new_definition}
                )
        if changed:
            connection.execute(update, changed)
        after = (rows[-1].tenant_key, rows[-1].id)


def upgrade() -> None:
    pass


def downgrade() -> None:
    _rewrite()
