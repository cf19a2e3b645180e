"""One exception per authentication failure (and per refused install payload), each with a stable
code for the error body."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class ConnectAuthError(Exception):
    """Base class: the request is not authenticated. Messages never contain tokens or secrets."""

    code = "unauthenticated"
    status_code = 401

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MissingToken(ConnectAuthError):
    code = "token_missing"


class MalformedToken(ConnectAuthError):
    code = "token_malformed"


class UnsupportedAlgorithm(ConnectAuthError):
    code = "algorithm_not_allowed"


class UnknownTenant(ConnectAuthError):
    code = "tenant_unknown"


class TenantNotInstalled(ConnectAuthError):
    code = "tenant_uninstalled"


class InvalidSignature(ConnectAuthError):
    code = "signature_invalid"


class TokenExpired(ConnectAuthError):
    code = "token_expired"


class TokenNotYetValid(ConnectAuthError):
    code = "token_issued_in_future"


class MissingClaim(ConnectAuthError):
    code = "claim_missing"


class QshMismatch(ConnectAuthError):
    code = "qsh_invalid"


class ContextTokenNotAllowed(ConnectAuthError):
    """A context JWT (qsh "context-qsh") used on a page, lifecycle or webhook route."""

    code = "context_token_not_allowed"


class ContextTokenRequired(ConnectAuthError):
    """A URL-bound token used on an API route, which only accepts context JWTs."""

    code = "context_token_required"


class UnknownSigningKey(ConnectAuthError):
    code = "install_key_unknown"


class InvalidAudience(ConnectAuthError):
    code = "audience_invalid"


class IssuerMismatch(ConnectAuthError):
    code = "issuer_mismatch"


class HostNotAllowed(ConnectAuthError):
    code = "host_not_allowed"


class TokenInQuery(ConnectAuthError):
    """A token in the `jwt` query parameter of an API route. URLs end up in access logs, browser
    history and Referer headers, so API routes take the token only in the Authorization header;
    only the iframe pages keep the query form, which is how Jira loads them."""

    code = "token_in_query"


class TenantDisabled(ConnectAuthError):
    """The site's administrator disabled the app (the `disabled` lifecycle callback). Its tokens
    still verify, but nothing is served until Jira sends `enabled` (or installs again)."""

    code = "tenant_disabled"
    status_code = 403


class InstallPayloadInvalid(ApiError):
    """A signed install whose payload we refuse to store; the token may well be valid."""

    code = "install_payload_invalid"


class InstallBaseUrlInvalid(InstallPayloadInvalid):
    """The site URL is one the server must not call: not https (outside dev mode), or no host."""

    code = "install_base_url_invalid"


class InstallSecretTooShort(InstallPayloadInvalid):
    """HS256 needs a key at least as long as its 32-byte hash (RFC 7518 §3.2)."""

    code = "install_secret_too_short"
