"""Fetch benchmark in the browser: one report loaded by the client's fetch planner on both hosts,
Connect (`AP.request`) and Forge Custom UI (`@forge/bridge` `requestJira`), in one run against
one jirasim with 150 ms latency per REST request. Prints per host the time from navigation start
to the first REST request, the first issue row and the completeness line, the REST requests
jirasim answered, and the Forge/Connect ratio; plus `run.ts`'s planner row against the same
jirasim (Node, plain HTTP).

Run: .venv/bin/python bench/fetch/hosts.py [--issues 20000] [--latency-ms 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests")]

import httpx  # noqa: E402
from devstack import Stack, running_stack  # noqa: E402
from package_forge import RESOURCE, package  # noqa: E402

from jirasim.dataset import DEMO_ADMIN  # noqa: E402
from support.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from support.bundle import ensure_client_bundle  # noqa: E402
from support.hosts import ConnectHost, ForgeHost  # noqa: E402

JQL = "project in (ROLL, WEB, OPS, DATA, SEC)"
# The same fields as run.ts, grouped by status.
FIELDS = ["summary", "status", "assignee", "priority", "customfield_10016", "timespent", "created"]
SEED = 5  # as run.py
VIEWPORT = {"width": 1280, "height": 800}
LOAD_TIMEOUT_MS = 300_000

# Runs in every frame before its scripts: stamps (epoch ms, high resolution) when the first issue
# row enters the DOM and when the completeness line appears. The top page's
# performance.timeOrigin is navigation start on the same clock.
MARKS_JS = """
(() => {
  const marks = (window.__fetchBench = {});
  const now = () => performance.timeOrigin + performance.now();
  const observer = new MutationObserver(() => {
    if (marks.firstRow === undefined && document.querySelector('[data-testid="row-issue"]')) {
      marks.firstRow = now();
    }
    const line = document.querySelector('[data-testid="completeness"][data-status]');
    if (line) {
      marks.done = now();
      marks.status = line.dataset.status;
      marks.text = line.textContent;
      observer.disconnect();
    }
  });
  // childList only: React inserts the line with its data-status already set.
  observer.observe(document, { subtree: true, childList: true });
})();
"""


@dataclass(frozen=True)
class Load:
    host: str
    first_request_s: float  # the first REST request reaching jirasim
    first_row_s: float
    complete_s: float
    issues: int
    requests: int
    most_in_flight: int  # REST requests jirasim worked on at once, at most
    load_1min: float  # the 1-minute load average just after this run


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.MULTILINE)
    memory_kb = int(memory[1]) if memory else 0
    cores = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    return (
        f"{cores} cores, {model[1] if model else 'unknown CPU'}, "
        f"{memory_kb / 1024 / 1024:.1f} GiB memory"
    )


def load_average() -> str:
    uptime = subprocess.run(["uptime"], capture_output=True, text=True, check=True).stdout
    return uptime.strip().split("load average: ")[-1]


def last_seq(stack: Stack) -> int:
    entries = request_log(stack, 0)
    return max((entry["seq"] for entry in entries), default=0)


def request_log(stack: Stack, since: int) -> list[dict[str, Any]]:
    response = httpx.get(f"{stack.jira_url}/_jirasim/requests", params={"since": since}, timeout=30)
    response.raise_for_status()
    return list(response.json()["requests"])


def create_report(host: ConnectHost | ForgeHost) -> str:
    definition = {
        "name": f"Fetch benchmark ({host.name})",
        "jql": JQL,
        "columns": [{"field": field} for field in FIELDS],
        "grouping_rules": [{"field": "status"}],
    }
    with host.api(DEMO_ADMIN.account_id) as api:
        response = api.post("/api/reports", json=definition)
    response.raise_for_status()
    return str(response.json()["id"])


@dataclass(frozen=True)
class PageLoad:
    navigation_start: float  # epoch ms, the clock of MARKS_JS's marks
    marks: dict[str, Any]  # MARKS_JS's window.__fetchBench in the report's frame
    log: list[dict[str, Any]]  # the REST requests jirasim answered for this load


def cold_page_load(
    browser: Any, stack: Stack, host: ConnectHost | ForgeHost, report_id: str
) -> PageLoad:
    """One cold page load: a new context (no cache, cookies or connections), signed in by a
    request rather than a page, then straight to the report's page, until its completeness line
    shows."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(MARKS_JS)
        signed_in = context.request.post(
            f"{stack.jira_url}/_jirasim/session",
            form={"account_id": DEMO_ADMIN.account_id},
            max_redirects=0,
        )
        assert signed_in.status == 303, signed_in.status
        page = context.new_page()
        since = last_seq(stack)
        page.goto(host.report_page_url(report_id))
        navigation_start = page.evaluate("performance.timeOrigin")
        frame = host.report_frame(page)
        # A locator, not wait_for_function: the frames' CSP forbids evaluating strings.
        done = frame.locator('[data-testid="completeness"][data-status]')
        done.wait_for(timeout=LOAD_TIMEOUT_MS)
        marks = frame.evaluate("() => window.__fetchBench")
        log = request_log(stack, since)
    finally:
        context.close()
    return PageLoad(navigation_start, marks, log)


