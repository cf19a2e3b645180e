"""The REST side of JQL: the JQL engine's `JqlSearcher` plus the rules that belong to the search
endpoints (the query must be bounded) and a short-lived cache of result lists, so that paging
through a large result does not re-run the query for every page.

Engine errors become Jira's 400 ErrorCollection with the engine's own messages (syntax errors
with line/character, unknown fields, bad operators, more than 7 ORDER BY fields).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from jirasim.api.errors import UNBOUNDED_JQL, JiraError, bad_request
from jirasim.jql import JqlSearcher, JqlSyntaxError, JqlValidationError
from jirasim.site import Site

JsonDict = dict[str, Any]
CacheKey = tuple[str, str | None, bool, str]


@dataclass(frozen=True)
class Viewer:
    """Whose search this is: a user (filtered by browse permission) or the app (sees all)."""

    account_id: str | None
    sees_all_projects: bool = False
    time_zone: str = "UTC"


def jql_error(exc: JqlSyntaxError | JqlValidationError) -> JiraError:
    if isinstance(exc, JqlSyntaxError):
        return JiraError(400, exc.message)
    return JiraError(400, exc.messages)


class SearchService:
    """Thread-safe front of the (single-threaded) JQL engine."""

    def __init__(self, site: Site, *, cache_seconds: float = 120.0, cache_size: int = 128) -> None:
        self._searcher = JqlSearcher(site)
        self._cache_seconds = cache_seconds
        self._cache_size = cache_size
        self._cache: OrderedDict[CacheKey, tuple[float, list[JsonDict]]] = OrderedDict()
        # JqlSearcher builds columns lazily and is not thread-safe; routes run in a threadpool.
        self._lock = threading.Lock()

    def search(self, jql: str, viewer: Viewer, *, now: float | None = None) -> list[JsonDict]:
        """All matching issues the viewer may see, in the query's order (cached briefly).

        Refuses (400) invalid queries and unbounded ones, as `/search/jql` does."""
        key: CacheKey = (jql, viewer.account_id, viewer.sees_all_projects, viewer.time_zone)
        started = time.monotonic()
        moment = datetime.fromtimestamp(time.time() if now is None else now, UTC)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and started - cached[0] < self._cache_seconds:
                self._cache.move_to_end(key)
                return cached[1]
            searcher = self._searcher
            try:
                query = searcher.parse_and_validate(
                    jql, account_id=viewer.account_id, now=moment, time_zone=viewer.time_zone
                )
                if not searcher.is_bounded(query):
                    raise bad_request(UNBOUNDED_JQL)
                issues = searcher.search_query(
                    query,
                    account_id=viewer.account_id,
                    now=moment,
                    time_zone=viewer.time_zone,
                    sees_all=viewer.sees_all_projects,
                )
            except (JqlSyntaxError, JqlValidationError) as exc:
                raise jql_error(exc) from exc
            self._cache[key] = (started, issues)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return issues

    def issues_edited(self) -> None:
        """Rebuild the indexes and forget cached results after issues were edited in place."""
        with self._lock:
            self._searcher.invalidate()
            self._cache.clear()

    def clear_cache(self) -> None:
        """Forget cached results (benchmarks measure the query itself this way)."""
        with self._lock:
            self._cache.clear()

    def parse(self, jql: str, validation: Literal["strict", "warn", "none"]) -> JsonDict:
        """One `ParsedJqlQuery` for `POST /jql/parse`."""
        with self._lock:
            return self._searcher.parse_result(jql, validation=validation)
