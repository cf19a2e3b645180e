"""The `/rest/api/3/jql/parse` view of a query (`JqlQuery` in the OpenAPI spec).

Compound clauses become `{"operator": "and"|"or"|"not", "clauses": [...]}`; terminal clauses
`{"field", "operator", "operand"}` plus `predicates` for WAS/CHANGED. `encoded*` members are
the JQL text that reproduces the name or value (quoted when it needs to be).
"""

from __future__ import annotations

from typing import Any

from jirasim.jql.ast import (
    AndClause,
    Clause,
    EmptyOperand,
    FieldRef,
    FunctionOperand,
    ListOperand,
    NotClause,
    Operand,
    Operator,
    OrClause,
    Predicate,
    Query,
    TerminalClause,
    ValueOperand,
)
from jirasim.jql.errors import JqlSyntaxError
from jirasim.jql.lexer import tokenize

JsonDict = dict[str, Any]
_HISTORY_VALUE = frozenset({Operator.WAS, Operator.WAS_NOT, Operator.WAS_IN, Operator.WAS_NOT_IN})


def encode(text: str) -> str:
    """`text` as a JQL string: unquoted when it lexes as one plain string, else quoted."""
    try:
        tokens = tokenize(text)
    except JqlSyntaxError:
        tokens = []
    if len(tokens) == 1 and tokens[0].type == "STRING" and str(tokens[0]) == text:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def query_structure(query: Query) -> JsonDict:
    structure: JsonDict = {}
    if query.where is not None:
        structure["where"] = _clause(query.where)
    if query.order_by is not None:
        fields = []
        for sort in query.order_by:
            element: JsonDict = {"field": _field(sort.field)}
            if sort.direction is not None:
                element["direction"] = sort.direction.value
            fields.append(element)
        structure["orderBy"] = {"fields": fields}
    return structure


def _clause(clause: Clause) -> JsonDict:
    if isinstance(clause, AndClause):
        return {"clauses": [_clause(c) for c in clause.clauses], "operator": "and"}
    if isinstance(clause, OrClause):
        return {"clauses": [_clause(c) for c in clause.clauses], "operator": "or"}
    if isinstance(clause, NotClause):
        return {"clauses": [_clause(clause.clause)], "operator": "not"}
    return _terminal(clause)


def _terminal(clause: TerminalClause) -> JsonDict:
    result: JsonDict = {"field": _field(clause.field), "operator": clause.operator.value}
    if clause.operand is not None:
        result["operand"] = _operand(clause.operand)
    if clause.operator in _HISTORY_VALUE or clause.operator is Operator.CHANGED:
        result["predicates"] = [_predicate(p) for p in clause.predicates]
    return result


def _predicate(predicate: Predicate) -> JsonDict:
    return {"operand": _operand(predicate.operand), "operator": predicate.operator.value}


def _field(field: FieldRef) -> JsonDict:
    result: JsonDict = {"name": field.display, "encodedName": _encoded_field(field)}
    if field.properties:
        entity = field.name.split(".", 1)[0]
        result["property"] = [
            {"entity": entity, "key": p.key, "path": "".join(p.path).lstrip(".")}
            for p in field.properties
        ]
    return result


def _encoded_field(field: FieldRef) -> str:
    base = field.name if field.custom_field_id is not None else encode(field.name)
    return base + "".join(f"[{encode(p.key)}]{''.join(p.path)}" for p in field.properties)


def _operand(operand: Operand) -> JsonDict:
    if isinstance(operand, EmptyOperand):
        return {"keyword": "empty"}
    if isinstance(operand, ValueOperand):
        encoded = operand.value if operand.is_number else encode(operand.value)
        return {"value": operand.value, "encodedValue": encoded}
    if isinstance(operand, FunctionOperand):
        arguments = ", ".join(encode(a) for a in operand.arguments)
        return {
            "function": operand.name,
            "arguments": list(operand.arguments),
            "encodedOperand": f"{encode(operand.name)}({arguments})",
        }
    return _list(operand)


def _list(operand: ListOperand) -> JsonDict:
    values = [_operand(item) for item in operand.items]
    encoded = ", ".join(_encoded_operand(v) for v in values)
    return {"values": values, "encodedOperand": f"({encoded})"}


def _encoded_operand(operand: JsonDict) -> str:
    if "keyword" in operand:
        return "EMPTY"
    if "encodedValue" in operand:
        return str(operand["encodedValue"])
    return str(operand["encodedOperand"])
