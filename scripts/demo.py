"""The one-command demo: a simulated Jira site with sample data and Rollbook, installed and ready.

Starts jirasim (about 5,000 issues) and the Rollbook server, installs Rollbook into jirasim twice
(the Connect app with a real signed install, and the Forge app as its own tenant), creates a few
example reports on each (one shown by each dashboard gadget, as a chart), and prints the start
page, which says who to act as and opens either app as each user.

Rollbook's database is kept in .run/demo/ between runs, so the reports made in the demo are still
there after a restart (jirasim gives the apps the same site keys at the same URL); the examples
are created on the first run only. `--fresh` starts from an empty database."""

from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from devstack import running_stack

from jirasim.dataset import DEMO_ADMIN, DEMO_USERS
from jirasim.host.pages import DASHBOARD_ID, dashboard_item_id
from jirasim.host.start_page import START_PATH

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD_REPORT = "Story points by status and assignee"
# The view of DASHBOARD_REPORT the dashboard gadgets show: a chart fits a gadget best.
DASHBOARD_VIEW = "points-chart"
STORY_POINTS = "customfield_10016"
# jirasim's workflow statuses (jirasim.dataset.catalog): history fields name a status by its id.
TO_DO, IN_PROGRESS, IN_REVIEW = "10000", "10001", "10002"
# Written once the examples exist: a restart keeps the database and does not add them again.
SET_UP_MARKER = "demo-set-up.json"

