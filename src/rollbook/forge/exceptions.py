"""One exception per failed Forge Invocation Token (FIT) check, each with a stable code for the
401 body. Forge Remote reserves 401 for exactly these
(docs/platform.md#invokeremote-and-the-response-contract). Messages never contain
the token."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class ForgeAuthError(Exception):
    """Base class: the FIT did not verify, so the request is not authenticated."""

    code = "fit_invalid"
    status_code = 401

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ForgeNotConfigured(ForgeAuthError):
    code = "forge_not_configured"


class MissingToken(ForgeAuthError):
    code = "fit_missing"


class MalformedToken(ForgeAuthError):
    code = "fit_malformed"


class UnsupportedAlgorithm(ForgeAuthError):
    code = "fit_algorithm_not_allowed"


class MissingKeyId(ForgeAuthError):
    code = "fit_kid_missing"


class UnknownSigningKey(ForgeAuthError):
    code = "fit_kid_unknown"


class KeySetUnavailable(ForgeAuthError):
    """The JWKS could not be fetched or read: without keys nothing verifies."""

    code = "fit_jwks_unavailable"


class InvalidSignature(ForgeAuthError):
    code = "fit_signature_invalid"


class InvalidIssuer(ForgeAuthError):
    code = "fit_issuer_invalid"


class InvalidAudience(ForgeAuthError):
    code = "fit_audience_invalid"


class MissingClaim(ForgeAuthError):
    code = "fit_claim_missing"


class TokenExpired(ForgeAuthError):
    code = "fit_expired"


class TokenNotYetValid(ForgeAuthError):
    code = "fit_not_yet_valid"


class InvalidIcLabel(ForgeAuthError):
    code = "fit_ic_label_invalid"


class IsolatedCloudUnsupported(ForgeAuthError):
    """A well-formed `icLabel`: Isolated Cloud tokens need that cloud's JWKS, which we lack."""

    code = "fit_isolated_cloud_unsupported"


class InvalidAppClaims(ForgeAuthError):
    """The `app` claim lacks what a tenant needs (installationId, apiBaseUrl)."""

    code = "fit_app_claims_invalid"


class TenantKeyTaken(ApiError):
    """The installationId names a Connect tenant: never merge the two. Not a FIT failure, so 403."""

    status_code = 403
    code = "tenant_key_taken"


class EventMismatch(ApiError):
    """A lifecycle event whose body names another installation than its FIT."""

    status_code = 403
    code = "event_installation_mismatch"


class InvalidEvent(ApiError):
    status_code = 422
    code = "invalid_event"
