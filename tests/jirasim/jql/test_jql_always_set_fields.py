"""`IS [NOT] EMPTY` on the fields every issue has (project, status, issue type, status category,
key), and the blank field name `\\ ` (an escaped space), against Jira's behaviour.

Jira's operator table for these fields includes `IS` and `IS NOT` (clients bound `/search/jql`
with `project is not EMPTY`); as no issue lacks them, `IS EMPTY` matches nothing and
`IS NOT EMPTY` matches every issue the user may browse.
"""

from __future__ import annotations

import pytest
from tests.jirasim.jql.conftest import Keys

from jirasim.jql import JqlSearcher, JqlSyntaxError, parse_jql

ALWAYS_SET = [
    "project",
    "status",
    "issuetype",
    "type",
    "statusCategory",
    "key",
    "issuekey",
    "issue",
    "id",
]
EMPTINESS = [
    ("is EMPTY", False),
    ("IS null", False),
    ("is not EMPTY", True),
    ("IS NOT null", True),
]


@pytest.mark.parametrize(("operator", "matches_all"), EMPTINESS, ids=[e[0] for e in EMPTINESS])
@pytest.mark.parametrize("field", ALWAYS_SET)
def test_emptiness_of_an_always_set_field(
    keys: Keys, field: str, operator: str, matches_all: bool
) -> None:
    everything = keys("order by key desc")
    assert keys(f"{field} {operator}") == (everything if matches_all else [])


@pytest.mark.parametrize(
    ("jql", "user", "expected"),
    [
        ("project is not EMPTY AND priority = Highest", "acc-alice", ["OPS-2", "EX-3"]),
        (
            "project is not EMPTY",
            "acc-bob",
            [f"EX-{n}" for n in range(12, 0, -1)],
        ),  # OPS is not browsable for Bob
        ("status is EMPTY OR priority = Highest", "acc-alice", ["OPS-2", "EX-3"]),
        (
            "NOT issuetype is EMPTY AND project = OPS",
            "acc-alice",
            [f"OPS-{n}" for n in range(8, 0, -1)],
        ),
    ],
    ids=["combined", "browse-permission", "or", "not"],
)
def test_emptiness_combines_like_any_clause(
    keys: Keys, jql: str, user: str, expected: list[str]
) -> None:
    assert keys(jql, user=user) == expected


@pytest.mark.parametrize("field", ALWAYS_SET)
def test_emptiness_still_refuses_values(searcher: JqlSearcher, field: str) -> None:
    result = searcher.parse_result(f"{field} is Done")
    assert result["errors"] == [
        f"Operator 'is' does not support searching for non-empty values for field '{field}'."
    ]


# Jira's own parser tests ("Empty Escaped Field Name", `\     < 38` -> emptyFieldName at 1:0;
# the jql-editor's parity tests list the same query under jql.parse.empty.field): an escaped
# space lexes as a field name holding one space, which Jira refuses as blank before looking it up.
BLANK_FIELD_NAMES = [
    ("\\ = value", "A field name cannot be empty. (line 1, character 1)"),
    ("\\     < 38", "A field name cannot be empty. (line 1, character 1)"),
    ("project = EX and \\  = value", "A field name cannot be empty. (line 1, character 18)"),
    ("'' = bad", "A field name cannot be empty. (line 1, character 1)"),
]


@pytest.mark.parametrize(
    ("jql", "message"), BLANK_FIELD_NAMES, ids=[b[0] for b in BLANK_FIELD_NAMES]
)
def test_a_blank_escaped_field_name_is_refused_as_jira_does(jql: str, message: str) -> None:
    with pytest.raises(JqlSyntaxError) as caught:
        parse_jql(jql)
    assert caught.value.message == f"Error in the JQL Query: {message}"


def test_an_escaped_space_inside_a_field_name_is_a_name(searcher: JqlSearcher) -> None:
    assert searcher.parse_result("a\\ b = x")["errors"] == [
        "Field 'a b' does not exist or you do not have permission to view it."
    ]
