"""Which field a JQL name means, what kind of values it holds and which operators it takes.

Names resolve case-insensitively through the site's `/rest/api/3/field` catalog (`clauseNames`,
`id`, `cf[NNNNN]`); the kind comes from `schema.system` / `schema.custom` / `schema.type`.
A few clause names that Jira answers without a FieldDetails entry are built in (`text`, and
`statusCategory` / the issue-key names when the catalog lacks them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from jirasim.jql.ast import FieldRef, Operator


class FieldKind(StrEnum):
    TEXT = "text"
    COMMENT = "comment"
    ALL_TEXT = "all_text"
    ISSUE_KEY = "issue_key"
    PARENT = "parent"
    PROJECT = "project"
    STATUS = "status"
    STATUS_CATEGORY = "status_category"
    PRIORITY = "priority"
    RESOLUTION = "resolution"
    ISSUE_TYPE = "issue_type"
    USER = "user"
    LABELS = "labels"
    COMPONENT = "component"
    VERSION = "version"
    DATETIME = "datetime"
    DATE = "date"
    NUMBER = "number"
    DURATION = "duration"
    SPRINT = "sprint"
    OPTION = "option"
    UNSUPPORTED = "unsupported"


_EQUALITY = frozenset({Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN})
_EMPTINESS = frozenset({Operator.IS, Operator.IS_NOT})
_RELATIONAL = frozenset(
    {
        Operator.LESS_THAN,
        Operator.GREATER_THAN,
        Operator.LESS_THAN_EQUALS,
        Operator.GREATER_THAN_EQUALS,
    }
)
_TEXT = frozenset({Operator.LIKE, Operator.NOT_LIKE})
_HISTORY = frozenset(
    {Operator.WAS, Operator.WAS_NOT, Operator.WAS_IN, Operator.WAS_NOT_IN, Operator.CHANGED}
)

# Fields every issue has a value for. Jira still takes `IS [NOT] EMPTY` on them (clients bound
# `/search/jql` with `project is not EMPTY`): `IS EMPTY` matches nothing, `IS NOT EMPTY` all.
ALWAYS_SET_KINDS = frozenset(
    {
        FieldKind.ISSUE_KEY,
        FieldKind.PROJECT,
        FieldKind.STATUS,
        FieldKind.STATUS_CATEGORY,
        FieldKind.ISSUE_TYPE,
    }
)

OPERATORS_BY_KIND: dict[FieldKind, frozenset[Operator]] = {
    FieldKind.TEXT: _TEXT | _EMPTINESS,
    FieldKind.COMMENT: _TEXT,
    FieldKind.ALL_TEXT: frozenset({Operator.LIKE}),
    FieldKind.ISSUE_KEY: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.PARENT: _EQUALITY | _EMPTINESS,
    FieldKind.PROJECT: _EQUALITY | _EMPTINESS,
    FieldKind.STATUS: _EQUALITY | _EMPTINESS,
    FieldKind.STATUS_CATEGORY: _EQUALITY | _EMPTINESS,
    FieldKind.PRIORITY: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.RESOLUTION: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.ISSUE_TYPE: _EQUALITY | _EMPTINESS,
    FieldKind.USER: _EQUALITY | _EMPTINESS,
    FieldKind.LABELS: _EQUALITY | _EMPTINESS,
    FieldKind.COMPONENT: _EQUALITY | _EMPTINESS,
    FieldKind.VERSION: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.DATETIME: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.DATE: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.NUMBER: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.DURATION: _EQUALITY | _EMPTINESS | _RELATIONAL,
    FieldKind.SPRINT: _EQUALITY | _EMPTINESS,
    FieldKind.OPTION: _EQUALITY | _EMPTINESS,
    FieldKind.UNSUPPORTED: frozenset(),
}

# schema.system -> kind
_SYSTEM_KINDS: dict[str, FieldKind] = {
    "summary": FieldKind.TEXT,
    "description": FieldKind.TEXT,
    "environment": FieldKind.TEXT,
    "comment": FieldKind.COMMENT,
    "issuekey": FieldKind.ISSUE_KEY,
    "parent": FieldKind.PARENT,
    "project": FieldKind.PROJECT,
    "status": FieldKind.STATUS,
    "statusCategory": FieldKind.STATUS_CATEGORY,
    "priority": FieldKind.PRIORITY,
    "resolution": FieldKind.RESOLUTION,
    "issuetype": FieldKind.ISSUE_TYPE,
    "assignee": FieldKind.USER,
    "reporter": FieldKind.USER,
    "creator": FieldKind.USER,
    "labels": FieldKind.LABELS,
    "components": FieldKind.COMPONENT,
    "fixVersions": FieldKind.VERSION,
    "versions": FieldKind.VERSION,
    "created": FieldKind.DATETIME,
    "updated": FieldKind.DATETIME,
    "resolutiondate": FieldKind.DATETIME,
    "statuscategorychangedate": FieldKind.DATETIME,
    "lastViewed": FieldKind.DATETIME,
    "duedate": FieldKind.DATE,
    "timeoriginalestimate": FieldKind.DURATION,
    "timeestimate": FieldKind.DURATION,
    "timespent": FieldKind.DURATION,
    "aggregatetimeoriginalestimate": FieldKind.DURATION,
    "aggregatetimeestimate": FieldKind.DURATION,
    "aggregatetimespent": FieldKind.DURATION,
    "workratio": FieldKind.NUMBER,
    "votes": FieldKind.NUMBER,
    "watches": FieldKind.NUMBER,
}

# Fields searchable with WAS / CHANGED, by field id -> changelog `fieldId` / `field` names.
HISTORY_FIELDS: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "assignee": ("assignee",),
    "reporter": ("reporter",),
    "priority": ("priority",),
    "resolution": ("resolution",),
    "fixVersions": ("fixversions", "fix version"),
}

_CUSTOM_SUFFIX_KINDS: dict[str, FieldKind] = {
    ":gh-sprint": FieldKind.SPRINT,
    ":float": FieldKind.NUMBER,
    ":jsw-story-points": FieldKind.NUMBER,
    ":select": FieldKind.OPTION,
    ":radiobuttons": FieldKind.OPTION,
    ":multiselect": FieldKind.OPTION,
    ":multicheckboxes": FieldKind.OPTION,
    ":textfield": FieldKind.TEXT,
    ":textarea": FieldKind.TEXT,
    ":datepicker": FieldKind.DATE,
    ":datetime": FieldKind.DATETIME,
    ":userpicker": FieldKind.USER,
    ":multiuserpicker": FieldKind.USER,
    ":labels": FieldKind.LABELS,
    ":version": FieldKind.VERSION,
    ":multiversion": FieldKind.VERSION,
    ":gh-epic-link": FieldKind.PARENT,
}
_TYPE_KINDS: dict[str, FieldKind] = {
    "string": FieldKind.TEXT,
    "number": FieldKind.NUMBER,
    "date": FieldKind.DATE,
    "datetime": FieldKind.DATETIME,
    "user": FieldKind.USER,
    "option": FieldKind.OPTION,
    "version": FieldKind.VERSION,
}
_ARRAY_ITEM_KINDS: dict[str, FieldKind] = {
    "option": FieldKind.OPTION,
    "string": FieldKind.LABELS,
    "user": FieldKind.USER,
    "version": FieldKind.VERSION,
    "component": FieldKind.COMPONENT,
}


@dataclass(frozen=True)
class FieldSpec:
    """One searchable field: `field_id` is its key in an issue's `fields` ('' when virtual)."""

    kind: FieldKind
    field_id: str
    name: str
    # Jira's FieldDetails `orderable` means "editable on screens", not sortable; sorting
    # follows `navigable` (usable as an issue navigator column) and the value kind.
    sortable: bool = True

    @property
    def operators(self) -> frozenset[Operator]:
        supported = OPERATORS_BY_KIND[self.kind]
        if self.field_id in HISTORY_FIELDS:
            supported = supported | _HISTORY
        return supported

    @property
    def history_names(self) -> tuple[str, ...]:
        return HISTORY_FIELDS.get(self.field_id, ())


