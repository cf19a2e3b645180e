"""What `redact` takes out of every log line, and that its shortcut (text holding none of the
secrets' markers skips the substitutions) never lets a secret through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rollbook.core.logs import _SECRET_PATTERNS, redact

TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"GET /x?a=1&jwt={TOKEN[:10]}xyz&b=2", "GET /x?a=1&jwt=[redacted]&b=2"),
        ("GET /x?JWT=abc", "GET /x?JWT=[redacted]"),
        ("Authorization: JWT abc.def", "Authorization: JWT [redacted]"),
        ("Authorization: BEARER abc", "Authorization: BEARER [redacted]"),
        (f"token {TOKEN} end", "token [jwt] end"),
        ("x-forge-oauth-system: s3cr3t", "x-forge-oauth-system: [redacted]"),
        ("X-Forge-Oauth-User=abc", "X-Forge-Oauth-User=[redacted]"),
        ('{"sharedSecret": "abc"}', '{"sharedSecret": "[redacted]"}'),
        ("SHARED_SECRET=abc", "SHARED_SECRET=[redacted]"),
        ('127.0.0.1:5555 - "GET /api/reports/1 HTTP/1.1" 200', None),
    ],
    ids=[
        "jwt parameter",
        "JWT parameter in capitals",
        "JWT header",
        "bearer in capitals",
        "bare token",
        "forge system token",
        "forge user token, mixed case",
        "shared secret in JSON",
        "shared secret in capitals",
        "access line without secrets",
    ],
)
def test_each_kind_of_secret_is_redacted(line: str, expected: str | None) -> None:
    assert redact(line) == (line if expected is None else expected)


def redact_without_shortcut(text: str) -> str:
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


FRAGMENTS = st.sampled_from(
    [
        "jwt=",
        "JWT ",
        "Jwt",
        "Bearer ",
        "bEaReR\t",
        "eyJ",
        "EYJ",
        ".",
        "x-forge-oauth-system",
        "X-FORGE-OAUTH-USER",
        '"',
        ":",
        "=",
        ",",
        "sharedSecret",
        "shared_secret",
        "Shared_Secret",
        "secret",
        " ",
        "&",
        "abc",
        "0x9",
        "İ",  # lowercases to two characters
    ]
)


@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=6)), max_size=14).map("".join))
def test_the_shortcut_never_skips_a_secret(text: str) -> None:
    assert redact(text) == redact_without_shortcut(text)
