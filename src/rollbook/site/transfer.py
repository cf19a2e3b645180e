"""Moving report metadata in and out: JSON export, lossless import, and tenant purge
(privacy promises 5 and 6). Used by the API and by the operator CLI."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rollbook.gadgets import service as gadgets
from rollbook.gadgets.models import DashboardGadget
from rollbook.reports.exceptions import IdAlreadyUsed
from rollbook.reports.models import Report
from rollbook.reports.schemas import (
    EXPORT_FORMAT,
    GadgetSetting,
    ImportOptions,
    ReportBody,
    ReportExport,
    ReportExportFile,
)
from rollbook.reports.service import insert_report
from rollbook.tenancy.store import delete_tenant


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


def export_tenant(session: Session, client_key: str) -> ReportExportFile:
    """Every live report of the tenant and the gadgets showing them (the trash is not exported)."""
    rows = list(
        session.scalars(
            select(Report)
            .where(Report.tenant_key == client_key, Report.deleted_at.is_(None))
            .order_by(Report.created_at, Report.id)
        )
    )
    return export_file(rows, gadgets.settings_showing_live_reports(session, client_key))


def import_reports(
    session: Session,
    *,
    client_key: str,
    file: ReportExportFile,
    options: ImportOptions,
    importer: str,
) -> list[str]:
    """Create the file's reports in the tenant, and point the file's gadgets at them; returns the
    new ids in file order."""
    if options.keep_ids:
        wanted = [str(report.id) for report in file.reports]
        taken = set(session.scalars(select(Report.id).where(Report.id.in_(wanted))))
        if taken:
            raise IdAlreadyUsed("these report ids are already in use", ids=sorted(taken))
    created = []
    for report in file.reports:
        definition = report.model_dump(
            exclude={"id", "created_at", "created_by", "updated_at", "updated_by"}
        )
        if options.people == "importer_only":
            definition["people"] = {"access": "private", "administrators": [importer]}
        body = ReportBody.model_validate(definition)
        row = insert_report(
            session,
            client_key=client_key,
            body=body,
            report_id=str(report.id) if options.keep_ids else str(uuid.uuid4()),
            created_by=report.created_by,
            created_at=report.created_at,
            updated_at=report.updated_at,
            updated_by=report.updated_by,
        )
        created.append(row.id)
    new_ids = {
        report.id: uuid.UUID(new_id) for report, new_id in zip(file.reports, created, strict=True)
    }
    gadgets.save_settings(
        session,
        client_key,
        [
            gadget.model_copy(update={"report_id": new_ids[gadget.report_id]})
            for gadget in file.dashboard_gadgets
        ],
    )
    return created


def purge_tenant(session: Session, client_key: str) -> int:
    """Remove every row of the tenant: gadget settings, reports (live and trash) and the tenant
    record."""
    session.execute(delete(DashboardGadget).where(DashboardGadget.tenant_key == client_key))
    deleted = session.execute(delete(Report).where(Report.tenant_key == client_key))
    delete_tenant(session, client_key)
    return int(deleted.rowcount)  # type: ignore[attr-defined]