_BUILT_IN: dict[str, FieldSpec] = {
    "text": FieldSpec(FieldKind.ALL_TEXT, "", "Text", sortable=False),
    "statuscategory": FieldSpec(FieldKind.STATUS_CATEGORY, "statusCategory", "Status Category"),
    "key": FieldSpec(FieldKind.ISSUE_KEY, "issuekey", "Key"),
    "issuekey": FieldSpec(FieldKind.ISSUE_KEY, "issuekey", "Key"),
    "issue": FieldSpec(FieldKind.ISSUE_KEY, "issuekey", "Key"),
    "id": FieldSpec(FieldKind.ISSUE_KEY, "issuekey", "Key"),
}


def kind_of(details: dict[str, Any]) -> FieldKind:
    """The value kind of a FieldDetails entry, from its schema."""
    schema = details.get("schema") or {}
    system = schema.get("system")
    if isinstance(system, str) and system in _SYSTEM_KINDS:
        return _SYSTEM_KINDS[system]
    if details.get("id") in _SYSTEM_KINDS:
        return _SYSTEM_KINDS[str(details["id"])]
    custom = schema.get("custom")
    if isinstance(custom, str):
        for suffix, kind in _CUSTOM_SUFFIX_KINDS.items():
            if custom.endswith(suffix):
                return kind
    value_type = schema.get("type")
    if value_type == "array":
        return _ARRAY_ITEM_KINDS.get(str(schema.get("items")), FieldKind.UNSUPPORTED)
    return _TYPE_KINDS.get(str(value_type), FieldKind.UNSUPPORTED)


class JqlFieldSpecs:
    """Looks up the FieldSpec for a field as written in a query (the REST field list for
    `fields=` and expansions is `jirasim.api.fields.RestFieldCatalog`)."""

    def __init__(self, field_details: list[dict[str, Any]]) -> None:
        self._by_name: dict[str, FieldSpec] = dict(_BUILT_IN)
        for details in field_details:
            field_id = str(details.get("id", ""))
            kind = kind_of(details)
            # Jira's own catalog marks some JQL-searchable fields (e.g. `parent`) as not
            # searchable, so the flag only hides fields the engine cannot search anyway.
            if details.get("searchable") is False and kind is FieldKind.UNSUPPORTED:
                continue
            spec = FieldSpec(
                kind,
                field_id,
                str(details.get("name", field_id)),
                sortable=bool(details.get("navigable", True)),
            )
            names = [field_id, *(str(n) for n in details.get("clauseNames") or ())]
            if field_id.startswith("customfield_"):
                names.append(f"cf[{field_id.removeprefix('customfield_')}]")
            for name in names:
                self._by_name[name.lower()] = spec

    def specs(self) -> list[FieldSpec]:
        """Every distinct field spec, catalog order."""
        return list(dict.fromkeys(self._by_name.values()))

    def resolve(self, field: FieldRef) -> FieldSpec | None:
        """The field's spec, or None when Jira would say it does not exist."""
        if field.properties:
            return None  # entity properties are not indexed by the simulator
        return self._by_name.get(field.name.lower())
