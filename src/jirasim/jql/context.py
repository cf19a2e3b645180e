"""What evaluation needs besides the query: the indexed site and the searching user's clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from jirasim.jql.catalog import ValueCatalog
from jirasim.jql.fields import JqlFieldSpecs
from jirasim.jql.functions import FunctionRegistry
from jirasim.jql.table import IssueTable
from jirasim.site import Site

SUNDAY = 6


@dataclass(frozen=True)
class EvalContext:
    """The searching user (None = anonymous), the instant `now` and the user's time zone.

    `week_start` is the first day of the week for startOfWeek()/endOfWeek() (0 = Monday,
    6 = Sunday; Jira takes it from the user's locale, Sunday for en_US).
    """

    account_id: str | None
    now: datetime
    zone: ZoneInfo
    week_start: int = SUNDAY


@dataclass(frozen=True)
class IndexedSite:
    """A site with the indexes built over it once per `JqlSearcher`."""

    site: Site
    fields: JqlFieldSpecs
    values: ValueCatalog
    table: IssueTable
    functions: FunctionRegistry
