"""Issues as columns: per-field values extracted once, with posting lists for fast filtering.

Rows are positions in `site.issues`. A categorical column keeps each row's canonical value keys
(status id, account id, lower-cased label, ...) and a posting list (frozenset of rows) per key,
so `status in (A, B)` is a union of two sets. Scalar columns keep epoch millis, numbers or
seconds for range tests and sorting. Columns are built on first use and then reused.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jirasim.jql.dates import parse_iso_date, parse_jira_timestamp
from jirasim.jql.fields import FieldKind, FieldSpec
from jirasim.jql.text import TextIndex, adf_text
from jirasim.site import JsonDict

_KEY = re.compile(r"([A-Za-z][A-Za-z0-9_]*)-(\d+)")
_ID_KINDS = {FieldKind.STATUS, FieldKind.PRIORITY, FieldKind.RESOLUTION, FieldKind.ISSUE_TYPE}


@dataclass(frozen=True)
class CategoricalColumn:
    values: list[tuple[str, ...]]
    postings: dict[str, frozenset[int]]
    empty: frozenset[int]
    nonempty: frozenset[int]

    def rows_with_any(self, keys: set[str] | frozenset[str]) -> frozenset[int]:
        found = [self.postings[key] for key in keys if key in self.postings]
        if len(found) == 1:
            return found[0]
        return frozenset().union(*found)


def split_key(key: str) -> tuple[str, int] | None:
    """("EX", 12) for `EX-12` (any case), else None."""
    match = _KEY.fullmatch(key)
    return (match.group(1).upper(), int(match.group(2))) if match else None


class IssueTable:
    """Column store over `issues` (the list is never modified)."""

    def __init__(self, issues: list[JsonDict], text_field_ids: list[str]) -> None:
        self.issues = issues
        self.size = len(issues)
        self.universe: frozenset[int] = frozenset(range(self.size))
        self.text_field_ids = text_field_ids
        self.keys: list[str] = [str(issue.get("key", "")).upper() for issue in issues]
        self.ids: list[str] = [str(issue.get("id", "")) for issue in issues]
        self.row_by_key = {key: row for row, key in enumerate(self.keys)}
        self.row_by_id = {issue_id: row for row, issue_id in enumerate(self.ids)}
        self.key_parts: list[tuple[str, int]] = [
            split_key(key) or (self._project_key(row), 0) for row, key in enumerate(self.keys)
        ]
        by_project: dict[str, list[int]] = {}
        for row, (project, _) in enumerate(self.key_parts):
            by_project.setdefault(project, []).append(row)
        self.rows_by_project = {p: frozenset(rows) for p, rows in by_project.items()}
        # Jira's order without ORDER BY: key DESC, i.e. project key then number, descending.
        default_order = sorted(range(self.size), key=self.key_parts.__getitem__, reverse=True)
        self.default_rank: list[int] = [0] * self.size
        for rank, row in enumerate(default_order):
            self.default_rank[row] = rank
        self._categorical: dict[str, CategoricalColumn] = {}
        self._scalar: dict[str, list[Any]] = {}
        self._text: dict[str, TextIndex] = {}

    def _project_key(self, row: int) -> str:
        project = (self.issues[row].get("fields") or {}).get("project") or {}
        return str(project.get("key", "")).upper()

    def fields_of(self, row: int) -> dict[str, Any]:
        fields: dict[str, Any] = self.issues[row].get("fields") or {}
        return fields

    def categorical(self, spec: FieldSpec) -> CategoricalColumn:
        column = self._categorical.get(spec.field_id)
        if column is None:
            column = self._build_categorical(spec)
            self._categorical[spec.field_id] = column
        return column

    def _build_categorical(self, spec: FieldSpec) -> CategoricalColumn:
        extract = _key_extractor(spec)
        values = [extract(self.fields_of(row)) for row in range(self.size)]
        postings: dict[str, list[int]] = {}
        empty: list[int] = []
        for row, keys in enumerate(values):
            if not keys:
                empty.append(row)
            for key in keys:
                postings.setdefault(key, []).append(row)
        empty_rows = frozenset(empty)
        return CategoricalColumn(
            values,
            {key: frozenset(rows) for key, rows in postings.items()},
            empty_rows,
            self.universe - empty_rows,
        )

    def scalar(self, spec: FieldSpec) -> list[Any]:
        """Epoch millis (DATETIME), date ordinals (DATE), floats (NUMBER), seconds (DURATION)."""
        column = self._scalar.get(spec.field_id)
        if column is None:
            extract = _scalar_extractor(spec)
            column = [extract(self.fields_of(row)) for row in range(self.size)]
            self._scalar[spec.field_id] = column
        return column

    def text(self, spec: FieldSpec) -> TextIndex:
        name = spec.field_id or "text"
        index = self._text.get(name)
        if index is None:
            index = TextIndex(self.size, self._text_reader(spec))
            self._text[name] = index
        return index

    def _text_reader(self, spec: FieldSpec) -> Callable[[int], str]:
        if spec.kind is FieldKind.COMMENT:
            return lambda row: _comment_text(self.fields_of(row))
        if spec.kind is FieldKind.ALL_TEXT:
            sources = ["summary", "description", "environment", *self.text_field_ids]

            def all_text(row: int) -> str:
                fields = self.fields_of(row)
                parts = [adf_text(fields.get(source)) for source in sources]
                return " ".join([*parts, _comment_text(fields)])

            return all_text
        return lambda row: adf_text(self.fields_of(row).get(spec.field_id))


def _comment_text(fields: dict[str, Any]) -> str:
    comment = fields.get("comment") or {}
    comments = comment.get("comments") if isinstance(comment, dict) else comment
    return " ".join(adf_text(c.get("body")) for c in comments or () if isinstance(c, dict))


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _key_extractor(spec: FieldSpec) -> Callable[[dict[str, Any]], tuple[str, ...]]:
    kind, field_id = spec.kind, spec.field_id
    if kind is FieldKind.STATUS_CATEGORY:
        return lambda f: _category(f.get("status"))
    if kind is FieldKind.PROJECT:
        return lambda f: _one(str((f.get("project") or {}).get("key", "")).upper())
    if kind in _ID_KINDS:
        return lambda f: _one((f.get(field_id) or {}).get("id"))
    if kind is FieldKind.USER:
        return lambda f: tuple(
            str(u["accountId"])
            for u in _as_list(f.get(field_id))
            if isinstance(u, dict) and u.get("accountId")
        )
    if kind is FieldKind.LABELS:
        return lambda f: tuple(str(v).lower() for v in _as_list(f.get(field_id)))
    if kind is FieldKind.SPRINT:
        return lambda f: tuple(
            str(s["id"] if isinstance(s, dict) else s) for s in _as_list(f.get(field_id))
        )
    if kind is FieldKind.PARENT:
        return lambda f: _parent_key(f.get(field_id))
    # components, versions, select options: objects with ids
    return lambda f: tuple(
        str(v.get("id", v.get("value"))) for v in _as_list(f.get(field_id)) if isinstance(v, dict)
    )


def _one(value: Any) -> tuple[str, ...]:
    return () if value is None or value == "" else (str(value),)


def _category(status: Any) -> tuple[str, ...]:
    if not isinstance(status, dict):
        return ()
    return _one((status.get("statusCategory") or {}).get("key"))


def _parent_key(value: Any) -> tuple[str, ...]:
    if isinstance(value, dict):
        return _one(str(value.get("key", "")).upper() or None)
    if isinstance(value, str):
        return _one(value.upper())
    return ()


def _scalar_extractor(spec: FieldSpec) -> Callable[[dict[str, Any]], Any]:
    kind, field_id = spec.kind, spec.field_id
    if kind is FieldKind.DATETIME:
        return lambda f: parse_jira_timestamp(f.get(field_id))
    if kind is FieldKind.DATE:

        def ordinal(f: dict[str, Any]) -> int | None:
            day = parse_iso_date(f.get(field_id))
            return None if day is None else day.toordinal()

        return ordinal
    if field_id == "votes":
        return lambda f: _number((f.get("votes") or {}).get("votes"))
    if field_id == "watches":
        return lambda f: _number((f.get("watches") or {}).get("watchCount"))
    return lambda f: _number(f.get(field_id))


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
