"""`parse_jql`: JQL text to the frozen syntax tree of `ast.py`.

Pipeline: `lexer.tokenize` (lexical errors) -> Lark LALR over `grammar.lark` (syntax errors,
worded by `syntax_errors`) -> `_ToAst` transformer (errors Jira's parser raises on well-formed
input: empty names, out-of-range numbers, predicates on operators that take none).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedToken, VisitError

from jirasim.jql import syntax_errors
from jirasim.jql.ast import (
    AndClause,
    Clause,
    EmptyOperand,
    FieldProperty,
    FieldRef,
    FunctionOperand,
    ListOperand,
    NotClause,
    Operand,
    Operator,
    OrClause,
    Position,
    Predicate,
    PredicateOperator,
    Query,
    SortDirection,
    SortField,
    TerminalClause,
    ValueOperand,
)
from jirasim.jql.errors import JqlSyntaxError, syntax_error
from jirasim.jql.lexer import PretokenizedLexer, tokenize, unescape

_OPERATORS: dict[tuple[str, ...], Operator] = {
    ("EQUALS",): Operator.EQUALS,
    ("NOT_EQUALS",): Operator.NOT_EQUALS,
    ("LIKE",): Operator.LIKE,
    ("NOT_LIKE",): Operator.NOT_LIKE,
    ("LT",): Operator.LESS_THAN,
    ("GT",): Operator.GREATER_THAN,
    ("LTEQ",): Operator.LESS_THAN_EQUALS,
    ("GTEQ",): Operator.GREATER_THAN_EQUALS,
    ("IN",): Operator.IN,
    ("NOT", "IN"): Operator.NOT_IN,
    ("IS",): Operator.IS,
    ("IS", "NOT"): Operator.IS_NOT,
    ("WAS",): Operator.WAS,
    ("WAS", "NOT"): Operator.WAS_NOT,
    ("WAS", "IN"): Operator.WAS_IN,
    ("WAS", "NOT", "IN"): Operator.WAS_NOT_IN,
}
# Jira's Operator enum names, used in its "does not support the use of ... predicate" message.
_OPERATOR_NAMES: dict[Operator, str] = {
    Operator.EQUALS: "EQUALS",
    Operator.NOT_EQUALS: "NOT_EQUALS",
    Operator.LIKE: "LIKE",
    Operator.NOT_LIKE: "NOT_LIKE",
    Operator.LESS_THAN: "LESS_THAN",
    Operator.GREATER_THAN: "GREATER_THAN",
    Operator.LESS_THAN_EQUALS: "LESS_THAN_EQUALS",
    Operator.GREATER_THAN_EQUALS: "GREATER_THAN_EQUALS",
    Operator.IN: "IN",
    Operator.NOT_IN: "NOT_IN",
    Operator.IS: "IS",
    Operator.IS_NOT: "IS_NOT",
    Operator.WAS: "WAS",
    Operator.WAS_NOT: "WAS_NOT",
    Operator.WAS_IN: "WAS_IN",
    Operator.WAS_NOT_IN: "WAS_NOT_IN",
    Operator.CHANGED: "CHANGED",
}
_WAS_PREDICATES = frozenset(
    {
        PredicateOperator.AFTER,
        PredicateOperator.BEFORE,
        PredicateOperator.ON,
        PredicateOperator.DURING,
        PredicateOperator.BY,
    }
)
_NUMBER_TOKENS = frozenset({"POSNUMBER", "NEGNUMBER"})
_LONG_MIN, _LONG_MAX = -(2**63), 2**63 - 1


def parse_jql(text: str) -> Query:
    """Parse `text`; raises `JqlSyntaxError` with Jira's message, line and character."""
    tokens = tokenize(text)
    try:
        tree = _lark().parse(tokens)
    except UnexpectedToken as error:
        raise syntax_errors.describe(error, text, _parse_text) from None
    try:
        query: Query = _ToAst(text).transform(tree)
    except VisitError as error:
        if isinstance(error.orig_exc, JqlSyntaxError):
            raise error.orig_exc from None
        raise
    return query


def _parse_text(text: str) -> object:
    return _lark().parse(tokenize(text))


@cache
def _lark() -> Lark:
    grammar = files("jirasim.jql").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer=PretokenizedLexer, start="start")


def _position(token: Token) -> Position:
    return Position(token.line or 1, token.column or 1)


def _node_children(children: list[Any]) -> list[Any]:
    return [child for child in children if not isinstance(child, Token)]


