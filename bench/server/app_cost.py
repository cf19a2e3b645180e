"""CPU time per report read inside the server process, without sockets or an HTTP server: what
Rollbook's own code costs, apart from uvicorn and the kernel.

Two measurements, in one process and in alternating rounds (the median of each is printed):
- the app: `GET /api/reports/{id}` called straight on the ASGI app as `rollbook serve` builds it
  (JWT verified, tenant looked up, report read, JSON built, security headers), plus the one JSON
  access-log line uvicorn writes for it (to /dev/null);
- the store read alone, as the app runs it (`Database.statement_connection`), beside the same
  read on a connection switched to AUTOCOMMIT and back, as it ran on every database before
  (on SQLite that switch is PRAGMAs and statements prepared again).

CPU time is `time.process_time()`, so waiting on PostgreSQL does not count: that is the "per
CPU-second" figure of ace_compare.py from inside.

Run: .venv/bin/python bench/server/app_cost.py [--database-url URL] [--rounds 7]
       [--requests 3000]"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from common import SECRET_KEY, tenant_with_one_report, token

from rollbook.core.db import Database
from rollbook.reports.store import _BY_KEY, read_report

CLIENT_KEY = "bench-app-cost-tenant"


def read_switching_isolation(database: Database, report_id: str) -> object:
    """The store read as it was before `statement_connection`: AUTOCOMMIT on every database."""
    connection = database.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    with connection:
        return connection.execute(
            _BY_KEY, {"tenant_key": CLIENT_KEY, "report_id": report_id}
        ).first()


def cpu_microseconds(action: Callable[[], object], count: int) -> float:
    for _ in range(count // 10):  # warm: pool, statement cache, prepared statements
        action()
    started = time.process_time()
    for _ in range(count):
        action()
    return (time.process_time() - started) / count * 1e6


async def app_reads(database_url: str, report_id: str, rounds: int, count: int) -> list[float]:
    """CPU µs per request, one figure per round, through the whole app and its access line."""
    os.environ.update(
        ROLLBOOK_DATABASE_URL=database_url,
        ROLLBOOK_BASE_URL="https://rollbook.bench",
        ROLLBOOK_DEV_MODE="false",
        ROLLBOOK_SECRET_KEY=SECRET_KEY,
    )
    from rollbook.app import create_app_from_environment
    from rollbook.core.logs import configure_logging

    configure_logging()
    logging.getLogger().handlers[0].setStream(open(os.devnull, "w"))  # noqa: SIM115
    app = create_app_from_environment()
    access_log = logging.getLogger("uvicorn.access")
    path = f"/api/reports/{report_id}"
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"authorization", f"JWT {token(CLIENT_KEY)}".encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def one_request() -> None:
        await app(dict(scope), receive, send)
        access_log.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:50000", "GET", path, "1.1", 200)

    async with lifespan(app):
        figures = []
        for _ in range(rounds):
            figures.append(await cpu_microseconds_async(one_request, count))
    if set(statuses) != {200}:
        raise RuntimeError(f"the app answered {sorted(set(statuses))}, not only 200")
    return figures


async def cpu_microseconds_async(action: Callable[[], Awaitable[None]], count: int) -> float:
    for _ in range(count // 10):
        await action()
    started = time.process_time()
    for _ in range(count):
        await action()
    return (time.process_time() - started) / count * 1e6


@asynccontextmanager
async def lifespan(app: Any) -> AsyncIterator[None]:
    """The app's startup and shutdown, as uvicorn runs them."""
    messages: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    started = asyncio.Event()

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "lifespan.startup.complete":
            started.set()

    await messages.put({"type": "lifespan.startup"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    task = asyncio.create_task(app(scope, messages.get, send))
    await started.wait()
    yield
    await messages.put({"type": "lifespan.shutdown"})
    await task


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--requests", type=int, default=3000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rollbook-app-cost-") as directory:
        url = args.database_url or f"sqlite:///{directory}/rollbook.db"
        database, report_id = tenant_with_one_report(url, CLIENT_KEY)
        store: dict[str, list[float]] = {"as the app reads": [], "switching to AUTOCOMMIT": []}
        for _ in range(args.rounds):
            store["as the app reads"].append(
                cpu_microseconds(
                    lambda: read_report(database, tenant_key=CLIENT_KEY, report_id=report_id),
                    args.requests,
                )
            )
            store["switching to AUTOCOMMIT"].append(
                cpu_microseconds(
                    lambda: read_switching_isolation(database, report_id), args.requests
                )
            )
        database.dispose()
        app = asyncio.run(app_reads(url, report_id, args.rounds, args.requests))
    print(
        f"storage: {url.split(':')[0]}  date: {time.strftime('%Y-%m-%d %H:%M')}  "
        f"load average: {os.getloadavg()[0]:.1f}  python: {sys.version.split()[0]}"
    )
    print("| what | CPU µs per read (median) | fastest and slowest round |")
    print("|---|---:|---:|")
    rows = {"whole app, one GET /api/reports/{id} with its access line": app, **store}
    for name, figures in rows.items():
        median, fastest, slowest = statistics.median(figures), min(figures), max(figures)
        print(f"| {name} | {median:.0f} | {fastest:.0f} and {slowest:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
