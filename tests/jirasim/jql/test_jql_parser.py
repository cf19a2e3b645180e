"""The parser: tree shapes (precedence, quoting, escapes, cf[], ORDER BY) and syntax errors."""

# ruff: noqa: E501 - tables of queries and Jira's message texts read best one case per line

from __future__ import annotations

import pytest

from jirasim.jql import JqlSyntaxError, parse_jql
from jirasim.jql.ast import (
    AndClause,
    EmptyOperand,
    FieldProperty,
    FieldRef,
    FunctionOperand,
    ListOperand,
    NotClause,
    Operator,
    OrClause,
    Position,
    PredicateOperator,
    SortDirection,
    TerminalClause,
    ValueOperand,
)
from jirasim.jql.parser import _parse_text
from jirasim.jql.syntax_errors import MESSAGES, examples


def where(text: str) -> object:
    return parse_jql(text).where


def test_a_full_query() -> None:
    query = parse_jql('project = EX AND status in ("In Progress", Done) ORDER BY created DESC')
    assert query.where == AndClause(
        (
            TerminalClause(
                FieldRef("project", Position(1, 1)),
                Operator.EQUALS,
                ValueOperand("EX", Position(1, 11)),
                (),
                Position(1, 1),
            ),
            TerminalClause(
                FieldRef("status", Position(1, 18)),
                Operator.IN,
                ListOperand(
                    (
                        ValueOperand("In Progress", Position(1, 29)),
                        ValueOperand("Done", Position(1, 44)),
                    ),
                    Position(1, 28),
                ),
                (),
                Position(1, 18),
            ),
        )
    )
    assert query.order_by is not None
    assert [(s.field.name, s.direction) for s in query.order_by] == [
        ("created", SortDirection.DESC)
    ]


def shape(clause: object) -> object:
    """A compact rendering of a where-clause: fields for terminals, nested tuples otherwise."""
    if isinstance(clause, AndClause):
        return ("and", *(shape(c) for c in clause.clauses))
    if isinstance(clause, OrClause):
        return ("or", *(shape(c) for c in clause.clauses))
    if isinstance(clause, NotClause):
        return ("not", shape(clause.clause))
    assert isinstance(clause, TerminalClause)
    return clause.field.name


@pytest.mark.parametrize(
    ("jql", "expected"),
    [
        ("a = 1 or b = 1 and c = 1", ("or", "a", ("and", "b", "c"))),
        ("a = 1 and b = 1 or c = 1", ("or", ("and", "a", "b"), "c")),
        ("not a = 1 and b = 1", ("and", ("not", "a"), "b")),
        ("not (a = 1 and b = 1)", ("not", ("and", "a", "b"))),
        ("! a = 1 || b = 1 && c = 1", ("or", ("not", "a"), ("and", "b", "c"))),
        ("a = 1 & b = 1 | c = 1", ("or", ("and", "a", "b"), "c")),
        ("(a = 1 or b = 1) and c = 1", ("and", ("or", "a", "b"), "c")),
        ("not not a = 1", ("not", ("not", "a"))),
        ("a = 1 AND b = 1 AND c = 1", ("and", "a", "b", "c")),
    ],
)
def test_precedence_is_not_then_and_then_or(jql: str, expected: object) -> None:
    assert shape(where(jql)) == expected


@pytest.mark.parametrize(
    ("jql", "operator"),
    [
        ("a = b", Operator.EQUALS),
        ("a != b", Operator.NOT_EQUALS),
        ("a ~ b", Operator.LIKE),
        ("a !~ b", Operator.NOT_LIKE),
        ("a < 1", Operator.LESS_THAN),
        ("a > 1", Operator.GREATER_THAN),
        ("a <= 1", Operator.LESS_THAN_EQUALS),
        ("a >= 1", Operator.GREATER_THAN_EQUALS),
        ("a IN (b)", Operator.IN),
        ("a NoT iN (b)", Operator.NOT_IN),
        ("a is empty", Operator.IS),
        ("a IS NOT null", Operator.IS_NOT),
        ("a was b", Operator.WAS),
        ("a was not b", Operator.WAS_NOT),
        ("a was in (b)", Operator.WAS_IN),
        ("a WAS\nNOT\nIN (b)", Operator.WAS_NOT_IN),
        ("a changed", Operator.CHANGED),
    ],
)
def test_operators_and_keywords_are_case_insensitive(jql: str, operator: Operator) -> None:
    clause = where(jql)
    assert isinstance(clause, TerminalClause)
    assert clause.operator is operator