EXAMPLE_REPORTS: list[dict[str, Any]] = [
    {
        "name": "All open work",
        "description": "A flat list of unresolved issues, highest priority first.",
        "jql": "resolution is EMPTY",
        "columns": [
            {"field": f}
            for f in ("summary", "issuetype", "status", "priority", "assignee", "updated")
        ],
        "sorting_rules": [
            {"field": "priority", "direction": "desc", "empties": "last"},
            {"field": "updated", "direction": "desc", "empties": "last"},
        ],
    },
    {
        "name": "Story points by status and assignee",
        "description": "Where the estimated work sits: story points and original estimate, "
        "with totals for each status and each assignee within it; a pivot of status against "
        "assignee, and a bar chart of the points by status.",
        "jql": "project in (ROLL, WEB, DATA) AND issuetype in (Story, Task, Bug)",
        "columns": [
            {"field": "summary"},
            {"field": "customfield_10016", "label": "Story points", "aggregation": "sum"},
            {
                "field": "timeoriginalestimate",
                "aggregation": "sum",
                "format": {"type": "duration", "duration_style": "jira"},
            },
            {"field": "priority"},
        ],
        "grouping_rules": [{"field": "status"}, {"field": "assignee"}],
        "views": [
            {"kind": "table", "id": "table", "name": "Table"},
            {
                "kind": "pivot",
                "id": "points-pivot",
                "name": "Status by assignee",
                "rows": [{"field": "status"}],
                "columns": [{"field": "assignee"}],
                "values": [{"field": STORY_POINTS, "aggregation": "sum"}],
                "row_totals": True,
                "column_totals": True,
            },
            {
                "kind": "chart",
                "id": DASHBOARD_VIEW,
                "name": "Points by status",
                # One series: stacked by assignee, twenty people would repeat the palette's colours.
                "chart_type": "bar",
                "series": "aggregates",
                "measures": [{"field": STORY_POINTS, "aggregation": "sum"}],
            },
        ],
    },
    {
        # The README's screenshot: two levels whose groups fit on one screen with the total.
        "name": "Points and time by project and status",
        "description": "Story points and logged time per project, and per status inside each.",
        "jql": "project in (ROLL, WEB, OPS, DATA, SEC)",
        "columns": [
            {"field": "summary"},
            {"field": "customfield_10016", "label": "Story points", "aggregation": "sum"},
            {"field": "timespent", "aggregation": "sum"},
            {"field": "assignee"},
        ],
        "grouping_rules": [{"field": "project"}, {"field": "status"}],
    },
    {
        "name": "Time spent by month",
        "description": "Time logged on issues by the month they were created, newest month "
        "first, with the total per month, and a line chart of the running total.",
        "jql": "timespent > 0",
        "columns": [
            {"field": "summary"},
            {
                "field": "timespent",
                "aggregation": "sum",
                "format": {"type": "duration", "duration_style": "hours", "decimals": 1},
            },
            {"field": "created", "aggregation": "earliest", "format": {"type": "date"}},
        ],
        "grouping_rules": [
            {
                "field": "created",
                "bucket": {"kind": "date", "unit": "month"},
                "order": {"by": "key", "direction": "desc"},
            }
        ],
        "views": [
            {"kind": "table", "id": "table", "name": "Table"},
            {
                "kind": "chart",
                "id": "time-chart",
                "name": "Running total",
                "chart_type": "line",
                "measures": [{"field": "timespent", "aggregation": "sum"}],
                "cumulative": True,
            },
        ],
    },
    {
        "name": "Estimate accuracy",
        "description": "Time spent against the original estimate by project: a formula field "
        "(spent ÷ estimate) with totals per project.",
        "jql": "timespent > 0 AND timeoriginalestimate > 0",
        "columns": [
            {"field": "summary"},
            {
                "field": "timespent",
                "aggregation": "sum",
                "format": {"type": "duration", "duration_style": "hours"},
            },
            {
                "field": "timeoriginalestimate",
                "aggregation": "sum",
                "format": {"type": "duration", "duration_style": "hours"},
            },
            {"field": "formula_accuracy", "aggregation": "average", "format": {"type": "percent"}},
        ],
        "grouping_rules": [{"field": "project"}],
        "formula_fields": [
            {
                "key": "formula_accuracy",
                "name": "Spent / estimate",
                "expression": "// hours spent for each hour estimated\n"
                "IF(timeoriginalestimate > 0, timespent / timeoriginalestimate, 0)",
                "result_type": "number",
                "format": {"type": "percent"},
                "rollup": "SUM(timespent) / SUM(timeoriginalestimate)",
            }
        ],
    },
    {
        # Issue 14: the history fields Jira's own reports cannot show, read at p85.
        "name": "Cycle time",
        "description": "How long finished work took, by the month it was resolved, newest month "
        "first: cycle time (first In Progress to the last move to Done) at p85, lead time at "
        "p85, and the time in In Progress and In Review at the median, from each issue's "
        "changelog.",
        "jql": "project in (ROLL, WEB, DATA) AND statusCategory = Done",
        "columns": [
            {"field": "summary"},
            {"field": "history_cycle_time", "aggregation": "p85"},
            {"field": "history_lead_time", "aggregation": "p85"},
            {"field": f"history_time_in_status_{IN_PROGRESS}", "aggregation": "median"},
            {"field": f"history_time_in_status_{IN_REVIEW}", "aggregation": "median"},
            {"field": f"history_transitions_into_{IN_PROGRESS}", "aggregation": "average"},
        ],
        "grouping_rules": [
            {
                "field": "resolutiondate",
                "bucket": {"kind": "date", "unit": "month"},
                "order": {"by": "key", "direction": "desc"},
            }
        ],
        # The defaults, spelled out: where a user changes them in the editor.
        "history": {
            "cycle_start": {"kind": "category", "id": "indeterminate"},
            "cycle_end": {"kind": "category", "id": "done"},
            "working_time": None,
        },
    },
    {
        "name": "Time in status per assignee",
        "description": "Where open work waits, per assignee: the median time each open issue "
        "has spent in To Do, In Progress and In Review so far, and how long it has been in its "
        "current status (the status age, at p85).",
        "jql": "project in (ROLL, WEB, DATA) AND statusCategory != Done",
        "columns": [
            {"field": "summary"},
            {"field": "status"},
            {"field": f"history_time_in_status_{TO_DO}", "aggregation": "median"},
            {"field": f"history_time_in_status_{IN_PROGRESS}", "aggregation": "median"},
            {"field": f"history_time_in_status_{IN_REVIEW}", "aggregation": "median"},
            {"field": "history_status_age", "aggregation": "p85"},
        ],
        "grouping_rules": [{"field": "assignee"}],
    },
]


