"""Access denials that do not depend on the host (a failed Connect JWT or FIT is the host's own
401); each has an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError
from rollbook.tenancy.models import HostKind


class GroupCheckUnavailable(ApiError):
    """Access would depend on Jira (group membership, the admin permission) and Jira could not
    tell us: deny."""

    status_code = 503
    code = "group_check_unavailable"

    @classmethod
    def on(cls, host: HostKind, message: str) -> GroupCheckUnavailable:
        error = cls(message)
        if host is HostKind.FORGE:
            # Forge Remote reserves 401 for the FIT and wants every other denial as 403
            # (docs/platform.md#invokeremote-and-the-response-contract); Connect keeps 503, which
            # says "try again later".
            error.status_code = 403
        return error


class NotJiraAdministrator(ApiError):
    status_code = 403
    code = "jira_admin_required"


class UserRequired(ApiError):
    """An API route called without a user (a Forge invocation with no `principal`). 403, not
    401: the caller did authenticate, it just is not a user."""

    status_code = 403
    code = "user_required"
