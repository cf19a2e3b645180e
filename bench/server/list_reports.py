"""Report list benchmark: the service call behind GET /api/reports for a tenant with many reports.

For 100, 1,000 and 5,000 open reports (each a full definition): the median of 20 calls of
`service.list_reports` (first page of 50), next to a baseline in the same run that loads every
report row with its definition and filters it (the implementation before 2026-11-30). The
database is a fresh SQLite file, or the one `--database-url` names (only the benchmark's own
tenant is replaced).

Run: .venv/bin/python bench/server/list_reports.py [--database-url URL] [--calls 20]"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from rollbook.identity.access import can_view
from rollbook.identity.viewer import Viewer
from rollbook.migrations import upgrade_database
from rollbook.reports import service
from rollbook.reports.schemas import ReportCreate
from rollbook.reports.store import ReportStore
from rollbook.site.transfer import purge_tenant

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from support.reports import full_report

CLIENT_KEY = "bench-list-tenant"
ACCOUNT = "bench-user"
SIZES = (100, 1000, 5000)


def fill(database: Database, count: int) -> None:
    with database.session() as session:
        purge_tenant(session, CLIENT_KEY)  # only the benchmark's own tenant
        save_installation(
            session, InstallPayload(CLIENT_KEY, "s" * 40, "https://bench.atlassian.net")
        )
    viewer = viewer_of()
    body = full_report(people={"access": "open", "administrators": [ACCOUNT]})
    with database.session() as session:
        for index in range(count):
            data = ReportCreate.model_validate({**body, "name": f"Report {index}"})
            service.create_report(session, viewer=viewer, data=data)


def viewer_of() -> Viewer:
    return Viewer(tenant_key=CLIENT_KEY, account_id=ACCOUNT, lookup_groups=frozenset)


def current(database: Database) -> int:
    with database.session() as session:
        page, _ = service.list_reports(session, viewer=viewer_of(), limit=50)
    return len(page.items)


def full_rows_baseline(database: Database) -> int:
    """Every row with its definition, filtered in Python, then the page summarized."""
    viewer = viewer_of()
    with database.session() as session:
        rows = sorted(
            ReportStore(session, CLIENT_KEY).live(),
            key=lambda row: (-row.updated_at.timestamp(), row.id),
        )
        visible = [row for row in rows if can_view(row.access, row.people, viewer)]
        return len([service.to_summary(row) for row in visible[:50]])


def median_ms(call: Callable[[Database], Any], database: Database, calls: int) -> float:
    call(database)  # warm caches and the connection pool
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call(database)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        url = args.database_url or f"sqlite:///{workdir}/bench.db"
        upgrade_database(url)
        database = Database(url)
        print("| reports | list_reports (median) | full-row baseline (median) | speed-up |")
        print("|---|---|---|---|")
        for size in SIZES:
            fill(database, size)
            ours = median_ms(current, database, args.calls)
            baseline = median_ms(full_rows_baseline, database, args.calls)
            print(f"| {size:,} | {ours:.1f} ms | {baseline:.1f} ms | {baseline / ours:.1f}x |")
        database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