def load_once(browser: Any, stack: Stack, host: ConnectHost | ForgeHost, report_id: str) -> Load:
    loaded = cold_page_load(browser, stack, host, report_id)
    marks, log, navigation_start = loaded.marks, loaded.log, loaded.navigation_start
    if marks["status"] != "complete":
        raise RuntimeError(f"{host.name}: the report did not complete: {marks['text']}")
    return Load(
        host=host.name,
        first_request_s=min(entry["started"] for entry in log) - navigation_start / 1000,
        first_row_s=(marks["firstRow"] - navigation_start) / 1000,
        complete_s=(marks["done"] - navigation_start) / 1000,
        issues=int(re.sub(r"\D", "", marks["text"])),
        requests=len(log),
        most_in_flight=most_in_flight(log),
        load_1min=os.getloadavg()[0],
    )


def bundle_entry(build: Path) -> str:
    manifest = json.loads((build / ".vite" / "manifest.json").read_text())
    return str(next(item["file"] for item in manifest.values() if item.get("isEntry")))


def most_in_flight(log: list[dict[str, Any]]) -> int:
    """From each request's arrival and answer times in jirasim's log."""
    events = sorted([(e["started"], 1) for e in log] + [(e["time"], -1) for e in log])
    in_flight = most = 0
    for _, change in events:
        in_flight += change
        most = max(most, in_flight)
    return most


