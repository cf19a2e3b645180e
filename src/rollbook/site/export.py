"""A report as an export-file entry, and the file around a list of them: one report's export,
and the whole site's (with its gadgets) through `rollbook.site.transfer`."""

from __future__ import annotations

from datetime import UTC, datetime

from rollbook.gadgets.schemas import GadgetSetting
from rollbook.reports.schemas import EXPORT_FORMAT, ReportExport
from rollbook.reports.store import Report
from rollbook.site.schemas import ReportExportFile


def export_row(row: Report) -> ReportExport:
    return ReportExport.model_validate(
        {
            **row.definition,
            "name": row.name,
            "people": {"access": row.access, **row.people},
            "id": row.id,
            "created_at": row.created_at,
            "created_by": row.created_by,
            "updated_at": row.updated_at,
            "updated_by": row.updated_by,
        }
    )


def export_file(
    rows: list[Report], dashboard_gadgets: list[GadgetSetting] | None = None
) -> ReportExportFile:
    return ReportExportFile(
        format=EXPORT_FORMAT,
        format_version=1,
        exported_at=datetime.now(UTC),
        reports=[export_row(row) for row in rows],
        dashboard_gadgets=dashboard_gadgets or [],
    )
