"""JQL tokenizer reproducing Atlassian's `JQLLexer.g4` (maximal munch, keywords first on ties).

Lark's own lexers pick terminals by priority rather than by longest match, while JQL depends
on ANTLR's longest-match rule (`andx` is a string, `and` a keyword, `-4w` a string, `-4` a
number), so tokens are produced here and fed to the Lark parser. Lexical errors (reserved and
illegal characters, bad escapes, unfinished strings) are raised with Jira's message texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer, LexerState

from jirasim.jql.errors import JqlSyntaxError, position_of, syntax_error

KEYWORDS: dict[str, str] = {
    "in": "IN",
    "is": "IS",
    "and": "AND",
    "or": "OR",
    "not": "NOT",
    "empty": "EMPTY",
    "null": "EMPTY",
    "was": "WAS",
    "changed": "CHANGED",
    "before": "BEFORE",
    "after": "AFTER",
    "from": "FROM",
    "to": "TO",
    "on": "ON",
    "during": "DURING",
    "order": "ORDER",
    "by": "BY",
    "asc": "ASC",
    "desc": "DESC",
    "cf": "CUSTOMFIELD",
}

# RESERVED_WORD of JQLLexer.g4: words that must be quoted although JQL gives them no meaning.
RESERVED_WORDS: frozenset[str] = frozenset(
    """
    abort access add alias alter any as audit avg begin between boolean break byte catch char
    character check checkpoint collate collation column commit connect continue count create
    current date decimal declare decrement default defaults define delete delimiter difference
    distinct divide do double drop else encoding end equals escape exclusive exec execute
    exists explain false fetch file field first float for function go goto grant greater group
    having identified if immediate increment index initial inner inout input insert int integer
    intersect intersection into isempty isnull join last left less like limit lock long max min
    minus mode modify modulo more multiply next noaudit notin nowait number object of option
    outer output power previous prior privileges public raise raw remainder rename resource
    return returns revoke right row rowid rownum rows select session set share size sqrt start
    strict string subtract sum synonym table then trans transaction trigger true uid union
    unique update user validate values view when whenever where while with
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_PUNCTUATION = {"(": "LPAREN", ")": "RPAREN", ",": "COMMA", "[": "LBRACKET", "]": "RBRACKET"}
_OPERATORS = (
    ("!=", "NOT_EQUALS"), ("!~", "NOT_LIKE"), ("<=", "LTEQ"), (">=", "GTEQ"), ("&&", "AND"),
    ("||", "OR"), ("!", "BANG"), ("<", "LT"), (">", "GT"), ("=", "EQUALS"), ("~", "LIKE"),
    ("&", "AND"), ("|", "OR"),
)  # fmt: skip
_RESERVED_CHARACTERS = frozenset("{}*/%+^$#@?;")
# JqlStringSupportImpl.isJqlControlCharacter; \t \n \r are whitespace outside quotes.
_CONTROL = "\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff"
_CONTROL_RE = re.compile(f"[{_CONTROL}\\t]")
_ESCAPE = r"\\(?:[tnr\"'\\ ]|u[0-9a-fA-F]{4})"
_UNQUOTED_CHAR = f"[^\\\\ \\t\\r\\n\"'=!<>()~,\\[\\]|&{{}}*/%+^$#@?;{_CONTROL}]"
_STRING_RE = re.compile(f"(?:{_ESCAPE}|{_UNQUOTED_CHAR})+")
_ESCAPE_RE = re.compile(_ESCAPE)
_WHITESPACE_RE = re.compile(r"[ \t\r\n]+")
_POSNUMBER_RE = re.compile(r"[0-9]+")
_NEGNUMBER_RE = re.compile(r"-[0-9]+")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_ESCAPED_CHARACTERS = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "'": "'", "\\": "\\", " ": " "}


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, or the first lexical error as a `JqlSyntaxError`."""
    tokens: list[Token] = []
    position = 0
    length = len(text)
    while position < length:
        whitespace = _WHITESPACE_RE.match(text, position)
        if whitespace:
            position = whitespace.end()
            continue
        char = text[position]
        if char in _PUNCTUATION:
            tokens.append(_token(text, _PUNCTUATION[char], position, position + 1))
            position += 1
        elif char in "\"'":
            end = _scan_quoted(text, position)
            kind = "QUOTE_STRING" if char == '"' else "SQUOTE_STRING"
            tokens.append(_token(text, kind, position, end))
            position = end
        elif operator := next((op for op in _OPERATORS if text.startswith(op[0], position)), None):
            tokens.append(_token(text, operator[1], position, position + len(operator[0])))
            position += len(operator[0])
        elif char in _RESERVED_CHARACTERS:
            raise syntax_error(
                f"The character '{char}' is a reserved JQL character. You must enclose it in a "
                f"string or use the escape '{_java_escape(char)}' instead.",
                text,
                position,
            )
        else:
            match = _STRING_RE.match(text, position)
            if match is None:
                if char == "\\":
                    raise _illegal_escape(text, position)
                raise _bad_character(text, position)
            tokens.append(_token(text, _classify(match.group()), position, match.end()))
            position = match.end()
            if position < length and text[position] == "\\":
                raise _illegal_escape(text, position)
    return tokens


def unescape(raw: str) -> str:
    """The value of a STRING token or the inside of a quoted one (escapes already validated)."""
    if "\\" not in raw:
        return raw
    return _ESCAPE_RE.sub(_unescape_one, raw)


def _unescape_one(match: re.Match[str]) -> str:
    escape = match.group()
    if escape[1] == "u":
        return chr(int(escape[2:], 16))
    return _ESCAPED_CHARACTERS[escape[1]]


def _classify(raw: str) -> str:
    if "\\" not in raw:
        lowered = raw.lower()
        if lowered in KEYWORDS:
            return KEYWORDS[lowered]
        if lowered in RESERVED_WORDS:
            return "RESERVED_WORD"
        if _POSNUMBER_RE.fullmatch(raw):
            return "POSNUMBER"
        if _NEGNUMBER_RE.fullmatch(raw):
            return "NEGNUMBER"
    return "STRING"


def _scan_quoted(text: str, start: int) -> int:
    quote = text[start]
    position = start + 1
    while position < len(text):
        char = text[position]
        if char == quote:
            return position + 1
        if char == "\\":
            escape = _ESCAPE_RE.match(text, position)
            if escape is None:
                raise _illegal_escape(text, position)
            position = escape.end()
        elif _CONTROL_RE.match(char):
            raise _bad_character(text, position)
        else:
            position += 1
    content = text[start + 1 :].replace("\n", " ").replace("\r", " ")
    if not content.strip():
        raise syntax_error("The quoted string has not been completed.", text, start)
    raise syntax_error(f"The quoted string '{content}' has not been completed.", text, start)


_VALID_ESCAPES = "The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX."


def _illegal_escape(text: str, position: int) -> JqlSyntaxError:
    following = text[position + 1 : position + 2]
    if not following.strip():
        return syntax_error(
            f"The escape sequence has not been completed. {_VALID_ESCAPES}", text, position
        )
    sequence = "\\" + following
    if following == "u":
        # Jira reports the escape up to and including the first character that is not hex.
        for char in text[position + 2 : position + 6]:
            sequence += char
            if char not in _HEX_DIGITS:
                break
    sequence = sequence.replace("\n", " ").replace("\r", " ")
    return syntax_error(
        f"'{sequence}' is an illegal JQL escape sequence. {_VALID_ESCAPES}", text, position
    )


def _bad_character(text: str, position: int) -> JqlSyntaxError:
    char = text[position]
    printable = "TAB" if char == "\t" else f"U+{ord(char):04X}"
    line, column = position_of(text, position)
    return syntax_error(
        f"The character '{printable}' on line {line} at position {column} must be escaped. "
        f"Use the escape '{_java_escape(char)}' instead.",
        text,
        position,
    )


def _java_escape(char: str) -> str:
    return f"\\u{ord(char):04x}"


def _token(text: str, kind: str, start: int, end: int) -> Token:
    line, column = position_of(text, start)
    end_line, end_column = position_of(text, end)
    return Token(
        kind,
        text[start:end],
        start_pos=start,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        end_pos=end,
    )


class PretokenizedLexer(Lexer):
    """Hands Lark the token list made by `tokenize` (passed to `Lark.parse` as the input)."""

    __future_interface__ = 2  # Lark calls lex(lexer_state, parser_state) as declared below

    def __init__(self, lexer_conf: Any) -> None:
        del lexer_conf  # required by Lark's custom-lexer protocol, nothing to configure

    def lex(self, lexer_state: LexerState, parser_state: Any) -> Iterator[Token]:
        del parser_state
        tokens: list[Token] = lexer_state.text  # type: ignore[assignment]
        yield from tokens
