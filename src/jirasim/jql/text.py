"""Text search for `~` / `!~`: ADF to plain text, tokenizing, and a small Lucene-like query.

Supported query syntax (Jira Cloud behaviour): words are AND-ed; `"exact phrase"`; `term*` and
`te?m` wildcards; `-term` / `NOT term` excludes; `OR` / `||` between alternatives; `AND`, `&&`
and a leading `+` are accepted. Tokens are lower-cased runs of letters and digits (no stemming).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

_WORD = re.compile(r"[^\W_]+")
_QUERY_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def adf_text(node: Any) -> str:
    """Plain text of an Atlassian Document Format node (or a plain string)."""
    if node is None:
        return ""
    if isinstance(node, str):
        return node
    parts: list[str] = []
    _collect_adf(node, parts)
    return " ".join(parts)


def _collect_adf(node: Any, parts: list[str]) -> None:
    if isinstance(node, list):
        for child in node:
            _collect_adf(child, parts)
        return
    if not isinstance(node, dict):
        return
    if isinstance(node.get("text"), str):
        parts.append(node["text"])
    attrs = node.get("attrs")
    if isinstance(attrs, dict) and node.get("type") in ("mention", "emoji", "status", "date"):
        label = attrs.get("text")
        if isinstance(label, str):
            parts.append(label)
    _collect_adf(node.get("content"), parts)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Term:
    """A word, a phrase (several words) or a wildcard pattern; `excluded` for `-term`."""

    words: tuple[str, ...]
    pattern: re.Pattern[str] | None = None
    excluded: bool = False


@dataclass(frozen=True)
class TextQuery:
    """Alternatives (OR) of conjunctions (AND) of terms."""

    alternatives: tuple[tuple[Term, ...], ...]


class TextQueryError(ValueError):
    pass


def parse_text_query(text: str) -> TextQuery:
    """Parse the value of a `~` clause; raises TextQueryError for empty or operator-only text."""
    if not text.strip():
        raise TextQueryError("empty")
    alternatives: list[tuple[Term, ...]] = []
    current: list[Term] = []
    exclude_next = False
    pending_operator = False
    for match in _QUERY_TOKEN.finditer(text):
        phrase, word = match.group("phrase"), match.group("word")
        if word in ("OR", "||"):
            if not current:
                raise TextQueryError("operator")
            alternatives.append(tuple(current))
            current, pending_operator = [], True
            continue
        if word in ("AND", "&&"):
            pending_operator = True
            continue
        if word == "NOT":
            exclude_next, pending_operator = True, True
            continue
        excluded = exclude_next
        exclude_next, pending_operator = False, False
        if phrase is not None:
            term = Term(tuple(words(phrase)), excluded=excluded)
        else:
            term = _word_term(word or "", excluded)
        if term.words or term.pattern is not None:
            current.append(term)
    if pending_operator or not (current or alternatives):
        raise TextQueryError("operator")
    if current:
        alternatives.append(tuple(current))
    return TextQuery(tuple(alternatives))


def _word_term(raw: str, excluded: bool) -> Term:
    if raw[:1] in ("-", "!") and len(raw) > 1:
        raw, excluded = raw[1:], True
    elif raw[:1] == "+":
        raw = raw[1:]
    raw = raw.replace("\\", "")
    if "*" in raw or "?" in raw:
        pieces = re.split(r"([*?])", raw.lower())
        regex = "".join(
            "[^\\W_]*" if p == "*" else "[^\\W_]" if p == "?" else re.escape(p) for p in pieces
        )
        return Term((), re.compile(regex), excluded)
    return Term(tuple(words(raw)), excluded=excluded)


class TextIndex:
    """Inverted index of one text source over the issue rows, built on first use."""

    def __init__(self, row_count: int, text_of_row: Callable[[int], str]) -> None:
        self.row_tokens: list[list[str]] = [words(text_of_row(row)) for row in range(row_count)]
        self.postings: dict[str, set[int]] = {}
        for row, tokens in enumerate(self.row_tokens):
            for token in tokens:
                self.postings.setdefault(token, set()).add(row)
        self.nonempty: frozenset[int] = frozenset(
            row for row, tokens in enumerate(self.row_tokens) if tokens
        )

    def matching(self, query: TextQuery) -> set[int]:
        result: set[int] = set()
        for conjunction in query.alternatives:
            result |= self._conjunction(conjunction)
        return result

    def _conjunction(self, terms: Iterable[Term]) -> set[int]:
        required = [t for t in terms if not t.excluded]
        excluded = [t for t in terms if t.excluded]
        rows: set[int] = set(self.nonempty) if not required else set()
        for position, term in enumerate(required):
            term_rows = self._term(term)
            rows = term_rows if position == 0 else rows & term_rows
            if not rows:
                return rows
        for term in excluded:
            rows -= self._term(term)
        return rows

    def _term(self, term: Term) -> set[int]:
        if term.pattern is not None:
            pattern = term.pattern
            found: set[int] = set()
            for token, rows in self.postings.items():
                if pattern.fullmatch(token):
                    found |= rows
            return found
        if len(term.words) == 1:
            return set(self.postings.get(term.words[0], ()))
        candidates = set(self.postings.get(term.words[0], ()))
        for word in term.words[1:]:
            candidates &= self.postings.get(word, set())
        return {row for row in candidates if _contains_sequence(self.row_tokens[row], term.words)}


def _contains_sequence(tokens: list[str], sequence: tuple[str, ...]) -> bool:
    width = len(sequence)
    first = sequence[0]
    return any(
        tokens[i] == first and tuple(tokens[i : i + width]) == sequence
        for i in range(len(tokens) - width + 1)
    )
