"""Conformance with Atlassian's JQL grammar test data (`@atlaskit/jql-parser` 3.0.1).

Every valid query parses. Every invalid query is rejected: by the parser, or, for the listed
operand-shape cases, by validation. Jira's server parser (unlike the front-end grammar those
files test) accepts any operand after any operator and reports misuse while validating, e.g.
`summary in test` -> "Operator 'in' does not support the non-list value ..." (the REST spec's
own example), so the simulator does the same.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jirasim.jql import JqlSearcher, JqlSyntaxError, JqlValidationError, parse_jql

DATA = Path(__file__).parents[2] / "fixtures/jql"
FILES = sorted(DATA.glob("*.json"))
VALID = [(path.stem, q) for path in FILES for q in json.loads(path.read_text())["valid"]]
INVALID = [(path.stem, q) for path in FILES for q in json.loads(path.read_text())["invalid"]]

# Valid for the front-end grammar, rejected by Jira's server: a blank field name
# (`\ ` is an escaped space). Jira: "A field name cannot be empty." (TestJqlParsing).
REJECTED_BY_JIRA_SERVER = {"\\ = value"}

# Invalid for the front-end grammar; Jira's server parses them and its validator rejects them.
REJECTED_BY_VALIDATION = {
    "updated < empty", "updated > empty", "updated <= empty", "updated >= empty",
    "updated < null", "updated > null", "updated <= null", "updated >= null",
    "updated < (a, b)", "updated > (a, b)", "updated <= (a, b)", "updated >= (a, b)",
    "assignee = (a, b)", "assignee != (a, b)",
    "assignee in empty", "assignee not in empty", "assignee in null", "assignee not in null",
    "assignee in a", "assignee not in a", "assignee in 0", "assignee not in 0",
    "assignee in -5", "assignee not in -5",
    "assignee is b", "assignee is not b", "assignee is 0", "assignee is not 0",
    "assignee is -5", "assignee is not -5", "assignee is currentUser()",
    "assignee is not currentUser()", "assignee is (a, b)", "assignee is not (a, b)",
    "description ~ (a, b)", "description !~ (a, b)",
    "assignee was (a, b)", "assignee was not (a, b)",
    "assignee was in empty", "assignee was not in empty", "assignee was in null",
    "assignee was not in null", "assignee was in a", "assignee was not in a",
    "assignee was in 0", "assignee was not in 0", "assignee was in -5", "assignee was not in -5",
}  # fmt: skip


def test_all_672_queries_are_loaded() -> None:
    assert len(FILES) == 17
    assert len(VALID) + len(INVALID) == 672


@pytest.mark.parametrize(("source", "jql"), VALID)
def test_valid_queries_parse(source: str, jql: str) -> None:
    if jql in REJECTED_BY_JIRA_SERVER:
        with pytest.raises(JqlSyntaxError, match="A field name cannot be empty"):
            parse_jql(jql)
    else:
        parse_jql(jql)


@pytest.mark.parametrize(("source", "jql"), INVALID)
def test_invalid_queries_are_rejected(searcher: JqlSearcher, source: str, jql: str) -> None:
    if jql in REJECTED_BY_VALIDATION:
        query = parse_jql(jql)
        with pytest.raises(JqlValidationError, match=r"^Operator '"):
            searcher.parse_and_validate(jql)
        assert query.where is not None
    else:
        with pytest.raises(JqlSyntaxError) as caught:
            parse_jql(jql)
        assert "Unable to parse the query" not in caught.value.message, jql
