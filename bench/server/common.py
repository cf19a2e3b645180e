"""What the server benchmarks share: a bench tenant and its context tokens, reports written in
bulk, and `rollbook serve` started exactly as in production."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
from cryptography.fernet import Fernet

from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from rollbook.core.keyring import Keyring
from rollbook.migrations import upgrade_database
from rollbook.reports.store import NewReport, ReportStore
from rollbook.site.transfer import purge_tenant

SECRET = "bench-shared-secret-0123456789abcdefghijkl"
# Seals the bench tenant's shared secret at rest, here and in the server (ROLLBOOK_SECRET_KEY).
SECRET_KEY = Fernet.generate_key().decode()
ACCOUNT = "bench-user"
OTHER_ACCOUNT = "bench-other-user"
DEFINITION: dict[str, Any] = {
    "description": "Story points by status and assignee",
    "jql": "project = ROLL ORDER BY created DESC",
    "columns": [
        {"field": f}
        for f in ("summary", "status", "assignee", "timespent", "customfield_10016", "created")
    ],
    "sorting_rules": [{"field": "created", "direction": "desc"}],
    "grouping_rules": [{"field": "status"}, {"field": "assignee"}],
    "filtering_rules": [],
    "formula_fields": [],
}


def bench_database(database_url: str) -> Database:
    """The database as the bench server sees it (same secret key), migrated."""
    upgrade_database(database_url)
    return Database(database_url, keyring=Keyring([SECRET_KEY]))


def install_tenant(database: Database, client_key: str) -> None:
    """The bench tenant, emptied first (only that tenant: `--database-url` may name a database
    that holds others)."""
    payload = InstallPayload(client_key, SECRET, "https://bench.atlassian.net")
    with database.session() as session:
        save_installation(session, payload)  # so that there is one to purge
    with database.session() as session:
        purge_tenant(session, client_key)
    with database.session() as session:
        save_installation(session, payload)


def mixed_sharing(index: int) -> dict[str, Any]:
    """Sharing of the bench's report number `index`: half open, a quarter limited to the bench
    user, a quarter private to someone else (the bench user sees three in four)."""
    if index % 2 == 0:
        return {"access": "open", "administrators": [OTHER_ACCOUNT]}
    if index % 4 == 1:
        return {
            "access": "limited",
            "administrators": [OTHER_ACCOUNT],
            "viewer_users": [ACCOUNT],
            "viewer_groups": [],
        }
    return {"access": "private", "administrators": [OTHER_ACCOUNT]}


def add_reports(database: Database, client_key: str, count: int, *, batch: int = 1000) -> list[str]:
    """`count` reports, newest last, each a full definition with `mixed_sharing`; their ids."""
    start = datetime.now(UTC) - timedelta(seconds=count)
    ids = []
    for first in range(0, count, batch):
        reports = []
        for index in range(first, min(count, first + batch)):
            people = dict(mixed_sharing(index))
            access = people.pop("access")
            at = start + timedelta(seconds=index)
            report_id = str(uuid.uuid4())
            ids.append(report_id)
            reports.append(
                NewReport(
                    id=report_id,
                    name=f"Report {index}",
                    access=access,
                    definition=DEFINITION,
                    people={"viewer_users": [], "viewer_groups": [], **people},
                    created_at=at,
                    created_by=OTHER_ACCOUNT,
                    updated_at=at,
                    updated_by=OTHER_ACCOUNT,
                )
            )
        with database.session() as session:
            ReportStore(session, client_key).add_many(reports)
    return ids


def add_open_report(database: Database, client_key: str) -> str:
    """One open report, administered by the bench user (the report the read benchmarks get)."""
    report_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    report = NewReport(
        id=report_id,
        name="Benchmark report",
        access="open",
        definition=DEFINITION,
        people={"administrators": [ACCOUNT], "viewer_users": [], "viewer_groups": []},
        created_at=now,
        created_by=ACCOUNT,
        updated_at=now,
        updated_by=ACCOUNT,
    )
    with database.session() as session:
        ReportStore(session, client_key).add_many([report])
    return report_id


def tenant_with_one_report(database_url: str, client_key: str) -> tuple[Database, str]:
    """The migrated database with the bench tenant (emptied) and one open report to read, and
    that report's id: what the read benchmarks start from."""
    database = bench_database(database_url)
    install_tenant(database, client_key)
    return database, add_open_report(database, client_key)


def token(client_key: str, account: str = ACCOUNT, ttl: int = 3600) -> str:
    """A context JWT (qsh `context-qsh`), as the Connect client sends on API calls."""
    now = int(time.time())
    claims = {"iss": client_key, "sub": account, "iat": now, "exp": now + ttl, "qsh": "context-qsh"}
    return jwt.encode(claims, SECRET, algorithm="HS256")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_ready(url: str, headers: dict[str, str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, headers=headers)
            if response.status_code == 200:
                return
            last = f"{response.status_code} {response.text[:300]}"
        except httpx.HTTPError as error:
            last = repr(error)
        time.sleep(0.2)
    raise RuntimeError(f"no 200 from {url} within {seconds} s; last: {last}")


@dataclass(frozen=True)
class Server:
    port: int
    pid: int


@contextmanager
def rollbook_server(database_url: str, *, workers: int = 1) -> Iterator[Server]:
    """`rollbook serve` on a free port, as in production (dev mode off, JSON access logs on,
    to /dev/null)."""
    port = free_port()
    env = {
        **os.environ,
        "ROLLBOOK_DATABASE_URL": database_url,
        "ROLLBOOK_BASE_URL": "https://rollbook.bench",
        "ROLLBOOK_DEV_MODE": "false",
        "ROLLBOOK_SECRET_KEY": SECRET_KEY,
    }
    command = [sys.executable, "-m", "rollbook.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield Server(port, server.pid)
    finally:
        stop(server)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