@pytest.mark.parametrize(
    ("jql", "value", "is_number"),
    [
        ("a = -4w", "-4w", False),
        ("a = EX-12", "EX-12", False),
        ("a = 3.14", "3.14", False),
        ("a = 2024-06-01", "2024-06-01", False),
        ("a = 42", "42", True),
        ("a = -5", "-5", True),
        ('a = "two words"', "two words", False),
        ("a = 'single'", "single", False),
        ('a = "quote \\" inside"', 'quote " inside', False),
        ("a = 'it\\'s'", "it's", False),
        ('a = "tab\\tnew\\nline\\\\"', "tab\tnew\nline\\", False),
        ("a = caf\\u00e9", "café", False),
        ("a = two\\ words", "two words", False),
        ('a = ""', "", False),
        ('a = "abort"', "abort", False),
        ('a = "and"', "and", False),
        ("a = andx", "andx", False),
    ],
)
def test_values_quoting_and_escapes(jql: str, value: str, is_number: bool) -> None:
    clause = where(jql)
    assert isinstance(clause, TerminalClause)
    assert clause.operand == ValueOperand(value, clause.operand.position, is_number)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("jql", "name", "custom_id", "properties"),
    [
        ('"Story Points" = 3', "Story Points", None, ()),
        ("'issue type' = Bug", "issue type", None, ()),
        ("issue\\ type = Bug", "issue type", None, ()),
        ("cf[10016] > 3", "cf[10016]", 10016, ()),
        ("CF [ 10016 ] > 3", "cf[10016]", 10016, ()),
        ("12345 = x", "12345", None, ()),
        ("issue.property[stats].comments = 1", "issue.property", None,
         (FieldProperty("stats", (".comments",)),)),
        ('issue.property["spaces here"].value = 1', "issue.property", None,
         (FieldProperty("spaces here", (".value",)),)),
    ],
)  # fmt: skip
def test_field_names(
    jql: str, name: str, custom_id: int | None, properties: tuple[FieldProperty, ...]
) -> None:
    clause = where(jql)
    assert isinstance(clause, TerminalClause)
    assert (clause.field.name, clause.field.custom_field_id, clause.field.properties) == (
        name,
        custom_id,
        properties,
    )


def test_functions_lists_and_predicates() -> None:
    clause = where(
        'assignee was in (a, membersOf("devs"), EMPTY) by currentUser() during (-1w, now())'
    )
    assert isinstance(clause, TerminalClause)
    assert isinstance(clause.operand, ListOperand)
    items = clause.operand.items
    assert isinstance(items[1], FunctionOperand) and items[1].arguments == ("devs",)
    assert isinstance(items[2], EmptyOperand)
    assert [p.operator for p in clause.predicates] == [
        PredicateOperator.BY,
        PredicateOperator.DURING,
    ]
    assert clause.operand.display == '("a", membersOf(devs), EMPTY)'


def test_changed_with_all_predicates() -> None:
    clause = where(
        'status changed from "To Do" to Done by bob after -1w before now() on 2024-01-01'
    )
    assert isinstance(clause, TerminalClause)
    assert clause.operand is None
    assert [p.operator.value for p in clause.predicates] == [
        "from",
        "to",
        "by",
        "after",
        "before",
        "on",
    ]


@pytest.mark.parametrize(
    ("jql", "sorts"),
    [
        ("order by created", [("created", None)]),
        (
            "ORDER BY created DESC, key asc",
            [("created", SortDirection.DESC), ("key", SortDirection.ASC)],
        ),
        ('order by "Story Points" asc', [("Story Points", SortDirection.ASC)]),
        ("a = b order by cf[10016]", [("cf[10016]", None)]),
    ],
)
def test_order_by(jql: str, sorts: list[tuple[str, SortDirection | None]]) -> None:
    order_by = parse_jql(jql).order_by
    assert order_by is not None
    assert [(s.field.name, s.direction) for s in order_by] == sorts


def test_empty_query() -> None:
    query = parse_jql("   ")
    assert query.where is None and query.order_by is None


