"""Which fields an issue response carries, and the `names`/`schema` expansions, following Jira's
rules for the `fields` parameter (docs/platform.md#enhanced-search):

- entries may be comma lists and may repeat; `*all` = every field, `*navigable` = navigable ones,
  `id` = no fields at all, any field id or key, `-field` excludes; only exclusions means
  "navigable minus these"; unknown names are ignored, as Jira does.
- `/search/jql` defaults to `id`, `/issue/bulkfetch` to `*navigable`, `GET /issue` to `*all`.

Issues in the site are shared, read-only dicts; everything here builds new dicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jirasim.api.errors import bad_request

JsonDict = dict[str, Any]

# What Jira puts in `issue.expand` of every issue it returns.
ISSUE_EXPAND = "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations"
SUPPORTED_EXPANDS = frozenset(
    {
        "renderedFields",
        "names",
        "schema",
        "transitions",
        "operations",
        "editmeta",
        "changelog",
        "versionedRepresentations",
    }
)
# Jira returns up to this many issues per page when only ids/keys are asked for, else 100.
ID_ONLY_PAGE_CAP = 5000
FIELDS_PAGE_CAP = 100
MAX_PROPERTIES = 5


def split_list(values: Iterable[str] | str | None) -> list[str]:
    """Flatten repeated and comma-separated parameters: ["a,b", "c"] -> ["a", "b", "c"]."""
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@dataclass(frozen=True)
class FieldSelection:
    field_ids: tuple[str, ...]
    # True when only `id` was asked for: Jira then returns bare `{"id": ...}` issues.
    bare_ids: bool
    # True when nothing but `id`/`key` was asked for: pages may hold up to 5,000 issues.
    ids_and_keys_only: bool

    @property
    def page_cap(self) -> int:
        return ID_ONLY_PAGE_CAP if self.ids_and_keys_only else FIELDS_PAGE_CAP


class RestFieldCatalog:
    """The site's `/rest/api/3/field` entries, indexed for field selection and expansions."""

    def __init__(self, fields: list[JsonDict]) -> None:
        self.fields = fields
        self._by_name: dict[str, JsonDict] = {}
        for field in fields:
            self._by_name.setdefault(str(field["id"]), field)
            self._by_name.setdefault(str(field.get("key", field["id"])), field)
        self.all_ids = tuple(str(f["id"]) for f in fields)
        self.navigable_ids = tuple(str(f["id"]) for f in fields if f.get("navigable"))

    def field(self, name: str) -> JsonDict | None:
        return self._by_name.get(name) or self._by_name.get(name.lower())

    def select(self, requested: Iterable[str] | str | None, *, default: str) -> FieldSelection:
        entries = split_list(requested) or [default]
        includes = [e for e in entries if not e.startswith("-")]
        excludes = {e[1:] for e in entries if e.startswith("-")}
        if not includes:
            includes = ["*navigable"]
        chosen: set[str] = set()
        for entry in includes:
            if entry == "*all":
                chosen.update(self.all_ids)
            elif entry == "*navigable":
                chosen.update(self.navigable_ids)
            elif entry in {"id", "key"}:
                continue
            else:
                field = self.field(entry)
                if field is not None:
                    chosen.add(str(field["id"]))
        for entry in excludes:
            field = self.field(entry)
            chosen.discard(str(field["id"]) if field else entry)
        ordered = tuple(field_id for field_id in self.all_ids if field_id in chosen)
        plain = set(includes)
        return FieldSelection(
            field_ids=ordered,
            bare_ids=not ordered and plain == {"id"},
            ids_and_keys_only=not ordered and plain <= {"id", "key"},
        )

    def names(self, field_ids: Iterable[str]) -> dict[str, str]:
        return {fid: str(self._by_name[fid]["name"]) for fid in field_ids if fid in self._by_name}

    def schemas(self, field_ids: Iterable[str]) -> dict[str, JsonDict]:
        return {
            fid: self._by_name[fid]["schema"]
            for fid in field_ids
            if fid in self._by_name and "schema" in self._by_name[fid]
        }


def parse_expand(expand: Iterable[str] | str | None) -> frozenset[str]:
    """Expansions asked for; unknown ones are ignored, as Jira ignores them."""
    return frozenset(e for e in split_list(expand) if e in SUPPORTED_EXPANDS)


def check_properties(properties: Iterable[str] | str | None) -> list[str]:
    keys = split_list(properties)
    if len(keys) > MAX_PROPERTIES:
        raise bad_request(f"A maximum of {MAX_PROPERTIES} issue properties can be requested.")
    return keys


def _changelog(issue: JsonDict, limit: int) -> JsonDict:
    changelog = issue.get("changelog") or {"histories": []}
    histories = list(changelog.get("histories", []))[:limit]
    return {
        "startAt": 0,
        "maxResults": len(histories),
        "total": len(changelog.get("histories", [])),
        "histories": histories,
    }


@dataclass(frozen=True)
class IssueRenderer:
    """Turns a stored issue into the response shape for one request."""

    catalog: RestFieldCatalog
    selection: FieldSelection
    expand: frozenset[str] = frozenset()
    properties: tuple[str, ...] = ()
    # How many changelog entries the endpoint embeds (search 20, bulkfetch 40, GET issue 100).
    changelog_limit: int = 100
    # Put `names`/`schema` in each issue (GET issue) rather than once per page (search).
    per_issue_names: bool = False

    def render(self, issue: JsonDict) -> JsonDict:
        if self.selection.bare_ids and not (self.expand or self.properties):
            return {"id": issue["id"]}
        stored = issue["fields"]
        fields = {fid: stored[fid] for fid in self.selection.field_ids if fid in stored}
        out: JsonDict = {
            "expand": issue.get("expand", ISSUE_EXPAND),
            "id": issue["id"],
            "self": issue["self"],
            "key": issue["key"],
        }
        if "changelog" in self.expand:
            out["changelog"] = _changelog(issue, self.changelog_limit)
        out["fields"] = fields
        if self.properties:
            # The simulator stores no issue properties; Jira answers requested keys it lacks
            # by leaving them out.
            out["properties"] = {}
        if self.per_issue_names:
            if "names" in self.expand:
                out["names"] = self.catalog.names(fields)
            if "schema" in self.expand:
                out["schema"] = self.catalog.schemas(fields)
        return out

    def page_expansions(self) -> JsonDict:
        """`names`/`schema` for a page of issues: the selected fields' entries."""
        out: JsonDict = {}
        if "names" in self.expand:
            out["names"] = self.catalog.names(self.selection.field_ids)
        if "schema" in self.expand:
            out["schema"] = self.catalog.schemas(self.selection.field_ids)
        return out
