"""Rollbook beside atlassian-connect-express (ACE 11.5.3, `bench/server/ace/`), serving the same
request: `GET /api/reports/{id}` with the same context JWT (HS256, checked on every request
against the tenant's stored shared secret), one stored row read, the same JSON document back.

Both servers run as one process on this machine and take turns (Rollbook, ACE, Rollbook, ACE,
…) under the same load from `loadgen.py`: same connections, same tokens, same body. Each turn
prints requests/s, latency, errors, and the server process's CPU use, from which requests per
CPU-second ("per core") follow. Storage: SQLite files for both (ACE: its default sequelize
adapter with `sqlite3`), or with `--postgres-url` PostgreSQL for both (a database each, created
beside the one named; ACE: sequelize's `postgres` dialect with `pg`).

ACE's npm packages are installed here on first use (`npm ci` in bench/server/ace, from its
package-lock.json); `./dev test` never installs them.

Run: .venv/bin/python bench/server/ace_compare.py [--postgres-url postgresql+psycopg://…]
       [--connections 32,128] [--rounds 2] [--duration 15]"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from common import (
    SECRET,
    Server,
    free_port,
    rollbook_server,
    stop,
    tenant_with_one_report,
    token,
    wait_until_ready,
)
from loadgen import load
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ACE_DIR = Path(__file__).resolve().parent / "ace"
CLIENT_KEY = "bench-ace-tenant"
ACE_STORES = {
    "sqlite": "SQLite file",
    "memory": "in-memory SQLite, its default",
    "postgres": "PostgreSQL",
}


def install_ace() -> None:
    if not (ACE_DIR / "node_modules" / "atlassian-connect-express").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ACE_DIR, check=True)


def fresh_postgres(admin_url: str, name: str) -> str:
    """An empty database `name` beside the one `admin_url` names; its SQLAlchemy URL."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def sequelize_url(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url)
    return url.set(drivername="postgres").render_as_string(hide_password=False)


@contextmanager
def ace_server(
    workdir: Path, document: dict[str, object], report_id: str, store: str, pg_url: str | None
) -> Iterator[Server]:
    workdir.mkdir(exist_ok=True)
    seed = workdir / "ace-seed.json"
    seed.write_text(
        json.dumps(
            {
                "clientInfo": {
                    "key": "com.rollbook.bench.ace",
                    "clientKey": CLIENT_KEY,
                    "sharedSecret": SECRET,
                    "baseUrl": "https://bench.atlassian.net",
                    "productType": "jira",
                    "eventType": "installed",
                },
                "reports": {report_id: document},
            }
        )
    )
    port = free_port()
    env = {**os.environ, "PORT": str(port), "ACE_SEED_FILE": str(seed), "ACE_STORE": store}
    if pg_url:
        env["DB_URL"] = sequelize_url(pg_url)
    else:
        env["ACE_SQLITE_FILE"] = str(workdir / "ace.db")
    process = subprocess.Popen(
        ["node", "app.js"],
        cwd=ACE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield Server(port, process.pid)
    finally:
        stop(process)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres-url")
    parser.add_argument("--connections", default="32,128")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--client-processes", type=int, default=2)
    args = parser.parse_args()
    install_ace()
    with tempfile.TemporaryDirectory(prefix="rollbook-ace-") as directory:
        workdir = Path(directory)
        if args.postgres_url:
            rollbook_url = fresh_postgres(args.postgres_url, "rollbook_bench_rollbook")
            ace_url: str | None = fresh_postgres(args.postgres_url, "rollbook_bench_ace")
        else:
            rollbook_url, ace_url = f"sqlite:///{workdir / 'rollbook.db'}", None
        database, report_id = tenant_with_one_report(rollbook_url, CLIENT_KEY)
        database.dispose()
        header = f"Authorization: JWT {token(CLIENT_KEY)}"
        headers = {"Authorization": header[15:]}
        path = f"/api/reports/{report_id}"
        print(
            f"storage: {'postgresql' if ace_url else 'sqlite'}  cores: {os.cpu_count()}  "
            f"date: {time.strftime('%Y-%m-%d %H:%M')}  load average: {os.getloadavg()[0]:.1f}"
        )
        print(
            "| round | server | connections | requests/s | p50 | p99 | max | errors | "
            "server CPU | requests per CPU-second | body |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
        per_cpu: dict[tuple[str, int], list[float]] = {}
        throughput: dict[tuple[str, int], list[float]] = {}
        with rollbook_server(rollbook_url) as rollbook:
            wait_until_ready(f"http://127.0.0.1:{rollbook.port}{path}", headers)
            body = httpx.get(f"http://127.0.0.1:{rollbook.port}{path}", headers=headers)
            document = body.json()
            stores = ["postgres"] if ace_url else ["sqlite", "memory"]
            with contextlib.ExitStack() as stack:
                servers = [("Rollbook", rollbook)]
                sizes = {"Rollbook": len(body.content)}
                for store in stores:
                    name = f"ACE ({ACE_STORES[store]})"
                    ace = stack.enter_context(
                        ace_server(workdir / store, document, report_id, store, ace_url)
                    )
                    wait_until_ready(f"http://127.0.0.1:{ace.port}{path}", headers)
                    ace_body = httpx.get(f"http://127.0.0.1:{ace.port}{path}", headers=headers)
                    assert ace_body.json() == document, "ACE must answer the same document"
                    servers.append((name, ace))
                    sizes[name] = len(ace_body.content)
                for round_number in range(1, args.rounds + 1):
                    for connections in (int(c) for c in args.connections.split(",")):
                        for name, server in servers:
                            url = f"http://127.0.0.1:{server.port}{path}"
                            result = load(
                                url,
                                [header],
                                connections=connections,
                                duration=args.duration,
                                warmup=args.warmup,
                                processes=args.client_processes,
                                server_pid=server.pid,
                            )
                            cpu_share = result["server_cpu_share"] or 0.0
                            per_core = result["rps"] / cpu_share if cpu_share else float("nan")
                            per_cpu.setdefault((name, connections), []).append(per_core)
                            throughput.setdefault((name, connections), []).append(result["rps"])
                            errors = (
                                ", ".join(f"{k}: {v}" for k, v in result["errors"].items())
                                or "none"
                            )
                            print(
                                f"| {round_number} | {name} | {connections} | "
                                f"{result['rps']:,.0f} | {result['p50_ms']:.0f} ms | "
                                f"{result['p99_ms']:.0f} ms | {result['max_ms']:.0f} ms | "
                                f"{errors} | {100 * cpu_share:.0f}% | {per_core:,.0f} | "
                                f"{sizes[name]:,} B |",
                                flush=True,
                            )
        print()
        print(
            "| connections | against | Rollbook req/s | ACE req/s | ratio | Rollbook per "
            "CPU-second | ACE per CPU-second | ratio |"
        )
        print("|---:|---|---:|---:|---:|---:|---:|---:|")
        for connections in sorted({c for _, c in per_cpu}):
            ours = statistics.median(per_cpu[("Rollbook", connections)])
            ours_rps = statistics.median(throughput[("Rollbook", connections)])
            for name, _ in servers[1:]:
                theirs = statistics.median(per_cpu[(name, connections)])
                theirs_rps = statistics.median(throughput[(name, connections)])
                print(
                    f"| {connections} | {name} | {ours_rps:,.0f} | {theirs_rps:,.0f} | "
                    f"{ours_rps / theirs_rps:.2f}x | {ours:,.0f} | {theirs:,.0f} | "
                    f"{ours / theirs:.2f}x |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
