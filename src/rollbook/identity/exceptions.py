"""Access denials that do not depend on the host (a failed Connect JWT or FIT is the host's own
401); each has an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError
from rollbook.tenancy.models import HostKind


class GroupCheckUnavailable(ApiError):
    """Access would depend on Jira (group membership, the admin permission) and Jira could not
    tell us: deny. `retry_after` (seconds) becomes the `Retry-After` header when known: Jira's
    own Retry-After, the tenant's cap of calls in flight, or the failure-cache window."""

    status_code = 503
    code = "group_check_unavailable"
    retry_after: int | None = None

    @classmethod
    def on(
        cls, host: HostKind, message: str, *, retry_after: int | None = None
    ) -> GroupCheckUnavailable:
        error = cls(message)
        error.retry_after = retry_after
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


class GroupsNotResolved(RuntimeError):
    """A programming error: `Viewer.groups()` was read before `await viewer.resolve_groups()`.
    `run_with_groups` catches it to resolve the groups on the event loop and run again."""
