"""The one-command demo: a simulated Jira site with sample data and Rollbook, installed and ready.

Starts jirasim (about 5,000 issues) and the Rollbook server, installs Rollbook into jirasim twice
(the Connect app with a real signed install, and the Forge app as its own tenant), creates a few
example reports on each (one shown by each dashboard gadget), and prints both URLs to open."""

from __future__ import annotations

import argparse
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from devstack import running_stack

from jirasim.dataset import DEMO_ADMIN, DEMO_USERS
from jirasim.host.pages import DASHBOARD_ID, dashboard_item_id

ROOT = Path(__file__).resolve().parents[1]
DASHBOARD_REPORT = "Story points by status and assignee"

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
        "description": "Where the estimated work sits, with point totals at every level.",
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
    },
    {
        "name": "Time spent by month",
        "description": "Logged time per month of creation, with the median per issue.",
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
    },
    {
        "name": "Estimate accuracy",
        "description": "A formula field: time spent against the original estimate.",
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


def set_up_both_apps(stack: Any) -> None:
    connect_report = create_examples(stack.api(DEMO_ADMIN.account_id))
    # The Connect gadget's choice is Rollbook's to store; the Forge gadget's is Jira's.
    choice = {"dashboard_id": DASHBOARD_ID, "report_id": connect_report}
    with stack.api(DEMO_ADMIN.account_id) as api:
        chosen = api.put(f"/api/gadgets/{dashboard_item_id(0)}", json=choice)
    if chosen.status_code != 200:
        raise RuntimeError(f"choosing the dashboard gadget's report: {chosen.text}")
    forge_report = create_examples(stack.forge_api(DEMO_ADMIN.account_id))
    stack.choose_forge_gadget_report(DEMO_ADMIN.account_id, forge_report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--issues", type=int, default=5000)
    parser.add_argument("--jira-port", type=int, default=2990)
    parser.add_argument("--app-port", type=int, default=8000)
    args = parser.parse_args()
    workdir = ROOT / ".run" / "demo"
    shutil.rmtree(workdir, ignore_errors=True)
    print(f"Starting jirasim ({args.issues} issues) and Rollbook…", flush=True)
    with running_stack(
        workdir, issues=args.issues, seed=1, jira_port=args.jira_port, app_port=args.app_port
    ) as stack:
        set_up_both_apps(stack)
        print()
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
