"""`nextPageToken` for `/search/jql`: opaque to clients, tamper-proof, bound to one JQL query.

A token is base64url of `{"o": offset, "q": hash of the JQL, "t": issued}` plus an HMAC-SHA256 of
that payload under the simulator's secret. A changed byte, a token minted for another query or
one older than Jira's seven days is refused with 400.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

import orjson

from jirasim.api.errors import bad_request

TOKEN_LIFETIME_SECONDS = 7 * 24 * 3600
_MAC_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def query_hash(jql: str) -> str:
    return hashlib.sha256(jql.encode()).hexdigest()[:16]


def encode_page_token(offset: int, jql: str, *, secret: bytes, now: float) -> str:
    payload = orjson.dumps({"o": offset, "q": query_hash(jql), "t": int(now)})
    mac = hmac.new(secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]
    return _b64(payload + mac)


def _invalid() -> Exception:
    return bad_request("The provided next page token is invalid or expired.")


def decode_page_token(token: str, jql: str, *, secret: bytes, now: float) -> int:
    """The offset a token points at, or a 400 JiraError."""
    try:
        raw = _unb64(token)
    except (binascii.Error, ValueError) as exc:
        raise _invalid() from exc
    payload, mac = raw[:-_MAC_BYTES], raw[-_MAC_BYTES:]
    expected = hmac.new(secret, payload, hashlib.sha256).digest()[:_MAC_BYTES]
    if len(raw) <= _MAC_BYTES or not hmac.compare_digest(mac, expected):
        raise _invalid()
    try:
        data = orjson.loads(payload)
        offset, hashed, issued = int(data["o"]), str(data["q"]), int(data["t"])
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise _invalid() from exc
    if hashed != query_hash(jql) or offset < 0 or now - issued > TOKEN_LIFETIME_SECONDS:
        raise _invalid()
    return offset
