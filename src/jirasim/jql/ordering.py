"""ORDER BY: sort keys per field kind and the default order.

Without ORDER BY, Jira returns issues by `key DESC` (project key, then issue number, both
descending); that order is also the final tie-breaker for explicit sorts. Empty values sort
last in ascending order and first in descending order. Sort keys follow Jira's orderings:
statuses, resolutions and issue types by id, priorities from lowest to highest, users by
display name, versions by their order in the project, projects by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jirasim.jql.ast import SortDirection, SortField
from jirasim.jql.catalog import CATEGORY_ORDER
from jirasim.jql.context import IndexedSite
from jirasim.jql.fields import FieldKind, FieldSpec
from jirasim.jql.table import split_key
from jirasim.jql.text import adf_text

SortKey = Callable[[int], Any]


def sort_rows(
    rows: Iterable[int], order_by: tuple[SortField, ...] | None, index: IndexedSite
) -> list[int]:
    table = index.table
    ordered = sorted(rows, key=table.default_rank.__getitem__)
    for sort in reversed(order_by or ()):
        spec = index.fields.resolve(sort.field)
        if spec is None:
            continue
        key_of = sort_key(spec, index)
        # (0, value) before (1, None): empties last ascending, first descending.
        ordered.sort(
            key=lambda row: (0, value) if (value := key_of(row)) is not None else (1, 0),
            reverse=sort.direction is SortDirection.DESC,
        )
    return ordered


def _numeric(value: str) -> int:
    return int(value) if value.isdigit() else 1 << 40


def sort_key(spec: FieldSpec, index: IndexedSite) -> SortKey:
    table = index.table
    values = index.values
    kind = spec.kind
    if kind is FieldKind.ISSUE_KEY:
        return table.key_parts.__getitem__
    if kind in (FieldKind.DATETIME, FieldKind.DATE, FieldKind.NUMBER, FieldKind.DURATION):
        return table.scalar(spec).__getitem__
    if kind is FieldKind.TEXT:
        field_id = spec.field_id
        return lambda row: adf_text(table.fields_of(row).get(field_id)).lower() or None
    column = table.categorical(spec).values
    single: dict[FieldKind, Callable[[str], Any]] = {
        FieldKind.STATUS: _numeric,
        FieldKind.RESOLUTION: _numeric,
        FieldKind.ISSUE_TYPE: _numeric,
        FieldKind.PRIORITY: lambda key: -values.priority_rank(key),
        FieldKind.PROJECT: lambda key: values.projects.names.get(key, key).lower(),
        FieldKind.STATUS_CATEGORY: lambda key: CATEGORY_ORDER.get(key, 9),
        FieldKind.USER: lambda key: values.user_names.get(key, key).lower(),
        FieldKind.PARENT: lambda key: split_key(key) or (key, 0),
        FieldKind.COMPONENT: lambda key: values.components.names.get(key, key).lower(),
        FieldKind.LABELS: lambda key: key,
        FieldKind.SPRINT: _numeric,
        FieldKind.VERSION: lambda key: values.version_order.get(key, ("", 1 << 40)),
    }
    options = values.options.get(spec.field_id)
    convert = single.get(kind) or (
        lambda key: (options.names.get(key, key) if options else key).lower()
    )

    def key_of(row: int) -> Any:
        keys = column[row]
        if not keys:
            return None
        return min(convert(key) for key in keys)

    return key_of
