"""A whole site's report metadata in and out: JSON export, lossless import, and purge (privacy
promises 5 and 6). Above both `reports` and `gadgets`: the file holds reports and the gadgets
showing them. Used by the API and by the operator CLI."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from rollbook.gadgets import service as gadgets
from rollbook.reports.exceptions import IdAlreadyUsed
from rollbook.reports.schemas import ReportBody
from rollbook.reports.service import insert_report
from rollbook.reports.store import ReportStore
from rollbook.site.export import export_file
from rollbook.site.schemas import ImportOptions, ReportExportFile
from rollbook.tenancy.store import delete_tenant


def export_tenant(session: Session, client_key: str) -> ReportExportFile:
    """Every live report of the tenant and the gadgets showing them (the trash is not exported)."""
    store = ReportStore(session, client_key)
    return export_file(
        store.live(), gadgets.settings_showing(session, client_key, store.live_ids())
    )


def import_reports(
    session: Session,
    *,
    client_key: str,
    file: ReportExportFile,
    options: ImportOptions,
    importer: str,
) -> list[str]:
    """Create the file's reports in the tenant, and point the file's gadgets at them; returns the
    new ids in file order.

    Report ids are unique per site, so `keep_ids` asks only this site whether an id is taken:
    an id used by another site is as free as one never used (nothing about other sites shows)."""
    if options.keep_ids:
        wanted = [str(report.id) for report in file.reports]
        taken = ReportStore(session, client_key).ids_in_use(wanted)
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
    record; returns how many reports went."""
    gadgets.delete_all(session, client_key)
    removed = ReportStore(session, client_key).delete_all()
    delete_tenant(session, client_key)
    return removed