# Messages from Jira's own parser tests (TestJqlParsing) unless marked otherwise.
SYNTAX_ERRORS: list[tuple[str, str]] = [
    ("invalid query", "Expecting operator but got 'query'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 9)"),
    ("a", "Expecting operator before the end of the query. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."),
    ("a blah >", "Expecting operator but got 'blah'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 3)"),
    ("a =a and j not is empty", "Expecting 'IN' but got 'is'. (line 1, character 16)"),
    ("a =a and j is ! empty", "Expecting 'NOT' but got '!'. (line 1, character 15)"),
    ('a not was "Open"', "Expecting 'IN' but got 'was'. (line 1, character 7)"),
    ("comment ~ 'test", "The quoted string 'test' has not been completed. (line 1, character 11)"),
    ("comment ~ 'test\n", "The quoted string 'test ' has not been completed. (line 1, character 11)"),
    ('priority="test\nword', "The quoted string 'test word' has not been completed. (line 1, character 10)"),
    ("comment ~ '", "The quoted string has not been completed. (line 1, character 11)"),
    ("comme\\unt ~ 'test", "'\\un' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 6)"),
    ("status =\n\n\n\n\\", "The escape sequence has not been completed. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 5, character 1)"),
    ("status =\n\n\n\n'\\u'", "'\\u'' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 5, character 2)"),
    ("mine{www = qwwr", "The character '{' is a reserved JQL character. You must enclose it in a string or use the escape '\\u007b' instead. (line 1, character 5)"),
    ("minewww# = qwwr", "The character '#' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0023' instead. (line 1, character 8)"),
    ("minewww = qwwr}", "The character '}' is a reserved JQL character. You must enclose it in a string or use the escape '\\u007d' instead. (line 1, character 15)"),
    ("minewww =\u007fqwwr", "The character 'U+007F' on line 1 at position 10 must be escaped. Use the escape '\\u007f' instead. (line 1, character 10)"),
    ('mqwwr="\u007f this is broken"', "The character 'U+007F' on line 1 at position 8 must be escaped. Use the escape '\\u007f' instead. (line 1, character 8)"),
    ("control = 'char\t'", "The character 'TAB' on line 1 at position 16 must be escaped. Use the escape '\\u0009' instead. (line 1, character 16)"),
    ("aaaaa=-3482094382084092840932809482", "'-3482094382084092840932809482' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 7)"),
    ("cf[1002020202002020202020202020020202822]=a", "'1002020202002020202020202020020202822' is not a valid number. Numbers must be between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807. (line 1, character 4)"),
    ("a =b order", "Expecting 'by' before the end of the query."),
    ("a =b order summary", "Expecting 'by' but got 'summary'. (line 1, character 12)"),
    ("a =b order by", "Expecting a field name at the end of the query."),
    ("a =b order by asc", "Expecting a field name but got 'asc'. You must surround 'asc' in quotation marks to use it as a field name. (line 1, character 15)"),
    ("a =b order by ajsks blah", "Expecting either 'ASC' or 'DESC' but got 'blah'. (line 1, character 21)"),
    ('a =b order by "" desc', "A field name cannot be empty. (line 1, character 15)"),
    ("'' = c", "A field name cannot be empty. (line 1, character 1)"),
    ("a = ''()", "A function name cannot be empty. (line 1, character 5)"),
    ('a = ""()', "A function name cannot be empty. (line 1, character 5)"),
    ("cf", "Expecting '[' before the end of the query."),
    ("a = b and not (cf = 6)", "Expecting '[' but got '='. (line 1, character 19)"),
    ("cf[", "Expecting a custom field id (a positive number) before the end of the query."),
    ("cf[ = 9", "Expecting a custom field id (a positive number) but got '='. (line 1, character 5)"),
    ("cf[] = 1", "Expecting a custom field id (a positive number) but got ']'. (line 1, character 4)"),
    ("cf[29829k] = ", "Expecting a custom field id (a positive number) but got '29829k'. (line 1, character 4)"),
    ("cf[-29829] = ", "Expecting a custom field id (a positive number) but got '-29829'. (line 1, character 4)"),
    ("cf[29829 = world", "Expecting ']' but got '='. (line 1, character 10)"),
    ("cf[29829", "Expecting ']' before the end of the query."),
    ("a = func(", "Expecting ')' before the end of the query."),
    ("a = func(, and not (a = x)", "Expecting ')' but got ','. (line 1, character 10)"),
    ("b=func(bad", "Expecting ')' before the end of the query."),
    ("bas=func(bad,)", "Function argument must be specified. (line 1, character 14)"),
    ("bas=func(bad,", "Expecting a function argument at the end of the query."),
    ("k = func(!", "Expecting a function argument but got '!'. You must surround '!' in quotation marks to use it as an argument. (line 1, character 10)"),
    ("k = func(abc, jk!)", "Expecting ')' or ',' but got '!'. (line 1, character 17)"),
    ("(a=b and c = d", "Expecting ')' before the end of the query."),
    ("a=b or (c=d and not l ~ kate", "Expecting ')' before the end of the query."),
    ("b in ((12, (288)", "Expecting ')' before the end of the query."),
    ("abc IN ((foo) abc = a", "Expecting ')' but got 'abc'. (line 1, character 15)"),
    ("a=", "Expecting either a value, list or function before the end of the query."),
    ("a=!", "Expecting either a value, list or function but got '!'. You must surround '!' in quotation marks to use it as a value. (line 1, character 3)"),
    ("a=b c=d", "Expecting either 'OR' or 'AND' but got 'c'. (line 1, character 5)"),
    ("a=b !c=d", "Expecting either 'OR' or 'AND' but got '!'. (line 1, character 5)"),
    ("a=(a,", "Expecting either a value, list or function before the end of the query."),
    ("a=(a,(,bad))", "Expecting either a value, list or function but got ','. You must surround ',' in quotation marks to use it as a value. (line 1, character 7)"),
    ("a = ((c,d), d, e, f, yyy) and", "Expecting a field name at the end of the query."),
    ('comment !~ "brenden" jack = jill', "Expecting either 'OR' or 'AND' but got 'jack'. (line 1, character 22)"),
    ('comment !~ "brenden" and cf[1000] = jill order by a desc b', "Expecting ',' but got 'b'. (line 1, character 58)"),
    (", a = b", "Expecting a field name but got ','. You must surround ',' in quotation marks to use it as a field name. (line 1, character 1)"),
    ("order by a desc d", "Expecting ',' but got 'd'. (line 1, character 17)"),
    ("[brenden] = a", "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 1)"),
    ("a = brenden and [78] = q", "Expecting a field name but got '['. Did you mean 'cf['? (line 1, character 17)"),
    ("a was", "Expecting either a value, list or function before the end of the query."),
    ("summary ~ abort", "'abort' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)"),
    ("assignee = abort", "'abort' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 12)"),
    ("pri notin (x)", "'notin' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 5)"),
    ("status = select()", "'select' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 10)"),
    # from Jira's WAS/CHANGED func tests
    ("reporter was (fred, bob", "Expecting ')' before the end of the query."),
    ("reporter was (fred, bob) at '10:55'", "Expecting either 'OR' or 'AND' but got 'at'. (line 1, character 26)"),
    # chosen wording (Jira's JqlParseErrorMessages keys, worded like their siblings)
    ("project = EX AND", "Expecting a field name at the end of the query."),
    ("issuetype[", "Expecting a function argument at the end of the query."),
    ("issue.property[] = x", "Expecting a property id but got ']'. (line 1, character 16)"),
    ("a = b order by x[1", "Expecting ']' before the end of the query."),
    ("((((a b", "Expecting operator but got 'b'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 1, character 7)"),
    ("a in (b c", "Expecting ')' but got 'c'. (line 1, character 9)"),
    ("(a = b c", "Expecting ')' but got 'c'. (line 1, character 8)"),
    ("a = b)", "Expecting either 'OR' or 'AND' but got ')'. (line 1, character 6)"),
    ("a = b\n  and\n  c", "Expecting operator before the end of the query. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'."),
    ("a = b\n  and\n  c d", "Expecting operator but got 'd'. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'. (line 3, character 5)"),
]  # fmt: skip


