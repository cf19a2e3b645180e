"""Server load benchmark: `GET /api/reports/{id}` (the report read) and `GET /api/reports` (the
list, first page of 50, in a tenant of `--list-reports` reports) under a steady load of
`--connections` keep-alive connections for `--duration` seconds each, against `rollbook serve`
exactly as in production (dev mode off, JSON access logs on).

The load comes from `loadgen.py` (asyncio, its own processes; wrk is not installable here), with a
valid context JWT on every request. Prints requests/s, p50/p99/max latency, requests over 2 s
and errors per route, and the server's and the client's CPU use (so a client-bound run shows).
The goal: 0 errors and 0 requests over 2 s at 256 connections for 60 s, on SQLite and PostgreSQL.

Run: .venv/bin/python bench/server/run.py [--database-url URL] [--duration 60]
       [--connections 256] [--workers 1] [--list-reports 5000]"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

import httpx
from common import (
    add_open_report,
    add_reports,
    bench_database,
    install_tenant,
    rollbook_server,
    token,
    wait_until_ready,
)
from loadgen import load

CLIENT_KEY = "bench-tenant"


def prepare(database_url: str, list_reports: int) -> str:
    """The bench tenant with `list_reports` reports of mixed sharing, and one open report to
    read; the read report's id."""
    database = bench_database(database_url)
    install_tenant(database, CLIENT_KEY)
    add_reports(database, CLIENT_KEY, list_reports)
    report_id = add_open_report(database, CLIENT_KEY)
    database.dispose()
    return report_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--list-reports", type=int, default=5000)
    parser.add_argument("--client-processes", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rollbook-bench-") as workdir:
        database_url = args.database_url or f"sqlite:///{workdir}/bench.db"
        report_id = prepare(database_url, args.list_reports)
        header = f"Authorization: JWT {token(CLIENT_KEY)}"
        print(
            f"database: {database_url.split('://')[0]}  cores: {os.cpu_count()}  "
            f"workers: {args.workers}  connections: {args.connections}  "
            f"duration: {args.duration:g} s  date: {time.strftime('%Y-%m-%d %H:%M')}  "
            f"load average: {os.getloadavg()[0]:.1f}"
        )
        print(
            "| route | requests/s | p50 | p99 | max | over 2 s | errors | server CPU | client CPU |"
        )
        print("|---|---:|---:|---:|---:|---:|---|---:|---:|")
        with rollbook_server(database_url, workers=args.workers) as server:
            base = f"http://127.0.0.1:{server.port}"
            routes = {
                "read": f"{base}/api/reports/{report_id}",
                f"list ({args.list_reports:,} reports)": f"{base}/api/reports?limit=50",
            }
            for name, url in routes.items():
                wait_until_ready(url, {"Authorization": header[15:]})
                size = len(httpx.get(url, headers={"Authorization": header[15:]}).content)
                result = load(
                    url,
                    [header],
                    connections=args.connections,
                    duration=args.duration,
                    warmup=args.warmup,
                    processes=args.client_processes,
                    server_pid=server.pid,
                )
                cpu = result["server_cpu_share"] or 0.0
                errors = ", ".join(f"{k}: {v}" for k, v in result["errors"].items()) or "none"
                client = "/".join(f"{p}%" for p in result["client_cpu_percent_per_process"])
                print(
                    f"| {name}, {size:,} B | {result['rps']:,.0f} | {result['p50_ms']:.0f} ms | "
                    f"{result['p99_ms']:.0f} ms | {result['max_ms']:.0f} ms | "
                    f"{result['over_2s']} | {errors} | {100 * cpu:.0f}% | {client} |",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
