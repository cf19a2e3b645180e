"""Verification of Forge Invocation Tokens (FIT), as one pure function: bearer token → header →
icLabel → key by kid → signature → iss → aud → times → app claims, each failing with its own
exception (docs/platform.md#forge-invocation-token-fit). No web framework and no network in here:
keys come from `key_for`."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt as pyjwt

from rollbook.forge import exceptions as errors

ISSUER = "forge/invocation-token"
IC_LABEL_PATTERN = re.compile(r"^[a-z0-9_-]{1,50}$")
# kids are opaque but short; anything else is refused before it reaches the key source.
_KID_PATTERN = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
_TIME_CLAIMS = ("iat", "nbf", "exp")
# A FIT is one to three KiB (docs/platform.md#forge-invocation-token-fit); anything far longer is
# refused before it is decoded, so a request cannot make us parse megabytes of JSON.
MAX_TOKEN_LENGTH = 16384


@dataclass(frozen=True)
class Invocation:
    """What a verified FIT says about the installation, the site and the user."""

    installation_id: str
    app_id: str
    api_base_url: str
    cloud_id: str | None
    site_url: str | None
    environment_type: str | None
    environment_id: str | None
    account_id: str | None
    module_key: str | None


def bearer_token(authorization: str) -> str:
    """The token of an `Authorization: Bearer <FIT>` header."""
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise errors.MissingToken("no Forge Invocation Token in the Authorization header")
    if len(token) > MAX_TOKEN_LENGTH:
        raise errors.MalformedToken(f"token is longer than {MAX_TOKEN_LENGTH} characters")
    return token


def _header(token: str) -> dict[str, Any]:
    try:
        header = pyjwt.get_unverified_header(token)
    # RecursionError: deeply nested JSON; PyJWT reports it as a DecodeError itself only in its
    # recent versions.
    except (pyjwt.PyJWTError, RecursionError) as exc:
        raise errors.MalformedToken("token is not a compact JWT") from exc
    if header.get("alg") != "RS256":
        # Pinned: `none` and HS256 (signed with the public key as a secret) stop here.
        raise errors.UnsupportedAlgorithm("only RS256 tokens are accepted")
    kid = header.get("kid")
    if not isinstance(kid, str) or not _KID_PATTERN.match(kid):
        raise errors.MissingKeyId("token has no usable kid")
    return header


def _check_ic_label(token: str) -> None:
    """Read before any key is looked up: the label would choose the JWKS, so it is checked
    first, and an Isolated Cloud kid never triggers a refresh of the production JWKS."""
    try:
        unverified = pyjwt.decode(token, options={"verify_signature": False})
    except (pyjwt.PyJWTError, RecursionError) as exc:
        raise errors.MalformedToken("token claims are not JSON") from exc
    if "icLabel" not in unverified:
        return
    label = unverified["icLabel"]
    if not isinstance(label, str) or not IC_LABEL_PATTERN.match(label):
        raise errors.InvalidIcLabel("icLabel must match ^[a-z0-9_-]{1,50}$")
    raise errors.IsolatedCloudUnsupported("Isolated Cloud installations are not supported")


def _verified_claims(token: str, key: Any) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = pyjwt.decode(
            token,
            key,
            algorithms=["RS256"],
            # Signature only; every claim is checked below, each with its own error.
            options={
                "verify_exp": False,
                "verify_nbf": False,
                "verify_iat": False,
                "verify_aud": False,
                "verify_iss": False,
            },
        )
    except pyjwt.InvalidSignatureError as exc:
        raise errors.InvalidSignature("token signature does not verify") from exc
    except pyjwt.PyJWTError as exc:
        raise errors.MalformedToken("token cannot be decoded") from exc
    return claims


def _check_audience(claims: Mapping[str, Any], app_id: str) -> None:
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if app_id not in audiences:
        raise errors.InvalidAudience("token is not addressed to this app")


def _check_times(claims: Mapping[str, Any], now: float, leeway: int) -> None:
    for name in _TIME_CLAIMS:
        value = claims.get(name)
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise errors.MissingClaim(f"token has no numeric {name} claim")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise errors.MissingClaim("token has no jti claim")
    if now > claims["exp"] + leeway:
        raise errors.TokenExpired("token has expired")
    if claims["nbf"] > now + leeway:
        raise errors.TokenNotYetValid("token is not valid yet")
    if claims["iat"] > now + leeway:
        raise errors.TokenNotYetValid("token was issued in the future")


def _text(value: Any, *, limit: int = 2048) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def _url(value: Any) -> str | None:
    text = _text(value)
    if text is None or not text.startswith(("https://", "http://")):
        return None
    return text.rstrip("/")


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _invocation(claims: Mapping[str, Any]) -> Invocation:
    app = claims.get("app")
    if not isinstance(app, dict):
        raise errors.InvalidAppClaims("token has no app claim")
    installation_id = _text(app.get("installationId"), limit=255)
    api_base_url = _url(app.get("apiBaseUrl"))
    if installation_id is None or api_base_url is None:
        raise errors.InvalidAppClaims("app claim lacks installationId or apiBaseUrl")
    context = _object(claims.get("context"))
    environment = _object(app.get("environment"))
    contexts = _object(app.get("installation")).get("contexts")
    # A trigger has no `context`; the installation's own contexts still name the site.
    site_context = _object(contexts[0]) if isinstance(contexts, list) and contexts else {}
    return Invocation(
        installation_id=installation_id,
        app_id=_text(app.get("id"), limit=255) or "",
        api_base_url=api_base_url,
        cloud_id=_text(context.get("cloudId"), limit=64)
        or _text(site_context.get("cloudId"), limit=64),
        site_url=_url(context.get("siteUrl")),
        environment_type=_text(environment.get("type"), limit=32),
        environment_id=_text(environment.get("id"), limit=255),
        account_id=_text(claims.get("principal"), limit=128),
        module_key=_text(_object(app.get("module")).get("key"), limit=255),
    )


def verify_invocation_token(
    token: str,
    *,
    app_id: str,
    key_for: Callable[[str], Any],
    leeway: int,
    now: float,
) -> Invocation:
    """Verify a FIT for the app `app_id` (its ARI); `key_for(kid)` gives the RSA public key or
    raises `UnknownSigningKey` / `KeySetUnavailable`."""
    header = _header(token)
    _check_ic_label(token)
    claims = _verified_claims(token, key_for(header["kid"]))
    if claims.get("iss") != ISSUER:
        raise errors.InvalidIssuer("token was not issued by Forge")
    _check_audience(claims, app_id)
    _check_times(claims, now, leeway)
    return _invocation(claims)
