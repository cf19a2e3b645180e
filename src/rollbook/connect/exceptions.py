"""One exception per authentication failure, each with a stable code for the 401 body."""

from __future__ import annotations


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
