"""The report itself in its API forms: create, update, public (read), summary and list."""

from datetime import datetime
from typing import Any, Self
from uuid import UUID

from pydantic import Field, ModelWrapValidatorHandler, ValidationError, model_validator

from rollbook.reports.schemas.base import (
    AccountId,
    Description,
    GroupName,
    Name,
    Problem,
    ProjectKey,
    RollbookModel,
    raise_problems,
)
from rollbook.reports.schemas.enums import Access
from rollbook.reports.schemas.history import HistorySettings
from rollbook.reports.schemas.references import reference_problems
from rollbook.reports.schemas.rules import Column, FilterRule, FormulaField, GroupRule, SortRule
from rollbook.reports.schemas.view_references import view_problems
from rollbook.reports.schemas.views import MAX_VIEWS, View, default_views, located_in_the_view


class _People(RollbookModel):
    access: Access = Access.PRIVATE
    administrators: list[AccountId] = Field(max_length=50)
    viewer_users: list[AccountId] = Field(default_factory=list, max_length=500)
    viewer_groups: list[GroupName] = Field(default_factory=list, max_length=100)


class People(_People):
    """Who administers and who views a stored report."""

    administrators: list[AccountId] = Field(
        min_length=1, max_length=50, description="1 to 50 account ids."
    )


class PeopleCreate(_People):
    """People of a new report: an empty administrators list becomes `[creator]`."""

    administrators: list[AccountId] = Field(
        default_factory=list, max_length=50, description="Empty: the creator."
    )


class _ReportFields(RollbookModel):
    """The report definition without its people; checks references across its parts."""

    name: Name
    description: Description = ""
    jql: str = Field(
        min_length=1, max_length=10_000, description="Base JQL, sent to Jira unchanged."
    )
    columns: list[Column] = Field(default_factory=list, max_length=50)
    sorting_rules: list[SortRule] = Field(
        default_factory=list, max_length=10, description="Empty: issue key ascending."
    )
    grouping_rules: list[GroupRule] = Field(
        default_factory=list,
        max_length=5,
        description="One rule per nesting level, the outermost first.",
    )
    filtering_rules: list[FilterRule] = Field(default_factory=list, max_length=30)
    formula_fields: list[FormulaField] = Field(default_factory=list, max_length=20)
    projects: list[ProjectKey] = Field(
        default_factory=list,
        max_length=20,
        description="The Jira projects whose project page lists this report; set when a report "
        "is created from a project page. Empty: no project page lists it (the general page "
        "lists every report).",
    )
    views: list[View] = Field(
        default_factory=default_views,
        min_length=1,
        max_length=MAX_VIEWS,
        description="The ways the report is shown (a table, pivots, charts), in tab order; the "
        "first opens. Default: the grouped table alone.",
    )
    history: HistorySettings | None = Field(
        default=None,
        description="How history fields (`history_*`) are computed: cycle time's start and "
        "end, and an optional working-time calendar. null: In Progress to Done, calendar time.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _view_errors_at_the_view(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        try:
            return handler(data)
        except ValidationError as error:
            raise located_in_the_view(error) or error from None

    @model_validator(mode="after")
    def _references_fit(self) -> Self:
        raise_problems(
            type(self).__name__,
            [
                *reference_problems(
                    columns=self.columns,
                    sorting_rules=self.sorting_rules,
                    grouping_rules=self.grouping_rules,
                    filtering_rules=self.filtering_rules,
                    formula_fields=self.formula_fields,
                ),
                *_repeated_projects(self.projects),
                *view_problems(
                    views=self.views,
                    columns=self.columns,
                    grouping_rules=self.grouping_rules,
                    formula_fields=self.formula_fields,
                ),
            ],
        )
        return self


def _repeated_projects(projects: list[str]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for index, key in enumerate(projects):
        if key in seen:
            problems.append(
                Problem(("projects", index), "duplicate_project", "project listed twice", key)
            )
        seen.add(key)
    return problems


class ReportCreate(_ReportFields):
    people: PeopleCreate = Field(default_factory=PeopleCreate)


class ReportBody(_ReportFields):
    """A stored report's definition: what an update replaces and an export carries."""

    people: People


class ReportUpdate(ReportBody):
    """Replaces the whole definition; omitted keys take their defaults."""

    version: int | None = Field(
        default=None,
        ge=1,
        description="The version the edit started from; a stale version is rejected (409).",
    )


class ReportPermissions(RollbookModel):
    can_edit: bool


class ReportPublic(ReportBody):
    id: UUID
    version: int = Field(ge=1, description="1 on create, +1 per update.")
    created_at: datetime
    created_by: AccountId
    updated_at: datetime
    updated_by: AccountId
    deleted_at: datetime | None = Field(default=None, description="Set while in the trash.")
    permissions: ReportPermissions


class ReportSummary(RollbookModel):
    """A report as listed: enough to show, filter and open it."""

    id: UUID
    name: Name
    description: Description
    access: Access
    administrators: list[AccountId]
    created_by: AccountId
    updated_at: datetime
    updated_by: AccountId
    version: int = Field(ge=1)
    imported_at: datetime | None = Field(
        default=None, description="When an import made this report; null if made here."
    )
    imported_from: str | None = Field(
        default=None,
        max_length=255,
        description="What it was imported from (the import's `source`: a file name, a site).",
    )


class ReportList(RollbookModel):
    items: list[ReportSummary]
    total: int = Field(ge=0, description="All matching reports, not just this page.")
    offset: int = Field(ge=0)
    limit: int = Field(ge=1)


class TrashList(RollbookModel):
    """The reports in the trash, as `GET /api/trash` lists them."""

    items: list[ReportPublic]