def create_examples(api: Any) -> str:
    """Creates the example reports through `api`; returns the dashboard report's id."""
    dashboard_report = ""
    with api:
        for report in EXAMPLE_REPORTS:
            body = {
                **report,
                "people": {"access": "open", "administrators": [DEMO_ADMIN.account_id]},
            }
            response = api.post("/api/reports", json=body)
            if response.status_code != 201:
                raise RuntimeError(f"creating {report['name']!r}: {response.text}")
            if report["name"] == DASHBOARD_REPORT:
                dashboard_report = response.json()["id"]
    return dashboard_report


def set_up_both_apps(stack: Any) -> dict[str, str]:
    """Creates the examples in both apps and points each dashboard gadget at one's chart view;
    returns the Forge gadget's report id (jirasim keeps that choice in memory, so a restart sets
    it again)."""
    connect_report = create_examples(stack.api(DEMO_ADMIN.account_id))
    # The Connect gadget's choice is Rollbook's to store; the Forge gadget's is Jira's.
    choice = {"dashboard_id": DASHBOARD_ID, "report_id": connect_report, "view_id": DASHBOARD_VIEW}
    with stack.api(DEMO_ADMIN.account_id) as api:
        chosen = api.put(f"/api/gadgets/{dashboard_item_id(0)}", json=choice)
    if chosen.status_code != 200:
        raise RuntimeError(f"choosing the dashboard gadget's report: {chosen.text}")
    forge_report = create_examples(stack.forge_api(DEMO_ADMIN.account_id))
    stack.choose_forge_gadget_report(DEMO_ADMIN.account_id, forge_report, DASHBOARD_VIEW)
    return {"forge_gadget_report": forge_report}


def resume(stack: Any, marker: dict[str, str]) -> None:
    """After a restart: the reports are in the kept database; only the Forge gadget's choice,
    which jirasim held in memory, is made again (unless that report was deleted since)."""
    report_id = marker.get("forge_gadget_report", "")
    with stack.forge_api(DEMO_ADMIN.account_id) as api:
        still_there = bool(report_id) and api.get(f"/api/reports/{report_id}").status_code == 200
    if still_there:
        stack.choose_forge_gadget_report(DEMO_ADMIN.account_id, report_id, DASHBOARD_VIEW)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--jira-port", type=int, default=2990)
    parser.add_argument("--app-port", type=int, default=8000)
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start from an empty database: forget the reports made in earlier runs",
    )
    args = parser.parse_args()
    workdir = ROOT / ".run" / "demo"
    if args.fresh:
        shutil.rmtree(workdir, ignore_errors=True)
    marker_path = workdir / SET_UP_MARKER
    print(f"Starting jirasim ({args.issues} issues) and Rollbook…", flush=True)
    with running_stack(
        workdir, issues=args.issues, seed=1, jira_port=args.jira_port, app_port=args.app_port
    ) as stack:
        if marker_path.exists():
            resume(stack, json.loads(marker_path.read_text()))
            print(f"Kept the reports of earlier runs ({workdir}; --fresh starts over).")
        else:
            marker_path.write_text(json.dumps(set_up_both_apps(stack)))
        print()
        print(f"  Start here:  {stack.jira_url}{START_PATH}  (who to act as; opens either app)")
        print(f"  Connect app: {stack.general_page}")
        print(f"  Forge app:   {stack.jira_url}{stack.forge['pages']['global']}")
        print("  (both are in the Apps menu; the user switcher at the top right acts as another")
        print("  user)")
        print()
        for user in DEMO_USERS:
            print(f"  {user.email:<24} API token {user.api_token}")
        print(f"\n  Logs: {workdir}/jirasim.log, {workdir}/rollbook.log — Ctrl-C stops both.")
        # A `kill` (SIGTERM) stops the demo like Ctrl-C does: leaving the `with` stops both servers.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("\nStopping.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
