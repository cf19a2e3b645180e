"""Report list benchmark: `GET /api/reports` (first page of 50) for a tenant with 100, 5,000 and
50,000 reports, in-process and over HTTP.

Every report is a full definition; half are open, a quarter limited to the caller, a quarter
private to someone else, so the caller sees three in four (`common.mixed_sharing`). Columns:

- in-process: median of `--calls` calls of `service.list_reports` (the SQL filter over
  `report_grants`, page and total);
- before: the same page computed as before 2026-12-05, in the same run (every live report's
  sharing read and filtered in Python with `can_view`, then the page's rows read);
- HTTP: median time of `--calls` sequential requests on one keep-alive connection to
  `rollbook serve` (one worker, as in production: JWT check, tenant, viewer, JSON, access log).

The database is a fresh SQLite file, or the one `--database-url` names (only the benchmark's own
tenant is replaced).

Run: .venv/bin/python bench/server/list_reports.py [--database-url URL] [--calls 20]
       [--sizes 100,5000,50000] [--no-analyze]"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable

import httpx
from common import (
    ACCOUNT,
    add_reports,
    bench_database,
    install_tenant,
    rollbook_server,
    token,
    wait_until_ready,
)
from sqlalchemy import text

from rollbook.core.db import Database
from rollbook.identity.access import can_view
from rollbook.identity.viewer import Viewer
from rollbook.reports import service
from rollbook.reports.schemas import ReportSummary
from rollbook.reports.store import Report, ReportStore

CLIENT_KEY = "bench-list-tenant"
PAGE = 50


def viewer_of() -> Viewer:
    async def no_groups() -> frozenset[str]:
        return frozenset()

    viewer = Viewer(tenant_key=CLIENT_KEY, account_id=ACCOUNT, lookup_groups=no_groups)
    asyncio.run(viewer.resolve_groups())
    return viewer


def in_process(database: Database, viewer: Viewer) -> Callable[[], int]:
    def call() -> int:
        with database.session() as session:
            page, _ = service.list_reports(session, viewer=viewer, limit=PAGE)
        return page.total

    return call


def summary_before(row: Report) -> ReportSummary:
    return ReportSummary(
        id=uuid.UUID(row.id),
        name=row.name,
        description=row.definition.get("description", ""),
        access=row.access,
        administrators=row.people["administrators"],
        created_by=row.created_by,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        version=row.version,
    )


def python_filter_before(database: Database, viewer: Viewer) -> Callable[[], int]:
    """The list as it was: every live report's (id, access, people), `can_view` on each, then
    the page's rows and summaries."""

    def call() -> int:
        with database.session() as session:
            store = ReportStore(session, CLIENT_KEY)
            visible = [
                report_id
                for report_id, access, people in store.live_sharing()
                if can_view(access, people, viewer)
            ]
            rows = store.by_ids(visible[:PAGE])
            [summary_before(rows[report_id]) for report_id in visible[:PAGE]]
        return len(visible)

    return call


def over_http(client: httpx.Client, url: str, headers: dict[str, str]) -> Callable[[], int]:
    def call() -> int:
        response = client.get(url, headers=headers)
        response.raise_for_status()
        return int(response.json()["total"])

    return call


def refresh_statistics(database: Database) -> None:
    """VACUUM ANALYZE after a bulk insert on PostgreSQL, as autovacuum does within its naptime
    (a minute by default). Measured without it: at 5,000 reports, right after inserting 4,900,
    the list planned for the table as it was (47 ms in-process instead of 4 ms); at 50,000 the
    calls ran beside autovacuum's own pass over the new rows. SQLite keeps no statistics here."""
    if database.url.startswith("postgresql"):
        with database.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(text("VACUUM ANALYZE"))


def median_ms(call: Callable[[], int], calls: int) -> tuple[float, int]:
    result = call()  # warm caches and the connection pool
    times = []
    for _ in range(calls):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--sizes", default="100,5000,50000")
    parser.add_argument(
        "--no-analyze", action="store_true", help="measure right after each bulk insert"
    )
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as workdir:
        url = args.database_url or f"sqlite:///{workdir}/bench.db"
        database = bench_database(url)
        viewer = viewer_of()
        install_tenant(database, CLIENT_KEY)
        headers = {"Authorization": f"JWT {token(CLIENT_KEY)}"}
        print(f"database: {url.split('://')[0]}  date: {time.strftime('%Y-%m-%d %H:%M')}")
        print("| reports | visible | in-process | before (Python filter) | HTTP |")
        print("|---:|---:|---:|---:|---:|")
        with rollbook_server(url) as server:
            list_url = f"http://127.0.0.1:{server.port}/api/reports?limit={PAGE}"
            wait_until_ready(list_url, headers)
            with httpx.Client() as client:
                filled = 0
                for size in sizes:
                    add_reports(database, CLIENT_KEY, size - filled)
                    filled = size
                    if not args.no_analyze:
                        refresh_statistics(database)
                    ours, visible = median_ms(in_process(database, viewer), args.calls)
                    before, visible_before = median_ms(
                        python_filter_before(database, viewer), max(3, args.calls // 4)
                    )
                    http, visible_http = median_ms(over_http(client, list_url, headers), args.calls)
                    assert visible == visible_before == visible_http, (visible, visible_before)
                    print(
                        f"| {size:,} | {visible:,} | {ours:.1f} ms | {before:.1f} ms | "
                        f"{http:.1f} ms |",
                        flush=True,
                    )
        database.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
