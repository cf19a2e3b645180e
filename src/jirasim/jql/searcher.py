"""`JqlSearcher`: the engine's entry point for the REST layer.

The order of a search is fixed here: parse -> validate -> compile to row filters -> restrict to
browsable projects -> sort. Indexes (columns, text and history indexes) are built once per
searcher and rebuilt when `site.issues` is replaced or grows or shrinks; call `invalidate()`
after editing an issue in place.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from jirasim.jql.ast import Query
from jirasim.jql.catalog import build_catalog
from jirasim.jql.compile import QueryCompiler
from jirasim.jql.context import SUNDAY, EvalContext, IndexedSite
from jirasim.jql.errors import JqlSyntaxError, JqlValidationError
from jirasim.jql.fields import FieldKind, FieldSpec, JqlFieldSpecs
from jirasim.jql.functions import default_registry
from jirasim.jql.history import HistoryColumn
from jirasim.jql.ordering import sort_rows
from jirasim.jql.parser import parse_jql
from jirasim.jql.structure import query_structure
from jirasim.jql.table import IssueTable
from jirasim.jql.validate import validate_query
from jirasim.site import JsonDict, Site

Validation = Literal["strict", "warn", "none"]
_BUILT_IN_TEXT = {"summary", "description", "environment"}
# Columns most searches touch, built up front so the first search is as fast as the rest.
_EAGER_FIELDS = ("project", "status", "assignee", "issuetype", "priority", "created")


class JqlSearcher:
    """Searches one `Site` with JQL. Thread-compatible: use one searcher per thread."""

    def __init__(self, site: Site, *, week_start: int = SUNDAY) -> None:
        self.site = site
        self.week_start = week_start
        self._build()

    def _build(self) -> None:
        site = self.site
        fields = JqlFieldSpecs(site.fields)
        specs = fields.specs()
        option_ids = [s.field_id for s in specs if s.kind is FieldKind.OPTION]
        text_ids = [
            s.field_id
            for s in specs
            if s.kind is FieldKind.TEXT and s.field_id not in _BUILT_IN_TEXT
        ]
        table = IssueTable(site.issues, text_ids)
        self.index = IndexedSite(
            site, fields, build_catalog(site, option_ids), table, default_registry()
        )
        self._history: dict[str, HistoryColumn] = {}
        self._snapshot = (id(site.issues), len(site.issues))
        for spec in specs:
            if spec.field_id in _EAGER_FIELDS:
                self._warm(spec)

    def _warm(self, spec: FieldSpec) -> None:
        if spec.kind is FieldKind.DATETIME:
            self.index.table.scalar(spec)
        else:
            self.index.table.categorical(spec)

    def invalidate(self) -> None:
        """Rebuild every index (after issues were edited in place)."""
        self._build()

    def _current(self) -> IndexedSite:
        if self._snapshot != (id(self.site.issues), len(self.site.issues)):
            self._build()
        return self.index

    def _context(self, account_id: str | None, now: datetime | None, time_zone: str) -> EvalContext:
        moment = now or datetime.now(UTC)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return EvalContext(account_id, moment, ZoneInfo(time_zone), self.week_start)

    def parse_and_validate(
        self,
        jql: str,
        *,
        account_id: str | None = None,
        now: datetime | None = None,
        time_zone: str = "UTC",
    ) -> Query:
        """The parsed query; raises JqlSyntaxError or JqlValidationError as Jira would."""
        query = parse_jql(jql)
        errors = validate_query(query, self._current(), self._context(account_id, now, time_zone))
        if errors:
            raise JqlValidationError(errors)
        return query

    @staticmethod
    def is_bounded(query: Query) -> bool:
        """False for queries with no restriction at all (empty, or only ORDER BY)."""
        return query.where is not None

    def parse_result(self, jql: str, *, validation: Validation = "strict") -> JsonDict:
        """One `ParsedJqlQuery` of `POST /rest/api/3/jql/parse`."""
        try:
            query = parse_jql(jql)
        except JqlSyntaxError as error:
            return {"query": jql, "errors": [error.message]}
        if validation == "none":
            return {"query": jql, "structure": query_structure(query)}
        context = self._context(None, None, "UTC")
        errors = validate_query(query, self._current(), context, limit_order_by=False)
        if errors and validation == "strict":
            return {"query": jql, "errors": errors}
        result: JsonDict = {"query": jql, "structure": query_structure(query)}
        if errors:
            result["errors"] = errors
        return result

    def search(
        self, jql: str, *, account_id: str | None, now: datetime, time_zone: str = "UTC"
    ) -> list[dict[str, Any]]:
        """Matching issues the user may browse, in the query's order (issue dicts, not copies)."""
        query = self.parse_and_validate(jql, account_id=account_id, now=now, time_zone=time_zone)
        return self.search_query(query, account_id=account_id, now=now, time_zone=time_zone)

    def search_query(
        self,
        query: Query,
        *,
        account_id: str | None,
        now: datetime,
        time_zone: str = "UTC",
        sees_all: bool = False,
    ) -> list[dict[str, Any]]:
        """Like `search` for a query already returned by `parse_and_validate`. `sees_all`: no
        browse restriction (an app, which sees every project)."""
        index = self._current()
        table = index.table
        context = self._context(account_id, now, time_zone)
        candidates = None if sees_all else self._browsable_rows(account_id)
        rows: AbstractSet[int]
        if query.where is None:
            rows = candidates if candidates is not None else table.universe
        else:
            compiler = QueryCompiler(index, context, self._history)
            rows = compiler.compile(query.where).rows(candidates)
        return [table.issues[row] for row in sort_rows(rows, query.order_by, index)]

    def _browsable_rows(self, account_id: str | None) -> frozenset[int] | None:
        table = self.index.table
        spelled = {project.key.upper(): project.key for project in self.site.projects}
        allowed = [
            rows
            for project, rows in table.rows_by_project.items()
            if self.site.can_browse(account_id, spelled.get(project, project))
        ]
        if len(allowed) == len(table.rows_by_project):
            return None
        return frozenset().union(*allowed)
