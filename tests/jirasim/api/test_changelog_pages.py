"""The pure paging helpers behind the changelog endpoints: bulkfetch's global order (date, then
issue id, then history id), field filtering, and grouping a page by issue."""

from __future__ import annotations

from typing import Any

import pytest

from jirasim.api.changelog_pages import bulk_entries, group_by_issue, keep_fields, oldest_first

STATUS = {"fieldId": "status", "from": "1", "to": "2"}
ASSIGNEE = {"fieldId": "assignee", "from": None, "to": "a"}


def _history(history_id: int, created: str, *items: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(history_id), "created": created, "items": list(items)}


def _issue(issue_id: int, *histories: dict[str, Any]) -> dict[str, Any]:
    # Stored newest first, as the dataset (and expand=changelog) keeps them.
    newest_first = sorted(histories, key=lambda h: (h["created"], int(h["id"])), reverse=True)
    return {"id": str(issue_id), "changelog": {"histories": newest_first}}


NOON = "2025-03-30T12:00:00.000+0000"
ONE = "2025-03-30T13:00:00.000+0000"
# The same instant written in another offset sorts by the instant, not the text.
ONE_IN_BERLIN = "2025-03-30T15:00:00.000+0200"


def test_oldest_first_orders_by_instant_then_history_id() -> None:
    issue = _issue(1, _history(7, ONE_IN_BERLIN, STATUS), _history(5, ONE, STATUS))
    issue["changelog"]["histories"].append(_history(3, NOON, STATUS))
    assert [h["id"] for h in oldest_first(issue)] == ["3", "5", "7"]


@pytest.mark.parametrize(
    ("field_ids", "expected"),
    [
        (None, [STATUS, ASSIGNEE]),
        (frozenset({"status"}), [STATUS]),
        (frozenset({"assignee", "labels"}), [ASSIGNEE]),
        (frozenset({"labels"}), None),
    ],
    ids=["no filter", "one field", "one of two fields", "nothing left"],
)
def test_keep_fields(field_ids, expected) -> None:
    history = _history(1, NOON, STATUS, ASSIGNEE)
    kept = keep_fields(history, field_ids)
    assert (kept["items"] if kept is not None else None) == expected
    assert history["items"] == [STATUS, ASSIGNEE]  # the stored history is left alone


def test_bulk_order_is_date_then_issue_then_history() -> None:
    issues = [
        _issue(20, _history(9, NOON, STATUS), _history(8, ONE, STATUS)),
        _issue(10, _history(4, ONE, STATUS), _history(6, ONE, ASSIGNEE)),
    ]
    entries = bulk_entries(issues, None)
    assert [(e.issue_id, e.history_id) for e in entries] == [(20, 9), (10, 4), (10, 6), (20, 8)]
    assert [e.history_id for e in bulk_entries(issues, frozenset({"assignee"}))] == [6]


def test_a_page_groups_by_issue_in_ascending_id() -> None:
    issues = [_issue(20, _history(9, NOON, STATUS)), _issue(10, _history(4, ONE, STATUS))]
    page = group_by_issue(bulk_entries(issues, None))
    assert [(e["issueId"], [h["id"] for h in e["changeHistories"]]) for e in page] == [
        ("10", ["4"]),
        ("20", ["9"]),
    ]
