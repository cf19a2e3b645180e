"""The demo's example reports say what they hold: each is a valid report, and each promise its
description makes (a median, totals, months, an order, a pivot or chart) is kept by its
definition; the demo's dashboard gadgets show a chart view; the demo has the cycle-time reports of
issue 14, on statuses its site has."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from demo import DASHBOARD_REPORT, DASHBOARD_VIEW, EXAMPLE_REPORTS

from jirasim.dataset.catalog import IN_PROGRESS, IN_REVIEW, STATUSES
from rollbook.reports.schemas import ReportCreate

Report = dict[str, Any]


def _aggregations(report: Report) -> set[str]:
    return {column.get("aggregation") for column in report.get("columns", [])} - {None}


def _month_bucket(report: Report) -> bool:
    return any(
        (rule.get("bucket") or {}).get("unit") == "month"
        for rule in report.get("grouping_rules", [])
    )


def _grouped_by(field: str) -> Callable[[Report], bool]:
    return lambda report: field in {rule["field"] for rule in report.get("grouping_rules", [])}


def _newest_group_first(report: Report) -> bool:
    return any(
        (rule.get("order") or {}).get("direction") == "desc"
        for rule in report.get("grouping_rules", [])
    )


def _sorted_first_by(field: str, direction: str) -> Callable[[Report], bool]:
    def check(report: Report) -> bool:
        rules = report.get("sorting_rules", [])
        return bool(rules) and rules[0] == {**rules[0], "field": field, "direction": direction}

    return check


def _has_column(field: str) -> Callable[[Report], bool]:
    return lambda report: field in {column["field"] for column in report.get("columns", [])}


def _has_column_starting(prefix: str) -> Callable[[Report], bool]:
    return lambda report: any(column["field"].startswith(prefix) for column in report["columns"])


def _month_bucket_of(field: str) -> Callable[[Report], bool]:
    return lambda report: any(
        rule["field"] == field and (rule.get("bucket") or {}).get("unit") == "month"
        for rule in report.get("grouping_rules", [])
    )


def _has_view(kind: str, **settings: Any) -> Callable[[Report], bool]:
    return lambda report: any(
        view["kind"] == kind and all(view.get(key) == value for key, value in settings.items())
        for view in report.get("views", [])
    )


# (words a description may use, what the report must then have); matched case-insensitively.
PROMISES: list[tuple[str, Callable[[Report], bool]]] = [
    (r"\bmedian\b", lambda report: "median" in _aggregations(report)),
    (r"\baverage\b|\bmean\b", lambda report: "average" in _aggregations(report)),
    (r"\btotals?\b", lambda report: "sum" in _aggregations(report)),
    (r"\bcount\b", lambda report: "count" in _aggregations(report)),
    (r"\bmonth\b", _month_bucket),
    (r"newest month first", _newest_group_first),
    (r"highest priority first", _sorted_first_by("priority", "desc")),
    (r"\bformula\b", lambda report: bool(report.get("formula_fields"))),
    (r"\bby project\b|\bper project\b", _grouped_by("project")),
    (r"\beach status\b|\bby status\b", _grouped_by("status")),
    (r"\bassignee\b", _grouped_by("assignee")),
    (r"\bstory points\b", _has_column("customfield_10016")),
    (r"\boriginal estimate\b", _has_column("timeoriginalestimate")),
    (r"\bunresolved\b", lambda report: "resolution is EMPTY" in report["jql"]),
    (r"\bpivot\b", _has_view("pivot")),
    (r"\bchart\b", _has_view("chart")),
    (r"\bstacked bar chart\b", _has_view("chart", chart_type="stacked_bar")),
    (r"(?<!stacked )\bbar chart\b", _has_view("chart", chart_type="bar")),
    (r"\bline chart\b", _has_view("chart", chart_type="line")),
    (r"\brunning total\b", _has_view("chart", cumulative=True)),
    (r"\bp50\b", lambda report: "p50" in _aggregations(report)),
    (r"\bp85\b", lambda report: "p85" in _aggregations(report)),
    (r"\bp95\b", lambda report: "p95" in _aggregations(report)),
    (r"\bcycle time\b", _has_column("history_cycle_time")),
    (r"\blead time\b", _has_column("history_lead_time")),
    (r"\bstatus age\b", _has_column("history_status_age")),
    (r"\btime in\b|\bspent in\b", _has_column_starting("history_time_in_status_")),
    (r"\bmonth (?:it was|they were) resolved\b", _month_bucket_of("resolutiondate")),
]


@pytest.mark.parametrize("report", EXAMPLE_REPORTS, ids=lambda report: report["name"])
def test_an_example_is_a_valid_report(report: Report) -> None:
    ReportCreate.model_validate(report)


@pytest.mark.parametrize("report", EXAMPLE_REPORTS, ids=lambda report: report["name"])
def test_an_example_keeps_what_its_description_promises(report: Report) -> None:
    text = f"{report['name']}. {report['description']}"
    broken = [
        pattern
        for pattern, kept in PROMISES
        if re.search(pattern, text, re.IGNORECASE) and not kept(report)
    ]
    assert broken == [], f"{report['name']!r} promises what it lacks: {broken}"


def test_the_check_catches_a_promised_median_that_is_not_there() -> None:
    (time_spent,) = [r for r in EXAMPLE_REPORTS if r["name"] == "Time spent by month"]
    promising = {**time_spent, "description": "Logged time with the median per issue."}
    assert not PROMISES[0][1](promising)


def test_the_dashboard_gadgets_show_a_chart_view_of_their_report() -> None:
    (report,) = [r for r in EXAMPLE_REPORTS if r["name"] == DASHBOARD_REPORT]
    (view,) = [v for v in report["views"] if v["id"] == DASHBOARD_VIEW]
    assert view["kind"] == "chart"
    # Not the first view: the full report still opens on its table.
    assert report["views"][0]["kind"] == "table"


def test_the_check_catches_a_promised_chart_that_is_not_there() -> None:
    (time_spent,) = [r for r in EXAMPLE_REPORTS if r["name"] == "Time spent by month"]
    without_views = {key: value for key, value in time_spent.items() if key != "views"}
    broken = [pattern for pattern, kept in PROMISES if not kept(without_views)]
    assert r"\bline chart\b" in broken and r"\brunning total\b" in broken


def _history_status_ids(report: Report) -> set[str]:
    """The status ids that the report's history field keys end with."""
    per_status = ("history_time_in_status_", "history_transitions_into_")
    return {
        column["field"].rpartition("_")[2]
        for column in report["columns"]
        if column["field"].startswith(per_status)
    }


def test_the_demo_has_a_cycle_time_report() -> None:
    (report,) = [r for r in EXAMPLE_REPORTS if r["name"] == "Cycle time"]
    aggregations = {column["field"]: column.get("aggregation") for column in report["columns"]}
    assert aggregations["history_cycle_time"] == "p85"
    assert _month_bucket_of("resolutiondate")(report)
    assert _has_column_starting("history_time_in_status_")(report)


def test_the_demo_has_a_time_in_status_report_per_assignee() -> None:
    (report,) = [r for r in EXAMPLE_REPORTS if r["name"] == "Time in status per assignee"]
    assert report["grouping_rules"][0]["field"] == "assignee"
    assert {IN_PROGRESS.id, IN_REVIEW.id} <= _history_status_ids(report)


@pytest.mark.parametrize("report", EXAMPLE_REPORTS, ids=lambda report: report["name"])
def test_an_example_names_statuses_the_demo_site_has(report: Report) -> None:
    # History fields name a status by its id; a wrong id would show an empty column.
    assert _history_status_ids(report) <= {status.id for status in STATUSES}
