"""A report as an export-file entry, and the file around them: one report's export as a model,
and the whole site's (with its gadgets) as a stream of text, page by page, so a site of any size
exports in the memory of one page.

The stream is byte for byte what `ReportExportFile.model_dump_json(indent=...)` writes for the
same reports and gadgets (a test holds it to that), so both are the same file format."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from rollbook.core.db import Database
from rollbook.gadgets import service as gadgets
from rollbook.gadgets.schemas import GadgetSetting
from rollbook.reports.schemas import EXPORT_FORMAT, ReportExport
from rollbook.reports.store import Report, ReportStore
from rollbook.site.schemas import EXPORT_FORMAT_VERSION, ReportExportFile

# Reports read per query (and held in memory at once) while a site export streams.
EXPORT_PAGE_SIZE = 500
_EMPTY_REPORTS = ('"reports": []', '"reports":[]')


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
        format_version=EXPORT_FORMAT_VERSION,
        exported_at=datetime.now(UTC),
        reports=[export_row(row) for row in rows],
        dashboard_gadgets=dashboard_gadgets or [],
    )


def _envelope(
    exported_at: datetime, dashboard_gadgets: list[GadgetSetting], indent: int | None
) -> tuple[str, str]:
    """The file's text before and after the reports' entries, cut from pydantic's own dump of
    a file without reports, so the stream cannot drift from the model's format."""
    # Constructed, not validated: its gadgets name reports this empty list does not hold.
    empty = ReportExportFile.model_construct(
        format=EXPORT_FORMAT,
        format_version=EXPORT_FORMAT_VERSION,
        exported_at=exported_at,
        reports=[],
        dashboard_gadgets=dashboard_gadgets,
    ).model_dump_json(indent=indent)
    marker = _EMPTY_REPORTS[0] if indent is not None else _EMPTY_REPORTS[1]
    head, tail = empty.split(marker, 1)
    return head + marker[:-1], "]" + tail


def _entry(row: Report, indent: int | None) -> str:
    text = export_row(row).model_dump_json(indent=indent)
    if indent is None:
        return text
    # An entry sits two levels deep: in the file's object, in the `reports` list.
    padding = " " * (2 * indent)
    return "\n".join(padding + line for line in text.splitlines())


def export_site_chunks(
    database: Database,
    tenant_key: str,
    *,
    indent: int | None = None,
    page_size: int = EXPORT_PAGE_SIZE,
    exported_at: datetime | None = None,
) -> Iterator[str]:
    """The site export file as text pieces: every live report, oldest first, then the gadgets
    showing them (the trash is not exported).

    Each page is read in its own short session, so a slow download holds no connection or
    snapshot; a report created while the export runs may be left out, and the gadgets listed
    are only those showing a report the file holds, so the file always imports."""
    exported_at = exported_at or datetime.now(UTC)
    head, _ = _envelope(exported_at, [], indent)
    yield head
    separator = "," if indent is None else ",\n"
    written: set[str] = set()
    after: tuple[datetime, str] | None = None
    while True:
        with database.session() as session:
            rows = ReportStore(session, tenant_key).live_page(after=after, limit=page_size)
            entries = [_entry(row, indent) for row in rows]
        if not rows:
            break
        first = not written
        if indent is not None and first:
            yield "\n"
        yield ("" if first else separator) + separator.join(entries)
        written.update(row.id for row in rows)
        after = (rows[-1].created_at, rows[-1].id)
    with database.session() as session:
        showing = gadgets.settings_showing(session, tenant_key, written)
    _, tail = _envelope(exported_at, showing, indent)
    if indent is not None and written:
        yield "\n" + " " * indent
    yield tail
