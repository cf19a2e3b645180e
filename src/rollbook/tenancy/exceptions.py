"""Tenant errors, each with an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class TenantSecretUnreadable(ApiError):
    """The site's stored shared secret opens with none of the server's keys: its requests cannot
    be verified until the operator restores the key or the site installs the app again. A
    server-side fault, so 503 rather than a 401 that would blame the caller's token."""

    status_code = 503
    code = "tenant_secret_unreadable"
