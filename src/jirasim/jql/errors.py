"""The two errors the JQL engine raises, with Jira's message conventions.

Syntax errors read `Error in the JQL Query: <what>` and end with `(line L, character C)` unless
they happened at the end of the query (Jira gives no position then). Validation errors are a
list of plain sentences, as in the REST `errorMessages` array.
"""

from __future__ import annotations

SYNTAX_PREFIX = "Error in the JQL Query: "


class JqlSyntaxError(ValueError):
    """The query cannot be parsed. `message` is Jira's full text; line and column are 1-based."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class JqlValidationError(ValueError):
    """The query parses but refers to unknown fields, values or functions, or misuses them."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def position_of(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, character) of `offset`, lines split on newlines as ANTLR does."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def syntax_error(body: str, text: str, offset: int | None) -> JqlSyntaxError:
    """A syntax error at `offset`, or at the end of the query when `offset` is None."""
    if offset is None:
        line, column = position_of(text, len(text))
        return JqlSyntaxError(SYNTAX_PREFIX + body, line, column)
    line, column = position_of(text, offset)
    return JqlSyntaxError(f"{SYNTAX_PREFIX}{body} (line {line}, character {column})", line, column)
