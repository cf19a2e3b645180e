"""Property tests: parsing and searching fail only with JQL errors; parsing is deterministic."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.jirasim.jql.jql_dataset import NOW

from jirasim.jql import JqlSearcher, JqlSyntaxError, JqlValidationError, parse_jql

# Fragments that steer random text towards almost-valid JQL, where the parser works hardest.
FRAGMENTS = [
    "project", "=", "!=", "~", "!~", "<", ">=", " in ", " not ", " is ", " was ", " changed ",
    " and ", " or ", "!", "(", ")", ",", "[", "]", "cf", "empty", "null", " order by ", " asc",
    " desc", '"', "'", "\\", "\\u00", "f()", "-4w", "EX-1", "10016", " after ", " by ", " from ",
    " during ", "abort", "&&", "||", "\n", "\t", "{", "@",
]  # fmt: skip
jql_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=12).map(
    "".join
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), jql_like))
def test_parse_raises_only_syntax_errors(text: str) -> None:
    try:
        first = parse_jql(text)
    except JqlSyntaxError as error:
        assert error.message.startswith("Error in the JQL Query: ") or " operator " in error.message
        assert error.line >= 1 and error.column >= 1
    else:
        assert parse_jql(text) == first


CLAUSE_PARTS = [
    "project", "status", "assignee", "created", "due", "labels", "priority", "key", "sprint",
    "text", "summary", "fixVersion", "cf[10016]", "Team", "parent", "=", "!=", "~", "<", ">=",
    " in ", " not in ", " is ", " is not ", " was ", " was in ", " changed ", " after ", " by ",
    " from ", " to ", " during ", "EX", "EX-3", "Done", '"In Progress"', "-1w", "2024-06-01",
    "empty", "(", ")", ", ", "currentUser()", "now()", "startOfDay(-1)", "membersOf(developers)",
    "openSprints()", " and ", " or ", " not ", " order by ", " desc", "5", "acc-bob",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CLAUSE_PARTS), max_size=10).map("".join))
def test_search_fails_only_with_jql_errors(searcher: JqlSearcher, text: str) -> None:
    with contextlib.suppress(JqlSyntaxError, JqlValidationError):
        searcher.search(text, account_id="acc-alice", now=NOW)