class _ToAst(Transformer[Token, Query]):
    """Builds `ast.Query`; also raises the errors Jira's parser reports on valid syntax."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def _error(self, body: str, token: Token | None) -> JqlSyntaxError:
        return syntax_error(body, self.text, None if token is None else token.start_pos)

    def _number(self, token: Token) -> str:
        if not _LONG_MIN <= int(token) <= _LONG_MAX:
            raise self._error(
                f"'{token}' is not a valid number. Numbers must be between "
                "-9,223,372,036,854,775,808 and 9,223,372,036,854,775,807.",
                token,
            )
        return str(token)

    def _string(self, token: Token) -> str:
        if token.type in _NUMBER_TOKENS:
            return self._number(token)
        if token.type == "STRING":
            return unescape(str(token))
        return unescape(str(token)[1:-1])

    def start(self, children: list[Any]) -> Query:
        where: Clause | None = None
        order_by: tuple[SortField, ...] | None = None
        for child in children:
            if isinstance(child, tuple):
                order_by = child
            elif child is not None:
                where = child
        return Query(where, order_by)

    def or_clause(self, children: list[Any]) -> Clause:
        clauses = _node_children(children)
        return clauses[0] if len(clauses) == 1 else OrClause(tuple(clauses))

    def and_clause(self, children: list[Any]) -> Clause:
        clauses = _node_children(children)
        return clauses[0] if len(clauses) == 1 else AndClause(tuple(clauses))

    def not_clause(self, children: list[Any]) -> Clause:
        return NotClause(children[-1])

    def sub_clause(self, children: list[Any]) -> Clause:
        clause: Clause = children[1]
        return clause

    def terminal_clause(self, children: list[Any]) -> TerminalClause:
        field: FieldRef = children[0]
        operator: Operator = children[1]
        operand: Operand = children[2]
        predicates: tuple[Predicate, ...] = tuple(children[3:])
        allowed = _WAS_PREDICATES if operator in _HISTORY_VALUE_OPERATORS else frozenset()
        for predicate in predicates:
            if predicate.operator not in allowed:
                raise JqlSyntaxError(
                    f"The {_OPERATOR_NAMES[operator]} operator does not support the use of the "
                    f"{predicate.display} predicate.",
                    predicate.position.line,
                    predicate.position.column,
                )
        return TerminalClause(field, operator, operand, predicates, field.position)

    def changed_clause(self, children: list[Any]) -> TerminalClause:
        field: FieldRef = children[0]
        rest = children[2:]
        if rest and not isinstance(rest[0], Predicate):
            operand: Operand = rest[0]
            raise JqlSyntaxError(
                "The CHANGED operator does not support the use of values without predicates. "
                f"You must prefix the {operand.display} value with a suitable predicate.",
                operand.position.line,
                operand.position.column,
            )
        return TerminalClause(field, Operator.CHANGED, None, tuple(rest), field.position)

    def operator(self, children: list[Token]) -> Operator:
        return _OPERATORS[tuple(token.type for token in children)]

    def predicate(self, children: list[Any]) -> Predicate:
        token: Token = children[0]
        return Predicate(PredicateOperator(token.lower()), children[1], _position(token))

    def predicate_operator(self, children: list[Token]) -> Token:
        return children[0]

    def field(self, children: list[Any]) -> FieldRef:
        base: FieldRef = children[0]
        properties = tuple(children[1:])
        if not properties:
            return base
        return FieldRef(base.name, base.position, base.custom_field_id, properties)

    def field_name(self, children: list[Any]) -> FieldRef:
        child = children[0]
        if isinstance(child, FieldRef):
            return child
        name = self._string(child)
        if not name.strip():
            raise self._error("A field name cannot be empty.", child)
        return FieldRef(name, _position(child))

    def custom_field(self, children: list[Token]) -> FieldRef:
        number = int(self._number(children[2]))
        return FieldRef(f"cf[{number}]", _position(children[0]), custom_field_id=number)

    def number_field(self, children: list[Token]) -> FieldRef:
        return FieldRef(self._number(children[0]), _position(children[0]))

    def field_property(self, children: list[Any]) -> FieldProperty:
        return FieldProperty(children[1], tuple(children[3:]))

    def property_key(self, children: list[Token]) -> str:
        return self._string(children[0])

    def property_argument(self, children: list[Token]) -> str:
        return self._string(children[0])

    def empty(self, children: list[Token]) -> EmptyOperand:
        return EmptyOperand(_position(children[0]))

    def value(self, children: list[Token]) -> ValueOperand:
        token = children[0]
        return ValueOperand(
            self._string(token), _position(token), is_number=token.type in _NUMBER_TOKENS
        )

    def function(self, children: list[Any]) -> FunctionOperand:
        name_token: Token = children[0]
        name = self._string(name_token)
        if not name.strip():
            raise self._error("A function name cannot be empty.", name_token)
        arguments: tuple[str, ...] = children[2] if isinstance(children[2], tuple) else ()
        return FunctionOperand(name, arguments, _position(name_token))

    def function_name(self, children: list[Token]) -> Token:
        return children[0]

    def function_arguments(self, children: list[Any]) -> tuple[str, ...]:
        return tuple(child for child in children if not isinstance(child, Token))

    def function_argument(self, children: list[Token]) -> str:
        return str(self._string(children[0]))

    def list_operand(self, children: list[Any]) -> ListOperand:
        items = tuple(_node_children(children))
        return ListOperand(items, _position(children[0]))

    def order_by(self, children: list[Any]) -> tuple[SortField, ...]:
        return tuple(_node_children(children))

    def search_sort(self, children: list[Any]) -> SortField:
        field: FieldRef = children[0]
        direction = SortDirection(children[1].lower()) if len(children) > 1 else None
        return SortField(field, direction)


_HISTORY_VALUE_OPERATORS = frozenset(
    {Operator.WAS, Operator.WAS_NOT, Operator.WAS_IN, Operator.WAS_NOT_IN}
)
