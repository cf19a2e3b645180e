"""A whole site's report metadata in: import (the export streams from `rollbook.site.export`),
and purge (privacy promises 5 and 6). Above both `reports` and `gadgets`: the file holds reports
and the gadgets showing them. Used by the API and by the operator CLI."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from rollbook.core import audit
from rollbook.gadgets import service as gadgets
from rollbook.reports.exceptions import IdAlreadyUsed
from rollbook.reports.limits import ReportLimits, check_definition_size, check_room
from rollbook.reports.schemas import People, ReportExport
from rollbook.reports.store import NewReport, ReportStore
from rollbook.site.erasure import erase_after_commit
from rollbook.site.schemas import ImportOptions, ReportExportFile
from rollbook.tenancy.store import delete_tenant


@dataclass(frozen=True)
class Importer:
    """Who imports. A user of the site (`account_id`) is recorded as the author of every
    imported report, now; only a Jira administrator (`may_keep_administrators`) keeps other
    people as administrators. The operator CLI (`account_id` None) restores a file as it was
    exported, authors and dates included: it acts for the site, not as one of its users."""

    account_id: str | None
    may_keep_administrators: bool = False


OPERATOR = Importer(account_id=None, may_keep_administrators=True)
# Rows per INSERT while an import writes: few round trips, bounded statement size.
_INSERT_BATCH = 1000


# What an export entry holds besides the stored definition (without name and people).
_NOT_DEFINITION = {"id", "name", "people", "created_at", "created_by", "updated_at", "updated_by"}


def _people(report: ReportExport, options: ImportOptions, importer: Importer) -> dict[str, Any]:
    exported = report.people.model_dump()
    if importer.account_id is None:
        return exported
    if options.people == "importer_only":
        return {"access": "private", "administrators": [importer.account_id]}
    if importer.may_keep_administrators:
        return exported
    # Viewers are kept (the same sharing); administration stays with the importer alone.
    return {**exported, "administrators": [importer.account_id]}


def import_reports(
    session: Session,
    *,
    client_key: str,
    file: ReportExportFile,
    options: ImportOptions,
    importer: Importer,
    limits: ReportLimits,
) -> list[str]:
    """Create the file's reports in the tenant, and point the file's gadgets at them; returns the
    new ids in file order. Every check runs before the first write, and it is one transaction:
    a refused file writes nothing.

    Report ids are unique per site, so `keep_ids` asks only this site whether an id is taken:
    an id used by another site is as free as one never used (nothing about other sites shows)."""
    store = ReportStore(session, client_key)
    if options.keep_ids:
        wanted = [str(report.id) for report in file.reports]
        taken = store.ids_in_use(wanted)
        if taken:
            raise IdAlreadyUsed("these report ids are already in use", ids=sorted(taken))
    check_room(store, limits, adding=len(file.reports))
    now = datetime.now(UTC)
    new_reports = []
    for index, report in enumerate(file.reports):
        # The file was validated as a whole; only the people may have changed, so only they are
        # validated again (a report's validation is most of an import's time).
        people = People.model_validate(_people(report, options, importer)).model_dump(mode="json")
        stored = report.model_dump(mode="json", exclude=_NOT_DEFINITION)
        check_definition_size(
            {"name": report.name, **stored, "people": people},
            limits,
            loc=("body", "file", "reports", index),
        )
        access = people.pop("access")
        author = importer.account_id
        new_reports.append(
            NewReport(
                id=str(report.id) if options.keep_ids else str(uuid.uuid4()),
                name=report.name,
                access=access,
                definition=stored,
                people=people,
                created_at=now if author else report.created_at,
                created_by=author or report.created_by,
                updated_at=now if author else report.updated_at,
                updated_by=author or report.updated_by,
                # The operator's restore brings reports back as they were: no mark.
                imported_at=now if author else None,
                imported_from=(options.source or None) if author else None,
            )
        )
    for start in range(0, len(new_reports), _INSERT_BATCH):
        store.add_many(new_reports[start : start + _INSERT_BATCH])
    created = [report.id for report in new_reports]
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
    audit.record(
        session,
        "site.import",
        tenant_key=client_key,
        actor=importer.account_id,
        reports=len(created),
        dashboard_gadgets=len(file.dashboard_gadgets),
    )
    return created


def purge_tenant(session: Session, client_key: str) -> int:
    """Remove every row of the tenant: gadget settings, reports (live and trash) and the tenant
    record; returns how many reports went. Once the session commits, the rows' bytes are erased
    from the SQLite files too (`erasure`)."""
    erase_after_commit(session)
    gadgets.delete_all(session, client_key)
    removed = ReportStore(session, client_key).delete_all()
    delete_tenant(session, client_key)
    return removed
