"""The closed vocabularies of the report model (docs/report-model.md), one StrEnum each.

Operators and aggregations are in `vocabulary.py`, next to the field types they fit.

StrEnums (rather than inline Literals) give each set a name in the JSON Schema, so the generated
client types get `Operator`, `Aggregation`, ... as named unions.
"""

from enum import StrEnum


class FormatType(StrEnum):
    """How a column's values are displayed."""

    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"
    DURATION = "duration"
    DATE = "date"
    DATETIME = "datetime"
    USER = "user"
    OPTION = "option"


class DurationStyle(StrEnum):
    """`jira` is `1w 2d 3h` with Jira's 8-hour days and 5-day weeks."""

    HOURS = "hours"
    DAYS = "days"
    JIRA = "jira"


class DateStyle(StrEnum):
    ISO = "iso"
    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class SortDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


class Empties(StrEnum):
    """Where issues without a value go in a sort."""

    FIRST = "first"
    LAST = "last"


class DateBucketUnit(StrEnum):
    """Date group buckets, in the viewer's time zone; weeks are ISO weeks."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class GroupOrderBy(StrEnum):
    """Order groups by their key, or by an aggregate over their issues."""

    KEY = "key"
    AGGREGATE = "aggregate"


class RelativeDateUnit(StrEnum):
    """The unit operand of `in_last` / `in_next`."""

    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"


class FormulaResultType(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    BOOLEAN = "boolean"
    DURATION = "duration"


class Access(StrEnum):
    """Who may view a report.

    private: administrators only; limited: plus the listed viewer users and members of the
    listed viewer groups; open: every user of the site.
    """

    PRIVATE = "private"
    LIMITED = "limited"
    OPEN = "open"


class ChartType(StrEnum):
    """How a chart view draws its x axis (the report's first grouping level) and series."""

    BAR = "bar"
    STACKED_BAR = "stacked_bar"
    LINE = "line"
    AREA = "area"
    PIE = "pie"
    DONUT = "donut"


class ChartSeries(StrEnum):
    """A chart's series: one per group of the second grouping level, or one per measure."""

    SECOND_LEVEL = "second_level"
    AGGREGATES = "aggregates"


class PercentOf(StrEnum):
    """What a pivot shows each value as a share of: nothing (the value itself), its row's
    total, its column's total or the grand total."""

    NONE = "none"
    ROW = "row"
    COLUMN = "column"
    TOTAL = "total"


class AxisOrderBy(StrEnum):
    """Order a pivot axis's groups by their key, or by one of the view's values."""

    KEY = "key"
    VALUE = "value"


class ThresholdColor(StrEnum):
    """The named colours of conditional formatting. Only the name is stored; the client maps it
    to a shade that keeps the cell's text readable."""

    GRAY = "gray"
    BLUE = "blue"
    GREEN = "green"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


class HistoryPointKind(StrEnum):
    """What a cycle-time end names: one Jira status (by id) or a status category (by key)."""

    STATUS = "status"
    CATEGORY = "category"
