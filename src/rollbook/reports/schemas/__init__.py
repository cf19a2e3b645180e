"""Pydantic models of report model v2 (docs/report-model.md), the single source of truth.

The client's types (`client/src/api/*.gen.ts`, `client/src/engine/*.gen.ts`) are generated
from these and from `vocabulary.py` by `scripts/generate_client_types.py`.
"""

from rollbook.reports.schemas.base import AccountId, FieldKey, FormulaKey, GroupName
from rollbook.reports.schemas.enums import (
    Access,
    DateBucketUnit,
    DateStyle,
    DurationStyle,
    Empties,
    FormatType,
    FormulaResultType,
    GroupOrderBy,
    RelativeDateUnit,
    SortDirection,
)
from rollbook.reports.schemas.errors import (
    INVALID_REPORT,
    ErrorBody,
    ErrorDetail,
    invalid_report_body,
)
from rollbook.reports.schemas.export import EXPORT_FORMAT, ReportExport
from rollbook.reports.schemas.operands import Operand
from rollbook.reports.schemas.report import (
    People,
    PeopleCreate,
    ReportBody,
    ReportCreate,
    ReportList,
    ReportPermissions,
    ReportPublic,
    ReportSummary,
    ReportUpdate,
    TrashList,
)
from rollbook.reports.schemas.rules import (
    Bucket,
    Column,
    DateBucket,
    FilterRule,
    Format,
    FormulaField,
    GroupOrder,
    GroupRule,
    NumberBucket,
    SortRule,
)
from rollbook.reports.schemas.views import (
    ChartView,
    Measure,
    PivotView,
    TableView,
    View,
)
from rollbook.reports.schemas.vocabulary import Aggregation, FieldType, Operator

__all__ = [
    "EXPORT_FORMAT",
    "INVALID_REPORT",
    "Access",
    "AccountId",
    "Aggregation",
    "Bucket",
    "ChartView",
    "Column",
    "DateBucket",
    "DateBucketUnit",
    "DateStyle",
    "DurationStyle",
    "Empties",
    "ErrorBody",
    "ErrorDetail",
    "FieldKey",
    "FieldType",
    "FilterRule",
    "Format",
    "FormatType",
    "FormulaField",
    "FormulaKey",
    "FormulaResultType",
    "GroupName",
    "GroupOrder",
    "GroupOrderBy",
    "GroupRule",
    "Measure",
    "NumberBucket",
    "Operand",
    "Operator",
    "People",
    "PeopleCreate",
    "PivotView",
    "RelativeDateUnit",
    "ReportBody",
    "ReportCreate",
    "ReportExport",
    "ReportList",
    "ReportPermissions",
    "ReportPublic",
    "ReportSummary",
    "ReportUpdate",
    "SortDirection",
    "SortRule",
    "TableView",
    "TrashList",
    "View",
    "invalid_report_body",
]
