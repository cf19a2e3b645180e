"""Tenant isolation benchmark: tenant B's latency alone, and while tenant A's Jira is slow or
answers 429 under A's concurrent report lists, in one run.

Two jirasim sites (one per tenant, in this process) and `rollbook serve` (one worker, a fresh
SQLite file) as a separate process. Tenant B loops `POST /api/reports`, `GET /api/reports` (a
group-shared report makes the list ask B's Jira for groups) and a `DELETE` of what it created
(so its report count stays the same), with `--b-clients` concurrent clients. Each phase lasts
`--duration` seconds, and the phases run in turn `--rounds` times (interleaved, so a change in
the machine's other load falls on every phase alike):

1. baseline: B alone;
2. A healthy: A's users list reports (as below) and A's Jira is normal: what A's requests cost
   the server's CPU, with no Jira trouble;
3. slow: A's Jira answers after `--latency-ms`, while `--a-clients` A users list reports, each
   starting a list every `--a-pace` seconds (or when its last one answers, if later): users, not
   a request flood, so what is measured is A's Jira, not a tenant sending more requests than
   the server's CPU can answer (no Jira limit helps against that);
4. 429: A's Jira answers every call with 429 (Retry-After: 1), with the same A load.

Prints B's p50/p99 per route per phase and the p99 ratio to the baseline (goal: at most 2).

Run: .venv/bin/python bench/server/tenant_isolation.py [--duration 10] [--rounds 3]
[--a-clients 20]"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import httpx
import jwt

from rollbook.core.db import Database
from rollbook.migrations import upgrade_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from support.jira_sites import JiraSite, jira_site
from support.reports import full_report
from support.servers import free_port

ADMIN = "bench-admin"
MEMBER = "5b10a0effa615349cb016cd8"  # jirasim's DEMO_MEMBER, in jira-software-users
SHARED = {
    "access": "limited",
    "administrators": [ADMIN],
    "viewer_users": [],
    "viewer_groups": ["jira-software-users"],
}


def headers(site: JiraSite, account_id: str) -> dict[str, str]:
    now = int(time.time())
    claims = {
        "iss": site.client_key,
        "sub": account_id,
        "iat": now,
        "exp": now + 3600,
        "qsh": "context-qsh",
    }
    return {"Authorization": f"JWT {jwt.encode(claims, site.secret, algorithm='HS256')}"}


def start_server(database_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "ROLLBOOK_DATABASE_URL": database_url,
        "ROLLBOOK_BASE_URL": "https://rollbook.bench",
        # The jirasim sites are plain-HTTP loopback servers.
        "ROLLBOOK_DEV_MODE": "true",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "rollbook.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(f"{url}/api/me")
            return server, url
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("rollbook serve did not start")


async def timed(
    samples: dict[str, list[float]], route: str, request: Awaitable[httpx.Response]
) -> httpx.Response | None:
    """The request, its latency recorded under `route`; a failed request is an error too."""
    started = time.monotonic()
    try:
        response: httpx.Response | None = await request
    except httpx.HTTPError:
        response = None
    samples[route].append(time.monotonic() - started)
    if response is None or response.is_error:
        samples["errors"].append(1.0)
    return response


async def tenant_b(
    client: httpx.AsyncClient, site: JiraSite, stop: float, samples: dict[str, list[float]]
) -> None:
    admin, member = headers(site, ADMIN), headers(site, MEMBER)
    body = full_report("B report", people={"access": "private", "administrators": [ADMIN]})
    while time.monotonic() < stop:
        created = await timed(
            samples, "POST /api/reports", client.post("/api/reports", json=body, headers=admin)
        )
        await timed(samples, "GET /api/reports", client.get("/api/reports", headers=member))
        if created is not None and created.status_code == 201:
            with contextlib.suppress(httpx.HTTPError):
                await client.delete(f"/api/reports/{created.json()['id']}", headers=admin)


async def tenant_a(
    client: httpx.AsyncClient,
    site: JiraSite,
    user: int,
    stop: float,
    pace: float,
    samples: dict[str, list[float]],
) -> None:
    user_headers = headers(site, f"bench-a-user-{user}")
    while time.monotonic() < stop:
        started = time.monotonic()
        with contextlib.suppress(httpx.HTTPError):
            await client.get("/api/reports", headers=user_headers)
        samples["A lists"].append(time.monotonic() - started)
        await asyncio.sleep(max(0.0, started + pace - time.monotonic()))


async def phase(
    url: str,
    a: JiraSite,
    b: JiraSite,
    *,
    seconds: float,
    b_clients: int,
    a_clients: int,
    a_pace: float,
) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = defaultdict(list)
    limits = httpx.Limits(max_connections=b_clients + a_clients + 10)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        stop = time.monotonic() + seconds
        await asyncio.gather(
            *(tenant_b(client, b, stop, samples) for _ in range(b_clients)),
            *(tenant_a(client, a, n, stop, a_pace, samples) for n in range(a_clients)),
        )
    return samples


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 2 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--b-clients", type=int, default=4)
    parser.add_argument("--a-clients", type=int, default=20)
    parser.add_argument("--a-pace", type=float, default=1.0)
    parser.add_argument("--latency-ms", type=int, default=3000)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="rollbook-isolation-"))
    database_url = f"sqlite:///{workdir / 'bench.db'}"
    upgrade_database(database_url)
    database = Database(database_url)
    with jira_site(database, "bench-a") as a, jira_site(database, "bench-b") as b:
        server, url = start_server(database_url)
        try:
            for site in (a, b):
                created = httpx.post(
                    f"{url}/api/reports",
                    json=full_report("Shared", people=SHARED),
                    headers=headers(site, ADMIN),
                )
                created.raise_for_status()
            plan: list[tuple[str, dict[str, Any], int]] = [
                ("baseline (B alone)", {}, 0),
                ("A healthy", {}, 1),
                (f"A's Jira slow ({args.latency_ms} ms)", {"latency_ms": args.latency_ms}, 1),
                ("A's Jira 429", {"rate_429": 1.0, "retry_after_seconds": 1}, 1),
            ]
            results: dict[str, dict[str, list[float]]] = {
                name: defaultdict(list) for name, *_ in plan
            }
            for _ in range(args.rounds):
                for name, faults, with_a in plan:
                    a.set_faults(**{"latency_ms": 0, "rate_429": 0.0, **faults})
                    samples = asyncio.run(
                        phase(
                            url,
                            a,
                            b,
                            seconds=args.duration,
                            b_clients=args.b_clients,
                            a_clients=args.a_clients * with_a,
                            a_pace=args.a_pace,
                        )
                    )
                    for key, values in samples.items():
                        results[name][key].extend(values)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
    print(
        f"cores: {os.cpu_count()}  load: {os.getloadavg()[0]:.2f}  "
        f"date: {time.strftime('%Y-%m-%d')}"
        f"  B clients: {args.b_clients}  A clients: {args.a_clients} (one list per "
        f"{args.a_pace:g} s)  phase: {args.rounds} x {args.duration:g} s"
    )
    print("| phase | route | B requests | p50 ms | p99 ms | p99 / baseline | B errors | A lists |")
    print("|---|---|---|---|---|---|---|---|")
    baseline = results[plan[0][0]]
    for name, samples in results.items():
        for route in ("POST /api/reports", "GET /api/reports"):
            values = samples[route]
            ratio = p99(values) / p99(baseline[route])
            print(
                f"| {name} | `{route}` | {len(values)} | {statistics.median(values) * 1000:.0f} | "
                f"{p99(values) * 1000:.0f} | {ratio:.2f}x | {len(samples['errors'])} | "
                f"{len(samples['A lists'])} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