def node_planner_line(stack: Stack) -> str:
    """run.ts against this stack's jirasim: its planner row (plain HTTP from Node)."""
    output = subprocess.run(
        ["node", "--import", "tsx", "../bench/fetch/run.ts", stack.jira_url, JQL],
        cwd=ROOT / "client",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(line for line in output.splitlines() if line.startswith("| planner"))


def spread(values: list[float], unit: str = " s", digits: int = 2) -> str:
    return (
        f"{statistics.median(values):.{digits}f}{unit} "
        f"({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


def report(loads: list[Load]) -> None:
    print("\nEvery run (each a cold page load in a new browser context):")
    print(
        "| run | host | first Jira request | first issue row | complete | REST requests "
        "| most in flight | issues | load (1 min) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for index, load in enumerate(loads):
        print(
            f"| {index // 2 + 1} | {load.host} | {load.first_request_s:.2f} s | "
            f"{load.first_row_s:.2f} s | {load.complete_s:.2f} s | {load.requests} | "
            f"{load.most_in_flight} | {load.issues} | {load.load_1min:.2f} |"
        )
    by_host = {name: [load for load in loads if load.host == name] for name in ("connect", "forge")}
    labels = {"connect": "Connect (`AP.request`)", "forge": "Forge (`requestJira`)"}
    print("\nMedian (min-max), all cold page loads:")
    print(
        "| host | runs | first Jira request | first issue row | complete | REST requests | issues |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, runs in by_host.items():
        requests = [float(load.requests) for load in runs]
        issues = sorted({load.issues for load in runs})
        print(
            f"| {labels[name]} | {len(runs)} | {spread([r.first_request_s for r in runs])} | "
            f"{spread([r.first_row_s for r in runs])} | "
            f"{spread([r.complete_s for r in runs])} | {spread(requests, '', 0)} | "
            f"{', '.join(map(str, issues))} |"
        )

    def ratio(attribute: str) -> str:
        medians = [
            statistics.median(getattr(load, attribute) for load in by_host[name])
            for name in ("forge", "connect")
        ]
        return f"{medians[0] / medians[1]:.2f}x"

    print(
        f"| Forge / Connect (medians) | | {ratio('first_request_s')} | {ratio('first_row_s')} | "
        f"{ratio('complete_s')} | | |"
    )


@dataclass
class PreparedStack:
    """A running stack for a browser benchmark, and what the run prints about itself."""

    stack: Stack
    hosts: list[ConnectHost | ForgeHost]  # one of each kind, Connect first
    issues: int
    build: Path  # the client bundle, served to both hosts
    started: str
    load_before: str
    load_after: str = ""  # set once the stack has stopped

    def print_header(self, latency_ms: int, chromium_version: str) -> None:
        print(
            f"{self.started}; jirasim {self.issues} issues (seed {SEED}), {latency_ms} ms "
            f"latency per REST request; Chromium {chromium_version} headless"
        )
        print(f"machine: {machine()}")
        print(f"load average (1, 5, 15 min): before {self.load_before}; after {self.load_after}")
        print(f"client bundle: {bundle_entry(self.build)} (one build, served to both hosts)")
        print(f"JQL: {JQL}; fields: {', '.join(FIELDS)}; grouped by status")


@contextmanager
def prepared_stack(issues: int) -> Iterator[PreparedStack]:
    """The client bundle built (and packaged as the Forge resource), the load average noted, then
    jirasim (`issues` issues, SEED) and Rollbook started with one host of each kind. The load
    average is noted again once the stack has stopped."""
    build = ensure_client_bundle()
    packaged = RESOURCE / "index.html"
    if not packaged.exists() or packaged.read_bytes() != (build / "index.html").read_bytes():
        package(build)  # the Forge resource is a copy of the same build
    load_before = load_average()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    with (
        tempfile.TemporaryDirectory() as workdir,
        running_stack(Path(workdir), issues=issues, seed=SEED) as stack,
    ):
        prepared = PreparedStack(
            stack=stack,
            hosts=[ConnectHost(stack), ForgeHost(stack)],
            issues=issues,
            build=build,
            started=started,
            load_before=load_before,
        )
        yield prepared
    prepared.load_after = load_average()


@contextmanager
def headless_chromium() -> Iterator[Any]:
    """Playwright's Chromium (the system one, as the e2e tests use), headless."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def parse_arguments(runs_help: str) -> argparse.Namespace:
    """The options of the browser benchmarks (this one and history.py)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--issues", type=int, default=20_000)
    parser.add_argument("--latency-ms", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3, help=runs_help)
    return parser.parse_args()


def main() -> int:
    args = parse_arguments(runs_help="page loads per host")

    with prepared_stack(args.issues) as prepared:
        stack = prepared.stack
        reports = {host.name: create_report(host) for host in prepared.hosts}
        stack.set_faults(latency_ms=args.latency_ms)
        # First, so jirasim's JQL and search paths are warm for every browser run alike.
        node_line = node_planner_line(stack)
        loads = []
        with headless_chromium() as browser:
            for _ in range(args.runs):
                for host in prepared.hosts:  # alternating: C, F, C, F, …
                    loads.append(load_once(browser, stack, host, reports[host.name]))
            chromium_version = browser.version

    prepared.print_header(args.latency_ms, chromium_version)
    print(f"\nNode (run.ts, plain HTTP, same jirasim, before the browser runs):\n{node_line}")
    report(loads)
    counts = {load.issues for load in loads} | {int(node_line.split("|")[2])}
    if len(counts) != 1:
        print(f"\nThe loads disagree on the issue count: {sorted(counts)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
