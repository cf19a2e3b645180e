"""Paging and field filtering of issue changelogs, for `GET /issue/{id}/changelog` and
`POST /changelog/bulkfetch` (docs/platform.md#changelogs).

Issues store their `changelog.histories` most recent first (as `expand=changelog` returns them);
both endpoints answer oldest first. Nothing here touches the stored dicts: filtered histories are
new dicts sharing the stored items.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jirasim.jql.dates import parse_jira_timestamp

JsonDict = dict[str, Any]


def oldest_first(issue: JsonDict) -> list[JsonDict]:
    """An issue's change histories, oldest first (ties by history id, which grows with time)."""
    histories = (issue.get("changelog") or {}).get("histories") or []
    return sorted(histories, key=lambda h: (_instant(h), int(h["id"])))


def _instant(history: JsonDict) -> int:
    at = parse_jira_timestamp(history.get("created"))
    return at if at is not None else 0


def keep_fields(history: JsonDict, field_ids: frozenset[str] | None) -> JsonDict | None:
    """The history with only the items of `field_ids` (all items when None), or None when no
    item is left: Jira drops change histories that the field filter empties."""
    if field_ids is None:
        return history
    items = [item for item in history.get("items") or () if item.get("fieldId") in field_ids]
    if not items:
        return None
    return {**history, "items": items}


@dataclass(frozen=True)
class Entry:
    """One change history of one issue, in bulkfetch's global order."""

    at: int
    issue_id: int
    history_id: int
    history: JsonDict


def bulk_entries(issues: Iterable[JsonDict], field_ids: frozenset[str] | None) -> list[Entry]:
    """Every (filtered) history of `issues`, sorted as bulkfetch documents it: by changelog
    date, then issue id (then history id, so equal instants keep a stable order)."""
    entries = []
    for issue in issues:
        issue_id = int(issue["id"])
        for history in (issue.get("changelog") or {}).get("histories") or ():
            kept = keep_fields(history, field_ids)
            if kept is not None:
                entries.append(Entry(_instant(history), issue_id, int(history["id"]), kept))
    entries.sort(key=lambda e: (e.at, e.issue_id, e.history_id))
    return entries


def group_by_issue(entries: Sequence[Entry]) -> list[JsonDict]:
    """A page of entries as `issueChangeLogs`: one entry per issue, issues in ascending id, each
    issue's histories oldest first. An issue whose histories span pages appears on each page."""
    by_issue: dict[int, list[JsonDict]] = {}
    for entry in entries:
        by_issue.setdefault(entry.issue_id, []).append(entry.history)
    return [
        {"issueId": str(issue_id), "changeHistories": by_issue[issue_id]}
        for issue_id in sorted(by_issue)
    ]