@pytest.mark.parametrize(("jql", "message"), SYNTAX_ERRORS)
def test_syntax_errors_read_like_jira(jql: str, message: str) -> None:
    with pytest.raises(JqlSyntaxError) as caught:
        parse_jql(jql)
    assert caught.value.message == "Error in the JQL Query: " + message


@pytest.mark.parametrize(
    ("jql", "message", "line", "column"),
    [
        ('status = "Open" by admin', 'The EQUALS operator does not support the use of the by "admin" predicate.', 1, 17),
        ("status = todo AFTER now", 'The EQUALS operator does not support the use of the after "now" predicate.', 1, 15),
        ("status in (todo) BEFORE -1w", 'The IN operator does not support the use of the before "-1w" predicate.', 1, 18),
        ("assignee was empty from a", 'The WAS operator does not support the use of the from "a" predicate.', 1, 20),
        ('fixVersion changed 4 by "x"', "The CHANGED operator does not support the use of values without predicates. You must prefix the 4 value with a suitable predicate.", 1, 20),
        ("status changed todo", 'The CHANGED operator does not support the use of values without predicates. You must prefix the "todo" value with a suitable predicate.', 1, 16),
    ],
)  # fmt: skip
def test_misplaced_predicates(jql: str, message: str, line: int, column: int) -> None:
    with pytest.raises(JqlSyntaxError) as caught:
        parse_jql(jql)
    assert (caught.value.message, caught.value.line, caught.value.column) == (message, line, column)


def test_errors_carry_line_and_character() -> None:
    with pytest.raises(JqlSyntaxError) as caught:
        parse_jql("project = EX\nAND status = Done\nAND foo bar")
    assert (caught.value.line, caught.value.column) == (3, 9)


def test_every_example_gets_its_own_message() -> None:
    """The example table is consistent: each example, parsed, yields its label's wording."""
    for label, (example,) in examples(_parse_text):
        with pytest.raises(JqlSyntaxError) as caught:
            parse_jql(example)
        found, at_end = MESSAGES[label]
        message = caught.value.message.removeprefix("Error in the JQL Query: ")
        if "(line " in message:
            assert message.startswith(found.split("{token}")[0]), (example, label, message)
        else:
            assert message == at_end, (example, label, message)
