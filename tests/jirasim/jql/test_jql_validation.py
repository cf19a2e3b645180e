"""Validation against the site's field catalog and values, with Jira's message texts."""

# ruff: noqa: E501 - tables of queries and Jira's message texts read best one case per line

from __future__ import annotations

import pytest

from jirasim.jql import JqlSearcher, JqlValidationError

CASES: list[tuple[str, list[str]]] = [
    ('universe = 42', ["Field 'universe' does not exist or you do not have permission to view it."]),
    ('summary = test', ["The operator '=' is not supported by the 'summary' field."]),
    ('summary in test', ['Operator \'in\' does not support the non-list value \'"test"\' for field \'summary\'.']),
    ('project = INVALID', ["The value 'INVALID' does not exist for the field 'project'."]),
    ('status = Nope', ["The value 'Nope' does not exist for the field 'status'."]),
    ('foo = bar and status = x', ["Field 'foo' does not exist or you do not have permission to view it.", "The value 'x' does not exist for the field 'status'."]),
    ('assignee = foo()', ["Unable to find JQL function 'foo()'."]),
    ('assignee = bogus(a, b)', ["Unable to find JQL function 'bogus(a, b)'."]),
    ('created > xyz', ["Date value 'xyz' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."]),
    ('created > "2024-13-01"', ["Date value '2024-13-01' for field 'created' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."]),
    ('due = "20/12/10"', ["Date value '20/12/10' for field 'due' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."]),
    ('priority = 7', ["The value '7' does not exist for the field 'priority'."]),
    ('reporter = 1', ["A value with ID '1' does not exist for the field 'reporter'."]),
    ('assignee = currentUser(x)', ["Function 'currentUser' expected '0' arguments but received '1'."]),
    ('created > now(1)', ["Function 'now' expected '0' arguments but received '1'."]),
    ('created > startOfDay("invalid")', ["Duration for function 'startOfDay' should have the format (+/-)n(yMwdm), e.g -1M for 1 month earlier."]),
    ('created > startOfMonth(1, 2)', ["Function 'startOfMonth' expected between '0' and '1' arguments but received '2'."]),
    ('assignee in membersOf(nope)', ["Function 'membersOf' can not generate a list of usernames for group 'nope'; the group does not exist."]),
    ('fixVersion in releasedVersions(NOPE)', ["Could not resolve the project 'NOPE' provided to function 'releasedVersions'."]),
    ('status = currentUser()', ["A value provided by the function 'currentUser' is invalid for the field 'status'."]),
    ('comment ~ currentUser()', ["A value provided by the function 'currentUser' is invalid for the field 'comment'."]),
    ('sprint = openSprints()', ["Operator '=' does not support the list value 'openSprints()' for field 'sprint'."]),
    ('assignee = membersOf(developers)', ["Operator '=' does not support the list value 'membersOf(developers)' for field 'assignee'."]),
    ('updated < empty', ["Operator '<' does not support the empty value representation 'EMPTY' for field 'updated'."]),
    ('assignee is b', ["Operator 'is' does not support searching for non-empty values for field 'assignee'."]),
    ('assignee in empty', ["Operator 'in' does not support the empty value representation 'EMPTY' for field 'assignee'."]),
    ('assignee in currentUser()', ["Operator 'in' does not support the non-list value 'currentUser()' for field 'assignee'."]),
    ('assignee was (a, b)', ['Operator \'was\' does not support the list value \'("a", "b")\' for field \'assignee\'.']),
    ('status changed after "20/12/10"', ["Date value '20/12/10' for predicate 'after' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'."]),
    ('status changed after currentUser()', ["A date for the predicate 'after' provided by the function 'currentUser' is not valid."]),
    ('status changed before (11, 12)', ['The BEFORE predicate must be supplied with only 1 date value.']),
    ('status changed during 11', ['The DURING predicate must be supplied with exactly 2 date values.']),
    ('status was Done during (-1w)', ['The DURING predicate must be supplied with exactly 2 date values.']),
    ('assignee changed by bogus()', ["Unable to find JQL function 'bogus()'."]),
    ('assignee was bogus()', ["Unable to find JQL function 'bogus()'."]),
    ('status was Reopened', ["The value 'Reopened' does not exist for the field 'status'."]),
    ('status changed from fred', ["The value 'fred' does not exist for the field 'status'."]),
    ('assignee changed by nobody', ["The value 'nobody' does not exist for the predicate 'by'."]),
    ('key = EX-999', ["An issue with key 'EX-999' does not exist for field 'key'."]),
    ('key = foo', ["The issue key 'foo' for field 'key' is invalid."]),
    ('id = 99999', ["An issue with id '99999' does not exist for field 'id'."]),
    ('parent = EX-99', ["An issue with key 'EX-99' does not exist for field 'parent'."]),
    ('cf[99999] = 1', ["Field 'cf[99999]' does not exist or you do not have permission to view it."]),
    ('cf[10016] = abc', ["The value 'abc' for field 'cf[10016]' is invalid - please specify a number."]),
    ('originalEstimate > lots', ["The value 'lots' for field 'originalEstimate' is invalid - please specify a duration such as '4d', '2h 30m' or a number of minutes."]),
    ('issue.property[x].y = 1', ["Field 'issue.property[x].y' does not exist or you do not have permission to view it."]),
    ('summary ~ ""', ["The field 'summary' does not support searching for an empty string."]),
    ('text ~ "AND"', ["Unable to parse the text 'AND' for field 'text'."]),
    ('labels > x', ["The operator '>' is not supported by the 'labels' field."]),
    ('project > EX', ["The operator '>' is not supported by the 'project' field."]),
    ('summary was x', ["The operator 'was' is not supported by the 'summary' field."]),
    ('creator changed', ["The operator 'changed' is not supported by the 'creator' field."]),
    ('text !~ x', ["The operator '!~' is not supported by the 'text' field."]),
    ('fixVersion = latestReleasedVersion()', ["Function 'latestReleasedVersion' expected '1' arguments but received '0'."]),
    ('Team = Green', ["The value 'Green' does not exist for the field 'Team'."]),
    ('sprint = "Sprint 99"', ["The value 'Sprint 99' does not exist for the field 'sprint'."]),
    ('component = Nope', ["The value 'Nope' does not exist for the field 'component'."]),
    ('type = Nope', ["The value 'Nope' does not exist for the field 'type'."]),
    ('resolution = Nope', ["The value 'Nope' does not exist for the field 'resolution'."]),
    ('statusCategory = Nope', ["The value 'Nope' does not exist for the field 'statusCategory'."]),
    ('fixVersion = 9.9', ["The value '9.9' does not exist for the field 'fixVersion'."]),
    ('project = EX order by comment, foo', ["Not able to sort using field 'comment'.", "Not able to sort using field 'foo'."]),
    ('order by key, created, updated, priority, status, assignee, reporter, type', ['The ORDER BY clause has 8 fields; at most 7 are allowed.']),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "messages"), CASES)
def test_validation_messages(searcher: JqlSearcher, jql: str, messages: list[str]) -> None:
    with pytest.raises(JqlValidationError) as caught:
        searcher.parse_and_validate(jql)
    assert caught.value.messages == messages


@pytest.mark.parametrize(
    "jql",
    [
        "STATUS = done AND Assignee = ACC-ALICE",
        "Type = bug",
        "createdDate > -1d",
        '"story point estimate" > 1',
        "CF[10016] > 1",
        "customfield_10016 > 1",
        "Sprint in openSprints()",
        "assignee = CURRENTUSER()",
        'project = 10000 and project = ex and project = "example shop"',
    ],
)
def test_names_resolve_case_insensitively(searcher: JqlSearcher, jql: str) -> None:
    searcher.parse_and_validate(jql)
