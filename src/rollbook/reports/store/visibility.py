"""Who may view which live report, in SQL: the grant rows a report's sharing gives it
(`grants_of`) and the report list's statements over them, built once (a list pays for no
statement construction). Only the store (this package) runs them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Table,
    and_,
    bindparam,
    distinct,
    exists,
    func,
    literal_column,
    or_,
    select,
)

from rollbook.reports.models import Report, ReportGrant, ReportGrantTotal, ReportProject

REPORTS = Report.__table__
# Tables, not just FROM clauses: the store's upserts and RETURNING need a Table.
GRANTS = cast(Table, ReportGrant.__table__)
TOTALS = cast(Table, ReportGrantTotal.__table__)
PROJECTS = cast(Table, ReportProject.__table__)


def grants_of(access: str, people: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(kind, principal) rows that say who may view a live report, after `can_view`: an open
    report needs the single `open` row; otherwise its administrators, and for a limited report
    its other viewer users and its groups. One person has at most one row per report, so the
    list's total counts people's rows without DISTINCT. Keep in step with identity/access.py (a
    property test compares the list with `can_view`)."""
    if access == "open":
        return {("open", "")}
    administrators = set(people.get("administrators") or [])
    rows = {("admin", account) for account in administrators}
    if access == "limited":
        users = set(people.get("viewer_users") or []) - administrators
        rows |= {("user", account) for account in users}
        rows |= {("group", group) for group in people.get("viewer_groups") or []}
    return rows


# The list's statements, built once (a list pays for no statement construction), with the tenant,
# the caller (`account_id`), their `groups`, `offset` and `limit` as parameters. Index 0: the
# caller's groups play no part; index 1: they do.
LIVE = (REPORTS.c.tenant_key == bindparam("tenant_key"), REPORTS.c.deleted_at.is_(None))
# Grant kinds written into the SQL, not sent as parameters: psycopg prepares a statement after
# five runs, and PostgreSQL's generic plan, not knowing the kind, anti-joined every grant row
# of the site (0.3 ms → 6 ms at 50,000 reports).
_KIND = {kind: literal_column(f"'{kind}'", String) for kind in ("open", "admin", "user", "group")}
_IS_PERSON = GRANTS.c.kind.in_([_KIND["admin"], _KIND["user"]])
LARGEST_OFFSET = 2**31 - 1
_PERSON_GRANT = and_(_IS_PERSON, GRANTS.c.principal == bindparam("account_id"))
_GROUP_GRANT = and_(
    GRANTS.c.kind == _KIND["group"],
    GRANTS.c.principal.in_(bindparam("groups", expanding=True)),
)
VISIBLE = tuple(
    exists().where(
        GRANTS.c.tenant_key == bindparam("tenant_key"),
        GRANTS.c.report_id == REPORTS.c.id,
        or_(*ways),
    )
    for ways in (
        (GRANTS.c.kind == _KIND["open"], _PERSON_GRANT),
        (GRANTS.c.kind == _KIND["open"], _PERSON_GRANT, _GROUP_GRANT),
    )
)
# What a list shows of a report: the definition only for its description.
_SUMMARY_COLUMNS = (
    REPORTS.c.id,
    REPORTS.c.name,
    REPORTS.c.definition["description"].as_string().label("description"),
    REPORTS.c.access,
    REPORTS.c.people,
    REPORTS.c.created_by,
    REPORTS.c.updated_at,
    REPORTS.c.updated_by,
    REPORTS.c.version,
    REPORTS.c.imported_at,
    REPORTS.c.imported_from,
)
PAGE = tuple(
    select(*_SUMMARY_COLUMNS)
    .where(*LIVE, visible)
    .order_by(REPORTS.c.updated_at.desc(), REPORTS.c.id)
    # Written into the SQL like the kinds above, so that a generic plan knows how far to read
    # (one prepared statement per page size and offset in use; psycopg keeps the last 100).
    .offset(bindparam("offset", type_=Integer, literal_execute=True))
    .limit(bindparam("limit", type_=Integer, literal_execute=True))
    for visible in VISIBLE
)
# Group grants of the tenant on reports the caller has no person grant on.
SHARED, _MINE = GRANTS.alias("shared"), GRANTS.alias("mine")
SHARED_NOT_MINE = (
    SHARED.c.tenant_key == bindparam("tenant_key"),
    SHARED.c.kind == _KIND["group"],
    ~exists().where(
        _MINE.c.tenant_key == bindparam("tenant_key"),
        _MINE.c.report_id == SHARED.c.report_id,
        _MINE.c.kind.in_([_KIND["admin"], _KIND["user"]]),
        _MINE.c.principal == bindparam("account_id"),
    ),
)
HIDDEN_WITHOUT_GROUPS = select(exists().where(*SHARED_NOT_MINE))


def _grant_total(*conditions: ColumnElement[bool]) -> Any:
    return (
        select(func.coalesce(func.sum(TOTALS.c.total), 0))
        .where(TOTALS.c.tenant_key == bindparam("tenant_key"), *conditions)
        .scalar_subquery()
    )


# How many live reports the caller may view: an open report has exactly one grant row (`open`)
# and a trashed one none, and a person has at most one row per report, so those are read from
# `report_grant_totals` (one primary-key seek per kind, however many people the site has); only
# the reports reached through groups alone are counted, with DISTINCT (one report may list
# several of the caller's groups).
_TOTAL_WITHOUT_GROUPS = (
    _grant_total(TOTALS.c.kind == _KIND["open"])
    + _grant_total(TOTALS.c.kind == _KIND["admin"], TOTALS.c.principal == bindparam("account_id"))
    + _grant_total(TOTALS.c.kind == _KIND["user"], TOTALS.c.principal == bindparam("account_id"))
)
_THROUGH_GROUPS_ONLY = (
    select(func.count(distinct(SHARED.c.report_id)))
    .where(*SHARED_NOT_MINE, SHARED.c.principal.in_(bindparam("groups", expanding=True)))
    .scalar_subquery()
)
TOTAL = (
    select(_TOTAL_WITHOUT_GROUPS),
    select(_TOTAL_WITHOUT_GROUPS + _THROUGH_GROUPS_ONLY),
)

# The project page's filter: the report carries the tag `project` (a primary-key probe of
# `report_projects` per report the page walks).
IN_PROJECT = exists().where(
    PROJECTS.c.tenant_key == bindparam("tenant_key"),
    PROJECTS.c.project_key == bindparam("project"),
    PROJECTS.c.report_id == REPORTS.c.id,
)
