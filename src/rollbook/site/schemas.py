"""A site's export file (reports and the gadgets that show them) and the request and answer
models of the site-wide routes: import, purge."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import Field, model_validator

from rollbook.gadgets.schemas import GadgetSetting
from rollbook.reports.schemas.base import Problem, RollbookModel, raise_problems
from rollbook.reports.schemas.export import ExportFormat, ReportExport


class PurgeRequest(RollbookModel):
    confirm_site_url: str = Field(
        max_length=2048,
        description="The Jira site URL, typed by the administrator to confirm permanent removal.",
    )


class PurgeResult(RollbookModel):
    reports_removed: int


# The version an export writes. Version 1 (before views) still imports: each report gets the
# default views, its grouped table alone.
EXPORT_FORMAT_VERSION: Literal[2] = 2


class ReportExportFile(RollbookModel):
    """A downloaded export; `format` and `format_version` are required so any other JSON is
    rejected on import."""

    format: ExportFormat
    format_version: Literal[1, 2] = Field(
        description="2 since reports have views; a version 1 file is read as version 2, each "
        "report with its default views."
    )
    exported_at: datetime
    # No count limit here: a site export holds every live report, however many. An import is
    # bounded by the import body size and the site's report cap (docs/limits.md).
    reports: list[ReportExport]
    dashboard_gadgets: list[GadgetSetting] = Field(
        default_factory=list,
        description="The site's dashboard gadgets that show one of these reports (site export "
        "only); imported with their reports' new ids.",
    )

    @model_validator(mode="before")
    @classmethod
    def _version_1_read_as_2(cls, data: Any) -> Any:
        """A version 1 file is read as version 2, each report with its default views (the
        table alone). Views came with version 2, so a version 1 file that has them was not
        written by Rollbook and is refused."""
        if not isinstance(data, dict) or data.get("format_version") != 1:
            return data
        reports = data.get("reports")
        raise_problems(
            "ReportExportFile",
            [
                Problem(
                    ("reports", index, "views"),
                    "views_need_version_2",
                    "a format_version 1 file has no views; views need format_version 2",
                    None,
                )
                for index, report in enumerate(reports if isinstance(reports, list) else [])
                if isinstance(report, dict) and "views" in report
            ],
        )
        return {**data, "format_version": EXPORT_FORMAT_VERSION}

    @model_validator(mode="after")
    def _ids_unique(self) -> Self:
        first_index: dict[UUID, int] = {}
        problems = []
        for index, report in enumerate(self.reports):
            if report.id in first_index:
                problems.append(
                    Problem(
                        ("reports", index, "id"),
                        "duplicate_report_id",
                        "reports {first} has the same id",
                        str(report.id),
                        {"first": first_index[report.id]},
                    )
                )
            else:
                first_index[report.id] = index
        for index, gadget in enumerate(self.dashboard_gadgets):
            if gadget.report_id not in first_index:
                problems.append(
                    Problem(
                        ("dashboard_gadgets", index, "report_id"),
                        "unknown_report_id",
                        "no report in this file has this id",
                        str(gadget.report_id),
                        {},
                    )
                )
        raise_problems("ReportExportFile", problems)
        return self


class ImportOptions(RollbookModel):
    keep_ids: bool = Field(
        default=False,
        description="true: imported reports keep their exported ids (an id already used in "
        "this site is an error); false: each gets a new id.",
    )
    people: Literal["keep", "importer_only"] = Field(
        default="keep",
        description="keep: access, administrators and viewers as exported (account ids are "
        "site-wide); importer_only: private, with the importer as the only administrator "
        "and no viewers, for moving reports to another site.",
    )
    source: str = Field(
        default="",
        max_length=255,
        pattern=r"^[^\x00-\x1f\x7f]*$",
        description="What the reports come from, shown with each imported report in the list "
        "(the file's name, or the site it was exported from); empty: `a file`.",
    )


class ImportRequest(RollbookModel):
    file: ReportExportFile
    options: ImportOptions = Field(default_factory=ImportOptions)


class ImportResult(RollbookModel):
    """The ids of the imported reports, in the file's order."""

    ids: list[str]
