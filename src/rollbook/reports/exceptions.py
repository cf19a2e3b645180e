"""Report errors, each with an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class ReportError(ApiError):
    status_code = 400
    code = "report_error"


class ReportNotFound(ReportError):
    """Also raised for another tenant's report id: its existence is not revealed."""

    status_code = 404
    code = "report_not_found"


class ReportForbidden(ReportError):
    status_code = 403
    code = "report_forbidden"


class VersionConflict(ReportError):
    status_code = 409
    code = "version_conflict"


class ReportNotInTrash(ReportError):
    status_code = 409
    code = "report_not_in_trash"


class IdAlreadyUsed(ReportError):
    status_code = 409
    code = "report_id_in_use"
