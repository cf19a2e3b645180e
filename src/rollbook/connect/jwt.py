"""Verification of Connect JWTs, as pure functions: token → decode → tenant → signature → expiry →
qsh, each failing with its own exception (docs/platform.md#verifying-connect-requests,
docs/platform.md#signed-install). No web framework in here."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

import jwt as pyjwt
import orjson

from rollbook.connect import exceptions as errors
from rollbook.connect.qsh import CONTEXT_QSH, query_string_hash

# Connect tokens are a few hundred characters; 8 KiB is also the longest header line nginx
# passes by default (large_client_header_buffers), so nothing real comes near it.
MAX_TOKEN_LENGTH = 8192


class RouteKind(Enum):
    """Which qsh a route accepts: the real hash of the request, or the context-token marker."""

    URL_BOUND = "url-bound"  # iframe pages, enabled/disabled: qsh of this very request
    CONTEXT = "context"  # JSON API called from the iframe: qsh must be "context-qsh"


@dataclass(frozen=True)
class RequestTarget:
    """What the qsh covers: method, raw path (app base path already known) and raw query."""

    method: str
    path: str
    raw_query: str
    base_path: str = ""

    def qsh(self) -> str:
        return query_string_hash(self.method, self.path, self.raw_query, self.base_path)


class TenantCredentials(Protocol):
    @property
    def client_key(self) -> str: ...
    @property
    def shared_secret(self) -> str: ...
    @property
    def installed(self) -> bool: ...


@dataclass(frozen=True)
class VerifiedToken:
    client_key: str
    account_id: str | None
    claims: Mapping[str, Any]


def _b64decode(segment: str) -> bytes:
    padded = segment + "=" * (-len(segment) % 4)
    return base64.urlsafe_b64decode(padded.encode("ascii"))


def decode_unverified(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """Split a compact JWT into header, claims, signing input and signature, unverified."""
    # Refused before any decoding: every request pays for parsing whatever it sends.
    if len(token) > MAX_TOKEN_LENGTH:
        raise errors.MalformedToken(f"token is longer than {MAX_TOKEN_LENGTH} characters")
    parts = token.split(".")
    if len(parts) != 3:
        raise errors.MalformedToken("token is not a compact JWT")
    try:
        # orjson: a quarter of json.loads's time on every request. It also refuses what
        # json.loads would take: NaN (an `exp` of NaN would never expire) and JSON nested more
        # than 1,024 deep (a few thousand brackets fit in the length limit).
        header = orjson.loads(_b64decode(parts[0]))
        claims = orjson.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
    except (ValueError, binascii.Error) as exc:  # orjson.JSONDecodeError is a ValueError
        raise errors.MalformedToken("token segments are not base64url JSON") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise errors.MalformedToken("token header and claims must be JSON objects")
    return header, claims, f"{parts[0]}.{parts[1]}".encode("ascii"), signature


def _check_times(claims: Mapping[str, Any], now: float, leeway: int) -> None:
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or isinstance(exp, bool):
        raise errors.MissingClaim("token has no numeric exp claim")
    if not isinstance(iat, int | float) or isinstance(iat, bool):
        raise errors.MissingClaim("token has no numeric iat claim")
    if now > exp + leeway:
        raise errors.TokenExpired("token has expired")
    if iat > now + leeway:
        raise errors.TokenNotYetValid("token was issued in the future")
    nbf = claims.get("nbf")
    if isinstance(nbf, int | float) and nbf > now + leeway:
        raise errors.TokenNotYetValid("token is not valid yet")


def _check_qsh(claims: Mapping[str, Any], kind: RouteKind, target: RequestTarget) -> None:
    qsh = claims.get("qsh")
    if not isinstance(qsh, str) or not qsh:
        raise errors.MissingClaim("token has no qsh claim")
    if kind is RouteKind.CONTEXT:
        if qsh != CONTEXT_QSH:
            raise errors.ContextTokenRequired("this API accepts only context tokens")
        return
    if qsh == CONTEXT_QSH:
        raise errors.ContextTokenNotAllowed("context tokens are not accepted on this route")
    if not hmac.compare_digest(qsh, target.qsh()):
        raise errors.QshMismatch("qsh does not match the request")


def verify_tenant_token(
    token: str,
    *,
    kind: RouteKind,
    target: RequestTarget,
    find_tenant: Callable[[str], TenantCredentials | None],
    leeway: int = 30,
    now: float | None = None,
) -> VerifiedToken:
    """Verify an HS256 token signed with a tenant's shared secret (iframe, context, lifecycle)."""
    header, claims, signing_input, signature = decode_unverified(token)
    if header.get("alg") != "HS256":
        raise errors.UnsupportedAlgorithm("only HS256 tokens are accepted here")
    client_key = claims.get("iss")
    if not isinstance(client_key, str) or not client_key:
        raise errors.MissingClaim("token has no iss claim")
    tenant = find_tenant(client_key)
    if tenant is None:
        raise errors.UnknownTenant("no tenant is installed with this client key")
    if not tenant.installed:
        raise errors.TenantNotInstalled("the app is not installed on this site")
    expected = hmac.new(tenant.shared_secret.encode("utf-8"), signing_input, hashlib.sha256)
    if not hmac.compare_digest(expected.digest(), signature):
        raise errors.InvalidSignature("token signature does not verify")
    _check_times(claims, time.time() if now is None else now, leeway)
    _check_qsh(claims, kind, target)
    subject = claims.get("sub")
    return VerifiedToken(
        client_key=client_key,
        account_id=subject if isinstance(subject, str) and subject else None,
        claims=claims,
    )


def verify_install_token(
    token: str,
    *,
    target: RequestTarget,
    body_client_key: str,
    app_base_url: str,
    public_key_for: Callable[[str], str],
    leeway: int = 30,
    now: float | None = None,
) -> VerifiedToken:
    """Verify a signed-install lifecycle token: RS256 pinned, key by kid, aud, qsh, iss."""
    header, claims, _, _ = decode_unverified(token)
    if header.get("alg") != "RS256":
        raise errors.UnsupportedAlgorithm("install callbacks must be signed with RS256")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise errors.MalformedToken("install token has no kid")
    public_key = public_key_for(kid)
    try:
        pyjwt.decode(
            token,
            public_key,
            algorithms=["RS256"],
            options={"verify_exp": False, "verify_iat": False, "verify_aud": False},
        )
    except pyjwt.InvalidSignatureError as exc:
        raise errors.InvalidSignature("install token signature does not verify") from exc
    except pyjwt.PyJWTError as exc:
        raise errors.MalformedToken("install token cannot be decoded") from exc
    _check_times(claims, time.time() if now is None else now, leeway)
    audience = claims.get("aud")
    first_audience = audience[0] if isinstance(audience, list) and audience else audience
    if not isinstance(first_audience, str) or first_audience.rstrip("/") != app_base_url:
        raise errors.InvalidAudience("install token is not addressed to this app")
    _check_qsh(claims, RouteKind.URL_BOUND, target)
    if claims.get("iss") != body_client_key:
        raise errors.IssuerMismatch("install token issuer does not match the payload clientKey")
    return VerifiedToken(client_key=body_client_key, account_id=None, claims=claims)


def encode_hs256(claims: Mapping[str, Any], secret: str) -> str:
    """Sign claims with a shared secret (app → Jira requests, and tests)."""
    return pyjwt.encode(dict(claims), secret, algorithm="HS256")
