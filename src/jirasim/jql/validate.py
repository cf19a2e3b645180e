"""Validation of a parsed query against the site: fields, operators, operands, values, sorting.

Checks run per clause in Jira's order: the field exists; the operand's shape suits the
operator (`Operator 'in' does not support the non-list value ...`); the field supports the
operator; then values and functions resolve. Every message is collected, duplicates dropped.
"""

from __future__ import annotations

from jirasim.jql.ast import (
    LIST_OPERATORS,
    RELATIONAL_OPERATORS,
    EmptyOperand,
    FunctionOperand,
    ListOperand,
    Operator,
    Query,
    TerminalClause,
    terminal_clauses,
)
from jirasim.jql.context import EvalContext, IndexedSite
from jirasim.jql.fields import FieldKind, FieldSpec
from jirasim.jql.history import resolve_history
from jirasim.jql.operands import OperandResolver

MAX_ORDER_BY_FIELDS = 7
_UNSORTABLE = frozenset({FieldKind.ALL_TEXT, FieldKind.COMMENT, FieldKind.UNSUPPORTED})


def validate_query(
    query: Query, index: IndexedSite, context: EvalContext, *, limit_order_by: bool = True
) -> list[str]:
    """Jira's validation messages for `query` (empty when it is valid)."""
    errors: list[str] = []
    resolver = OperandResolver(index, context, errors)
    for clause in terminal_clauses(query.where):
        _validate_clause(clause, index, resolver)
    for sort in query.order_by or ():
        spec = index.fields.resolve(sort.field)
        if spec is None or not is_sortable(spec):
            errors.append(f"Not able to sort using field '{sort.field.display}'.")
    if limit_order_by and len(query.order_by or ()) > MAX_ORDER_BY_FIELDS:
        errors.append(
            f"The ORDER BY clause has {len(query.order_by or ())} fields; at most "
            f"{MAX_ORDER_BY_FIELDS} are allowed."
        )
    return list(dict.fromkeys(errors))


def is_sortable(spec: FieldSpec) -> bool:
    return spec.sortable and spec.kind not in _UNSORTABLE


def _validate_clause(clause: TerminalClause, index: IndexedSite, resolver: OperandResolver) -> None:
    errors = resolver.errors
    name = clause.field.display
    spec = index.fields.resolve(clause.field)
    if spec is None:
        errors.append(f"Field '{name}' does not exist or you do not have permission to view it.")
        return
    shape_error = operand_shape_error(clause, name, index)
    if shape_error:
        errors.append(shape_error)
        return
    if clause.operator not in spec.operators:
        errors.append(
            f"The operator '{clause.operator.value}' is not supported by the '{name}' field."
        )
        return
    if clause.operator in (Operator.WAS, Operator.WAS_NOT, Operator.WAS_IN, Operator.WAS_NOT_IN,
                           Operator.CHANGED):  # fmt: skip
        resolve_history(clause, spec, name, resolver)
    elif clause.operand is not None:
        resolver.resolve(spec, name, clause.operand)


def _is_list(operand: object, index: IndexedSite) -> bool:
    if isinstance(operand, ListOperand):
        return True
    if isinstance(operand, FunctionOperand):
        function = index.functions.get(operand.name)
        return function is not None and function.returns_list
    return False


def operand_shape_error(clause: TerminalClause, name: str, index: IndexedSite) -> str | None:
    """Jira's OperatorUsageValidator: list vs single values, EMPTY, IS with values."""
    operand, operator = clause.operand, clause.operator
    if operand is None:
        return None
    shown = operator.value
    if operator in LIST_OPERATORS:
        if isinstance(operand, EmptyOperand):
            return (
                f"Operator '{shown}' does not support the empty value representation 'EMPTY' "
                f"for field '{name}'."
            )
        if not _is_list(operand, index):
            return (
                f"Operator '{shown}' does not support the non-list value '{operand.display}' "
                f"for field '{name}'."
            )
        return None
    if operator in (Operator.IS, Operator.IS_NOT):
        if not isinstance(operand, EmptyOperand):
            return (
                f"Operator '{shown}' does not support searching for non-empty values for field "
                f"'{name}'."
            )
        return None
    if _is_list(operand, index):
        return (
            f"Operator '{shown}' does not support the list value '{operand.display}' for field "
            f"'{name}'."
        )
    if isinstance(operand, EmptyOperand) and operator in RELATIONAL_OPERATORS:
        return (
            f"Operator '{shown}' does not support the empty value representation 'EMPTY' for "
            f"field '{name}'."
        )
    return None
