"""Jira's wording for JQL syntax errors, chosen by matching the failure against examples.

Messages are those of Jira's `JqlParseErrorMessages` (texts from Jira's own func tests, e.g.
`TestJqlParsing`). Which one applies is decided with Lark's `match_examples`: every context in
`CONTEXTS` is followed by each probe token, and the parser state in which such an example fails
names the message for any query failing in the same state with the same acceptable tokens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from lark import Token
from lark.exceptions import UnexpectedInput, UnexpectedToken

from jirasim.jql.errors import JqlSyntaxError, syntax_error

OPERATOR_LIST = (
    "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', "
    "'IS' and 'IS NOT'."
)

# kind -> (message when a token was found, message at the end of the query)
MESSAGES: dict[str, tuple[str, str]] = {
    "no_field": (
        "Expecting a field name but got '{token}'. You must surround '{token}' in quotation "
        "marks to use it as a field name.",
        "Expecting a field name at the end of the query.",
    ),
    "no_cf_field": (
        "Expecting a field name but got '{token}'. Did you mean 'cf['?",
        "Expecting a field name at the end of the query.",
    ),
    "no_operator": (
        f"Expecting operator but got '{{token}}'. {OPERATOR_LIST}",
        f"Expecting operator before the end of the query. {OPERATOR_LIST}",
    ),
    "bad_operand": (
        "Expecting either a value, list or function but got '{token}'. You must surround "
        "'{token}' in quotation marks to use it as a value.",
        "Expecting either a value, list or function before the end of the query.",
    ),
    "logical_operator": (
        "Expecting either 'OR' or 'AND' but got '{token}'.",
        "Expecting either 'OR' or 'AND' before the end of the query.",
    ),
    "expect_rparen": (
        "Expecting ')' but got '{token}'.",
        "Expecting ')' before the end of the query.",
    ),
    "expect_rparen_or_comma": (
        "Expecting ')' or ',' but got '{token}'.",
        "Expecting ')' before the end of the query.",
    ),
    "bad_function_argument": (
        "Expecting a function argument but got '{token}'. You must surround '{token}' in "
        "quotation marks to use it as an argument.",
        "Expecting a function argument at the end of the query.",
    ),
    "empty_function_argument": (
        "Function argument must be specified.",
        "Expecting a function argument at the end of the query.",
    ),
    "bad_property_id": (
        "Expecting a property id but got '{token}'.",
        "Expecting a property id before the end of the query.",
    ),
    "bad_cf_id": (
        "Expecting a custom field id (a positive number) but got '{token}'.",
        "Expecting a custom field id (a positive number) before the end of the query.",
    ),
    "expect_by": (
        "Expecting 'by' but got '{token}'.",
        "Expecting 'by' before the end of the query.",
    ),
    "sort_order": (
        "Expecting either 'ASC' or 'DESC' but got '{token}'.",
        "Expecting either 'ASC' or 'DESC' before the end of the query.",
    ),
    "expect_comma": (
        "Expecting ',' but got '{token}'.",
        "Expecting ',' before the end of the query.",
    ),
    "expect_in": (
        "Expecting 'IN' but got '{token}'.",
        "Expecting 'IN' before the end of the query.",
    ),
    "expect_not": (
        "Expecting 'NOT' but got '{token}'.",
        "Expecting 'NOT' before the end of the query.",
    ),
    "expect_lbracket": (
        "Expecting '[' but got '{token}'.",
        "Expecting '[' before the end of the query.",
    ),
    "expect_rbracket": (
        "Expecting ']' but got '{token}'.",
        "Expecting ']' before the end of the query.",
    ),
    "unknown": (
        "Unable to parse the query at '{token}'.",
        "Unable to parse the query before the end of the query.",
    ),
}

_OPERATORS = ("=", "!=", "~", "!~", "<", ">", "<=", ">=", "in", "not in", "is", "is not")
_HISTORY = ("was", "was not", "was in", "was not in")
_PREDICATES = ("after", "before", "on", "during", "by", "from", "to")
_VALUE_ENDINGS = ("b", '"b"', "'b'", "5", "-5", "empty", "f()", "(b)", "((b), c)")

# (kind, contexts, {probe: kind that overrides it after these contexts})
CONTEXTS: tuple[tuple[str, tuple[str, ...], dict[str, str]], ...] = (
    (
        "no_field",
        ("", "a = b and", "a = b or", "not", "!", "not not", "(", "a = b order by",
         "order by a,", "a = b and (", "a = b and not"),
        {"[": "no_cf_field"},
    ),
    (
        "no_operator",
        ("a", '"a"', "'a'", "5", "-5", "cf[1]", "a[b]", "a[b] c", "a[b] 5", "a[b][c]",
         "x = y and a", "(a", "not a"),
        {},
    ),
    ("expect_in", ("a not",), {}),
    ("bad_operand", tuple(f"a {op}" for op in _OPERATORS if op != "is"), {}),
    ("bad_operand", ("a is",), {"!": "expect_not"}),
    ("bad_operand", tuple(f"a {op}" for op in _HISTORY), {}),
    ("bad_operand", tuple(f"a was b {p}" for p in _PREDICATES), {}),
    ("bad_operand", tuple(f"a changed {p}" for p in _PREDICATES), {}),
    ("bad_operand", ("a in (", "a in (b,", "a in ((b),", "a in (b, (", "a = (b, c, (d,"), {}),
    ("logical_operator", tuple(f"a = {end}" for end in _VALUE_ENDINGS), {}),
    ("logical_operator", ("a changed", "a changed after b", "a was b by c", "a is empty"), {}),
    ("expect_rparen", tuple(f"(a = {end}" for end in _VALUE_ENDINGS), {}),
    ("expect_rparen", ("(a changed", "(a changed after b", "((a = b)", "(a = b and c = d"), {}),
    ("expect_rparen", tuple(f"a in ({item}" for item in _VALUE_ENDINGS), {}),
    ("expect_rparen", tuple(f"a in (x, {item}" for item in _VALUE_ENDINGS), {}),
    ("bad_function_argument", ("a = f(", "a = \"f\"(", "a in (f(", "a = 5("), {
        "": "expect_rparen", ",": "expect_rparen"
    }),
    ("expect_rparen_or_comma", ("a = f(b", "a = f(b, c", "a = f(\"b\"", "a = f(5", "a = f(-5"), {}),
    ("bad_function_argument", ("a = f(b,", "a in (f(b,"), {")": "empty_function_argument"}),
    ("expect_lbracket", ("cf", "a = b and cf", "order by cf"), {}),
    ("bad_cf_id", ("cf[", "order by cf["), {}),
    ("expect_rbracket", ("cf[1", "a[b", "a[5", "order by a[b"), {}),
    ("bad_function_argument", ("a[", "order by a["), {"]": "bad_property_id"}),
    ("expect_by", ("order", "a = b order"), {}),
    ("sort_order", ("order by a", 'order by "a"', "order by 5", "order by cf[1]", "order by a[b]",
                    "order by a[b] c", "order by a, b"), {}),
    ("expect_comma", ("order by a asc", "order by a desc", "order by a, b desc"), {}),
)  # fmt: skip

PROBES: tuple[str, ...] = (
    "", "x", '"x"', "'x'", "5", "-5", "=", "!=", "~", "<", "!", "(", ")", ",", "[", "]",
    "and", "or", "not", "in", "is", "was", "changed", "order", "by", "asc", "empty", "after",
    "cf",
)  # fmt: skip

ParseFunction = Callable[[str], Any]


def describe(error: UnexpectedToken, text: str, parse: ParseFunction) -> JqlSyntaxError:
    """The JqlSyntaxError Jira would report for the Lark error `error` on `text`."""
    token: Token = error.token
    at_end = token.type == "$END"
    offset = None if at_end else token.start_pos
    if token.type == "RESERVED_WORD":
        return syntax_error(
            f"'{token}' is a reserved JQL word. You must surround it in quotation marks to use it "
            "in a query.",
            text,
            offset,
        )
    error.state = _StateKey(error.state.position)
    kind = error.match_examples(
        _cached(parse), examples(parse), token_type_match_fallback=True, use_accepts=True
    )
    if kind is None:
        kind = _kind_from_accepts(error.accepts)
    found, end = MESSAGES[kind]
    shown = str(token).replace("\n", " ").replace("\r", " ")
    return syntax_error(end if at_end else found.format(token=shown), text, offset)


def examples(parse: ParseFunction) -> list[tuple[str, list[str]]]:
    """The example table for `match_examples`, keeping one example per parser situation."""
    return _build_examples(parse)


class _StateKey:
    """Compares equal to any Lark parser state with the same LALR state number.

    Lark's `ParserState.__eq__` also compares stack depth, which would tie each example to one
    nesting level (`a b` vs `(((a b`); the wording only depends on the LALR state.
    """

    def __init__(self, position: int) -> None:
        self.position = position

    def __index__(self) -> int:
        # match_examples logs the state with "%d".
        return self.position

    def __eq__(self, other: object) -> bool:
        return getattr(other, "position", None) == self.position

    def __hash__(self) -> int:
        return hash(self.position)


_EXCEPTION_CACHE: dict[str, UnexpectedInput | None] = {}


def _cached(parse: ParseFunction) -> ParseFunction:
    # match_examples re-parses every example on every error; remembering each example's failure
    # (with its lazily computed `accepts`) makes that a table scan.
    def parse_once(text: str) -> object:
        if text not in _EXCEPTION_CACHE:
            try:
                parse(text)
                _EXCEPTION_CACHE[text] = None
            except UnexpectedInput as error:
                _EXCEPTION_CACHE[text] = error
        failure = _EXCEPTION_CACHE[text]
        if failure is not None:
            raise failure.with_traceback(None)
        return None

    return parse_once


@cache
def _build_examples(uncached_parse: ParseFunction) -> list[tuple[str, list[str]]]:
    parse = _cached(uncached_parse)
    defaults: list[tuple[str, list[str]]] = []
    overrides: list[tuple[str, list[str]]] = []
    seen: set[tuple[str, object, frozenset[str]]] = set()
    for kind, contexts, special in CONTEXTS:
        for context in contexts:
            for probe in PROBES:
                example = f"{context} {probe}" if context else probe
                if not example:
                    continue
                offset = (len(context) + 1 if context else 0) if probe else None
                failure = _failure_at_probe(parse, example, offset)
                if failure is None:
                    continue
                label = special.get(probe, kind)
                key = (label, failure.state.position, frozenset(failure.accepts))
                if label != kind:
                    overrides.append((label, [example]))
                elif key not in seen:
                    seen.add(key)
                    defaults.append((label, [example]))
    # Defaults first: match_examples falls back to the first example failing in the same state,
    # while an override only wins on an exact token match.
    return defaults + overrides


def _failure_at_probe(
    parse: ParseFunction, example: str, offset: int | None
) -> UnexpectedToken | None:
    try:
        parse(example)
    except UnexpectedToken as error:
        if offset is None:
            return error if error.token.type == "$END" else None
        return error if error.token.start_pos == offset and error.token.type != "$END" else None
    except (UnexpectedInput, JqlSyntaxError):
        return None
    return None


_OPERATOR_TOKENS = {"EQUALS", "NOT_EQUALS", "LIKE", "NOT_LIKE", "LT", "GT", "IN", "IS"}
_OPERAND_TOKENS = {"STRING", "QUOTE_STRING", "EMPTY", "LPAREN"}
_FIELD_TOKENS = {"STRING", "CUSTOMFIELD", "NOT", "BANG"}


def _kind_from_accepts(accepts: Iterable[str]) -> str:
    """A message for parser situations no example covers, judged by what would be accepted."""
    acceptable = set(accepts) - {"$END"}
    if acceptable >= _OPERATOR_TOKENS:
        return "no_operator"
    if acceptable >= _FIELD_TOKENS:
        return "no_field"
    if acceptable >= _OPERAND_TOKENS:
        return "bad_operand"
    if {"AND", "OR"} <= acceptable:
        return "expect_rparen" if "RPAREN" in acceptable else "logical_operator"
    single = {"RPAREN": "expect_rparen", "COMMA": "expect_comma", "IN": "expect_in",
              "BY": "expect_by", "LBRACKET": "expect_lbracket", "RBRACKET": "expect_rbracket",
              "NOT": "expect_not"}  # fmt: skip
    if len(acceptable) == 1 and (only := next(iter(acceptable))) in single:
        return single[only]
    if acceptable == {"RPAREN", "COMMA"}:
        return "expect_rparen_or_comma"
    return "unknown"
