"""The searcher's API for the REST layer: boundedness, /jql/parse results, limits, freshness."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.jirasim.jql.jql_dataset import NOW, build_site, make_issue

from jirasim.jql import MAX_ORDER_BY_FIELDS, JqlSearcher, JqlValidationError


@pytest.mark.parametrize(
    ("jql", "bounded"),
    [("", False), ("  ", False), ("order by key desc", False), ("ORDER BY created", False),
     ("project = EX", True), ("project = EX order by key", True), ("not status = Done", True)],
)  # fmt: skip
def test_is_bounded(searcher: JqlSearcher, jql: str, bounded: bool) -> None:
    assert searcher.is_bounded(searcher.parse_and_validate(jql)) is bounded


def test_parse_result_structure(searcher: JqlSearcher) -> None:
    jql = (
        "summary ~ test AND (labels in (urgent, blocker) OR assignee = currentUser()) "
        "AND status CHANGED AFTER startOfMonth(-1M) ORDER BY updated DESC"
    )
    assert searcher.parse_result(jql) == {
        "query": jql,
        "structure": {
            "where": {
                "operator": "and",
                "clauses": [
                    {
                        "field": {"name": "summary", "encodedName": "summary"},
                        "operator": "~",
                        "operand": {"value": "test", "encodedValue": "test"},
                    },
                    {
                        "operator": "or",
                        "clauses": [
                            {
                                "field": {"name": "labels", "encodedName": "labels"},
                                "operator": "in",
                                "operand": {
                                    "values": [
                                        {"value": "urgent", "encodedValue": "urgent"},
                                        {"value": "blocker", "encodedValue": "blocker"},
                                    ],
                                    "encodedOperand": "(urgent, blocker)",
                                },
                            },
                            {
                                "field": {"name": "assignee", "encodedName": "assignee"},
                                "operator": "=",
                                "operand": {
                                    "function": "currentUser",
                                    "arguments": [],
                                    "encodedOperand": "currentUser()",
                                },
                            },
                        ],
                    },
                    {
                        "field": {"name": "status", "encodedName": "status"},
                        "operator": "changed",
                        "predicates": [
                            {
                                "operator": "after",
                                "operand": {
                                    "function": "startOfMonth",
                                    "arguments": ["-1M"],
                                    "encodedOperand": "startOfMonth(-1M)",
                                },
                            }
                        ],
                    },
                ],
            },
            "orderBy": {
                "fields": [
                    {"field": {"name": "updated", "encodedName": "updated"}, "direction": "desc"}
                ]
            },
        },
    }


def test_parse_result_quotes_encoded_values_and_describes_properties(searcher: JqlSearcher) -> None:
    jql = 'issue.property["spaces here"].value in ("Service requests", Incidents, EMPTY)'
    result = searcher.parse_result(jql, validation="none")
    assert result["structure"]["where"] == {
        "field": {
            "name": "issue.property[spaces here].value",
            "encodedName": 'issue.property["spaces here"].value',
            "property": [{"entity": "issue", "key": "spaces here", "path": "value"}],
        },
        "operator": "in",
        "operand": {
            "values": [
                {"value": "Service requests", "encodedValue": '"Service requests"'},
                {"value": "Incidents", "encodedValue": "Incidents"},
                {"keyword": "empty"},
            ],
            "encodedOperand": '("Service requests", Incidents, EMPTY)',
        },
    }


@pytest.mark.parametrize(
    ("jql", "validation", "expected"),
    [
        ("invalid query", "strict", {"errors": [
            "Error in the JQL Query: Expecting operator but got 'query'. The valid operators are "
            "'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. "
            "(line 1, character 9)"]}),
        ("summary = test", "strict",
         {"errors": ["The operator '=' is not supported by the 'summary' field."]}),
        ("summary in test", "strict", {"errors": [
            "Operator 'in' does not support the non-list value '\"test\"' for field 'summary'."]}),
        ("universe = 42", "strict", {"errors": [
            "Field 'universe' does not exist or you do not have permission to view it."]}),
        ("project = INVALID", "warn", {
            "errors": ["The value 'INVALID' does not exist for the field 'project'."],
            "structure": {"where": {
                "field": {"name": "project", "encodedName": "project"}, "operator": "=",
                "operand": {"value": "INVALID", "encodedValue": "INVALID"}}}}),
        ("project = INVALID", "none", {"structure": {"where": {
            "field": {"name": "project", "encodedName": "project"}, "operator": "=",
            "operand": {"value": "INVALID", "encodedValue": "INVALID"}}}}),
        ("status was Done by acc-bob", "strict", {"structure": {"where": {
            "field": {"name": "status", "encodedName": "status"}, "operator": "was",
            "operand": {"value": "Done", "encodedValue": "Done"},
            "predicates": [{"operator": "by",
                            "operand": {"value": "acc-bob", "encodedValue": "acc-bob"}}]}}}),
        ('"Story point estimate" > 3 and cf[10016] is empty', "strict", {"structure": {"where": {
            "operator": "and", "clauses": [
                {"field": {"name": "Story point estimate",
                           "encodedName": '"Story point estimate"'},
                 "operator": ">", "operand": {"value": "3", "encodedValue": "3"}},
                {"field": {"name": "cf[10016]", "encodedName": "cf[10016]"},
                 "operator": "is", "operand": {"keyword": "empty"}}]}}}),
    ],
)  # fmt: skip
def test_parse_results(
    searcher: JqlSearcher, jql: str, validation: Any, expected: dict[str, Any]
) -> None:
    assert searcher.parse_result(jql, validation=validation) == {"query": jql, **expected}


def test_order_by_is_limited_for_searches_but_not_for_parsing(searcher: JqlSearcher) -> None:
    jql = "project = EX order by key, created, updated, priority, status, assignee, reporter, type"
    assert MAX_ORDER_BY_FIELDS == 7
    with pytest.raises(JqlValidationError) as caught:
        searcher.search(jql, account_id=None, now=NOW)
    assert caught.value.messages == ["The ORDER BY clause has 8 fields; at most 7 are allowed."]
    assert "structure" in searcher.parse_result(jql)


def test_search_returns_the_sites_issue_dicts(searcher: JqlSearcher) -> None:
    found = searcher.search("key = EX-3", account_id=None, now=NOW)
    assert found[0] is next(i for i in searcher.site.issues if i["key"] == "EX-3")


def test_search_query_reuses_a_validated_query(searcher: JqlSearcher) -> None:
    query = searcher.parse_and_validate("project = EX AND assignee = currentUser()")
    found = searcher.search_query(query, account_id="acc-bob", now=NOW)
    assert [issue["key"] for issue in found] == ["EX-10", "EX-8", "EX-5", "EX-2"]


def test_new_issues_are_seen_and_edits_after_invalidate() -> None:
    site = build_site()
    searcher = JqlSearcher(site)
    site.issues = [
        *site.issues,
        make_issue("EX-13", "Brand new", "Bug", "To Do", "2024-06-12 11:00"),
    ]
    assert [
        i["key"] for i in searcher.search("type = Bug AND created >= -1h", account_id=None, now=NOW)
    ] == ["EX-13"]
    edited = copy.deepcopy(site.issues[-1])
    edited["fields"]["summary"] = "Renamed entirely"
    site.issues[-1] = edited
    searcher.invalidate()
    assert [i["key"] for i in searcher.search("summary ~ renamed", account_id=None, now=NOW)] == [
        "EX-13"
    ]


def test_week_start_is_configurable() -> None:
    monday_searcher = JqlSearcher(build_site(), week_start=0)
    found = monday_searcher.search("created >= startOfWeek()", account_id=None, now=NOW)
    # the week starts on Monday 2024-06-10: EX-4 (Mon), EX-8 (Tue) and EX-12 (Wed) in EX
    assert [i["key"] for i in found] == ["EX-12", "EX-8", "EX-4"]
