"""History-field fetch benchmark (issue 14; results in docs/benchmarks.md, "History fields"): the
same 20,000-issue report with and without time-in-status columns, in headless Chromium on both
hosts, in one run against one jirasim with 150 ms latency per REST request.

With history columns the client also loads every issue's changelog: on Forge by
`POST /changelog/bulkfetch` (1,000 issues a request), on Connect embedded in the field pages
(`expand=changelog`) plus `GET /issue/{id}/changelog` for an issue with more than those pages
carry. Each page load is cold (a new browser context, as `hosts.py`); loads take turns: Connect
plain, Connect history, Forge plain, Forge history, then again. Prints per host and report the
time from navigation start to the first issue row and to the completeness line, the REST requests
jirasim answered (changelog requests apart) and the history ÷ plain ratio of the medians
(goals: at most 2x to complete; first rows under 1 s). Before the browser runs, `history.ts`
loads the same reports in Node (planner and engine, plain HTTP; both changelog modes).

Run: .venv/bin/python bench/fetch/history.py [--issues 20000] [--latency-ms 150] [--runs 3]
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests"), str(ROOT / "bench" / "fetch")]

from devstack import Stack  # noqa: E402
from hosts import (  # noqa: E402
    FIELDS,
    JQL,
    cold_page_load,
    headless_chromium,
    most_in_flight,
    parse_arguments,
    prepared_stack,
    spread,
)

from jirasim.dataset import DEMO_ADMIN  # noqa: E402
from jirasim.dataset.catalog import STATUSES  # noqa: E402
from support.hosts import ConnectHost, ForgeHost  # noqa: E402

# One time-in-status column per status of jirasim's workflow.
HISTORY_COLUMNS = [f"history_time_in_status_{status.id}" for status in STATUSES]
REPORTS = ("plain", "history")


@dataclass(frozen=True)
class Load:
    host: str
    report: str
    first_row_s: float
    complete_s: float
    issues: int
    requests: int
    changelog_requests: int
    most_in_flight: int
    completeness: str  # the completeness line's text, as the user reads it
    load_1min: float


def create_report(host: ConnectHost | ForgeHost, report: str) -> str:
    columns = [{"field": field} for field in FIELDS]
    if report == "history":
        columns += [{"field": field, "aggregation": "average"} for field in HISTORY_COLUMNS]
    definition = {
        "name": f"History benchmark ({host.name}, {report})",
        "jql": JQL,
        "columns": columns,
        "grouping_rules": [{"field": "status"}],
    }
    with host.api(DEMO_ADMIN.account_id) as api:
        response = api.post("/api/reports", json=definition)
    response.raise_for_status()
    return str(response.json()["id"])


def load_once(
    browser: Any, stack: Stack, host: ConnectHost | ForgeHost, report: str, report_id: str
) -> Load:
    """One cold page load of `report` (hosts.cold_page_load), measured."""
    loaded = cold_page_load(browser, stack, host, report_id)
    marks, log, navigation_start = loaded.marks, loaded.log, loaded.navigation_start
    text = " ".join(marks["text"].split())
    if marks["status"] != "complete":
        raise RuntimeError(f"{host.name} {report}: the report did not complete: {text}")
    counts = re.findall(r"\d[\d,]*", text)
    return Load(
        host=host.name,
        report=report,
        first_row_s=(marks["firstRow"] - navigation_start) / 1000,
        complete_s=(marks["done"] - navigation_start) / 1000,
        issues=int(counts[0].replace(",", "")) if counts else 0,
        requests=len(log),
        changelog_requests=sum(1 for entry in log if "changelog" in entry["path"]),
        most_in_flight=most_in_flight(log),
        completeness=text,
        load_1min=os.getloadavg()[0],
    )


def node_table(stack: Stack, runs: int) -> str:
    """history.ts against this stack's jirasim: the planner and the engine in Node, plain HTTP."""
    return subprocess.run(
        ["node", "--import", "tsx", "../bench/fetch/history.ts", stack.jira_url, str(runs)],
        cwd=ROOT / "client",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def report_table(loads: list[Load]) -> None:
    print("\nEvery run (each a cold page load in a new browser context):")
    print(
        "| host | report | first issue row | complete | REST requests | changelog requests "
        "| most in flight | load (1 min) | completeness line |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for load in loads:
        print(
            f"| {load.host} | {load.report} | {load.first_row_s:.2f} s | {load.complete_s:.2f} s "
            f"| {load.requests} | {load.changelog_requests} | {load.most_in_flight} "
            f"| {load.load_1min:.2f} | {load.completeness} |"
        )
    print("\nMedian (min-max), all cold page loads:")
    print(
        "| host | report | runs | first issue row | complete | REST requests "
        "| changelog requests | issues |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for host in ("connect", "forge"):
        medians: dict[str, tuple[float, float]] = {}
        for report in REPORTS:
            runs = [load for load in loads if load.host == host and load.report == report]
            if not runs:
                continue
            first = [load.first_row_s for load in runs]
            done = [load.complete_s for load in runs]
            medians[report] = (statistics.median(first), statistics.median(done))
            issues = sorted({load.issues for load in runs})
            print(
                f"| {host} | {report} | {len(runs)} | {spread(first)} | {spread(done)} | "
                f"{spread([float(load.requests) for load in runs], '', 0)} | "
                f"{spread([float(load.changelog_requests) for load in runs], '', 0)} | "
                f"{', '.join(map(str, issues))} |"
            )
        if len(medians) == len(REPORTS):
            first_ratio = medians["history"][0] / medians["plain"][0]
            done_ratio = medians["history"][1] / medians["plain"][1]
            print(
                f"| {host} | history / plain (medians) | | {first_ratio:.2f}x | "
                f"{done_ratio:.2f}x | | | |"
            )


def main() -> int:
    args = parse_arguments(runs_help="page loads per host and report")

    with prepared_stack(args.issues) as prepared:
        stack, hosts = prepared.stack, prepared.hosts
        reports = {
            (host.name, report): create_report(host, report) for host in hosts for report in REPORTS
        }
        stack.set_faults(latency_ms=args.latency_ms)
        # First, as hosts.py does with run.ts: it also warms jirasim's JQL and changelog paths.
        node = node_table(stack, args.runs)
        loads: list[Load] = []
        with headless_chromium() as browser:
            # One discarded load per host and report: jirasim's JQL and changelog paths warm.
            for host in hosts:
                for report in REPORTS:
                    load_once(browser, stack, host, report, reports[(host.name, report)])
            for _ in range(args.runs):
                for host in hosts:
                    for report in REPORTS:
                        loads.append(
                            load_once(browser, stack, host, report, reports[(host.name, report)])
                        )
            chromium_version = browser.version

    prepared.print_header(args.latency_ms, chromium_version)
    print(f"history report: the same plus the average of {', '.join(HISTORY_COLUMNS)}")
    print(f"\n{node}")
    report_table(loads)
    counts = {load.issues for load in loads}
    if len(counts) != 1:
        print(f"\nThe loads disagree on the issue count: {sorted(counts)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
