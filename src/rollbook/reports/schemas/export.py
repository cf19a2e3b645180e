"""One report as an entry of an export file (the file itself is `rollbook.site.schemas`)."""

from datetime import datetime
from typing import Literal
from uuid import UUID

from rollbook.reports.schemas.base import AccountId
from rollbook.reports.schemas.report import ReportBody

ExportFormat = Literal["rollbook.report-export"]
EXPORT_FORMAT: ExportFormat = "rollbook.report-export"


class ReportExport(ReportBody):
    """One exported report: its definition, people and audit, without trash or version."""

    id: UUID
    created_at: datetime
    created_by: AccountId
    updated_at: datetime
    updated_by: AccountId
