"""Server benchmark: GET /api/reports/{id} with a valid context JWT under wrk.

For 1 and 2 worker processes, at 32 and 128 connections: a warm-up, then 30 s with
`--timeout 10s`; prints requests/s, p50/p99/max latency and errors.

Run: .venv/bin/python bench/server/run.py [--duration 30] [--database-url URL]
Needs Debian's `wrk`. The server runs exactly as in production (`rollbook serve`)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import jwt

from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from rollbook.migrations import upgrade_database
from rollbook.reports.schemas import ReportBody
from rollbook.reports.service import insert_report

CLIENT_KEY = "bench-tenant"
SECRET = "bench-shared-secret-0123456789abcdefghijkl"
ACCOUNT = "bench-user"


def prepare(database_url: str) -> str:
    upgrade_database(database_url)
    database = Database(database_url)
    with database.session() as session:
        save_installation(
            session, InstallPayload(CLIENT_KEY, SECRET, "https://bench.atlassian.net")
        )
        body = ReportBody.model_validate(
            {
                "name": "Benchmark report",
                "jql": "project = ROLL ORDER BY created DESC",
                "columns": [
                    {"field": f}
                    for f in (
                        "summary",
                        "status",
                        "assignee",
                        "timespent",
                        "customfield_10016",
                        "created",
                    )
                ],
                "sorting_rules": [{"field": "created", "direction": "desc"}],
                "grouping_rules": [{"field": "status"}, {"field": "assignee"}],
                "people": {"access": "open", "administrators": [ACCOUNT]},
            }
        )
        report_id = insert_report(session, client_key=CLIENT_KEY, body=body, created_by=ACCOUNT).id
    database.dispose()
    return report_id


def token(ttl: int = 3600) -> str:
    now = int(time.time())
    claims = {"iss": CLIENT_KEY, "sub": ACCOUNT, "iat": now, "exp": now + ttl, "qsh": "context-qsh"}
    return jwt.encode(claims, SECRET, algorithm="HS256")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def parse_wrk(output: str) -> dict[str, str]:
    def find(pattern: str) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else "?"

    errors = []
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        errors.append(socket_errors.group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors.append(f"non-2xx {non_2xx.group(1)}")
    return {
        "rps": find(r"Requests/sec:\s+([\d.]+)"),
        "p50": find(r"^\s+50%\s+(\S+)"),
        "p99": find(r"^\s+99%\s+(\S+)"),
        "max": find(r"Latency\s+\S+\s+\S+\s+(\S+)"),
        "errors": "; ".join(errors) or "none",
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="rollbook-bench-"))
    database_url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
    report_id = prepare(database_url)
    header = f"Authorization: JWT {token()}"
    print(
        f"database: {database_url.split('@')[-1]}  cores: {os.cpu_count()}  "
        f"date: {time.strftime('%Y-%m-%d')}"
    )
    print("| workers | connections | requests/s | p50 | p99 | max | errors |")
    print("|---|---|---|---|---|---|---|")
    for workers in (1, 2):
        port = free_port()
        env = {
            **os.environ,
            "ROLLBOOK_DATABASE_URL": database_url,
            "ROLLBOOK_BASE_URL": "https://rollbook.bench",
            "ROLLBOOK_DEV_MODE": "false",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "rollbook.cli",
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/api/reports/{report_id}"
        for _ in range(100):
            try:
                if httpx.get(url, headers={"Authorization": header[15:]}).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        try:
            for connections in (32, 128):
                wrk = [
                    "wrk",
                    "-t2",
                    f"-c{connections}",
                    "--timeout",
                    "10s",
                    "--latency",
                    "-H",
                    header,
                ]
                subprocess.run([*wrk, f"-d{args.warmup}s", url], capture_output=True, check=True)
                result = subprocess.run(
                    [*wrk, f"-d{args.duration}s", url], capture_output=True, text=True, check=True
                )
                row = parse_wrk(result.stdout)
                print(
                    f"| {workers} | {connections} | {row['rps']} | {row['p50']} | "
                    f"{row['p99']} | {row['max']} | {row['errors']} |",
                    flush=True,
                )
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
