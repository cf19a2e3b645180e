"""Where a report read's time goes: py-spy samples `rollbook serve` (one worker) while
`loadgen.py` holds `GET /api/reports/{id}` at `--connections`, then prints the share of samples
(inclusive: a sample counts for every part on its stack) per part of the request.

py-spy is not a project dependency: `pip install --target /tmp/pyspy py-spy` and pass
`--py-spy /tmp/pyspy/bin/py-spy`. Sampling slows the server a little; the shares, not the
throughput, are the result.

Run: .venv/bin/python bench/server/profile_read.py --py-spy PATH [--database-url URL]
       [--connections 32] [--duration 20]"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from common import (
    rollbook_server,
    tenant_with_one_report,
    token,
    wait_until_ready,
)
from loadgen import load

CLIENT_KEY = "bench-profile-tenant"
# (part, substrings of a frame "function (file:line)" that place a sample in it)
PARTS = [
    ("access and audit logging", ("logging/__init__.py", "rollbook/core/logs.py", "access_log")),
    ("uvicorn and httptools (HTTP parsing, transport)", ("uvicorn/protocols",)),
    ("Starlette and FastAPI (routing, middleware, dependencies)", ("starlette/", "fastapi/")),
    ("security headers and body-size middleware", ("security_headers", "body_limit")),
    ("JWT verification", ("jwt/", "rollbook/connect/jwt.py")),
    ("tenant look-up (cache)", ("rollbook/tenancy/",)),
    ("SQLAlchemy (pool, statement, rows)", ("sqlalchemy/",)),
    ("pool pre-ping", ("do_ping", "_do_ping_w_event", "pre_ping")),
    ("database driver (psycopg / sqlite3)", ("psycopg/", "psycopg_binary", "sqlite3/")),
    ("response JSON", ("reads.py", "json/", "orjson")),
    ("asyncio event loop (own work)", ("asyncio/base_events.py", "uvloop")),
]


def profile(py_spy: str, pid: int, seconds: int, output: Path) -> None:
    subprocess.run(
        [
            py_spy,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(seconds),
            "--rate",
            "200",
            "--format",
            "raw",
            "--output",
            str(output),
            "--nonblocking",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def shares(collapsed: Path) -> tuple[int, Counter[str], Counter[str]]:
    """Samples in all; per part, the samples whose innermost frame of a known part is in it
    (so the shares add up to 100% with "other"); and the most sampled innermost frames."""
    total = 0
    counts: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    for line in collapsed.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():  # a line py-spy cut short when it stopped
            continue
        samples = int(count)
        total += samples
        frames = stack.split(";")
        leaves[frames[-1]] += samples
        for frame in reversed(frames):
            part = next((p for p, markers in PARTS if any(m in frame for m in markers)), None)
            if part is not None:
                counts[part] += samples
                break
        else:
            counts["other"] += samples
    return total, counts, leaves


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--py-spy", required=True)
    parser.add_argument("--database-url")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--keep", help="a directory to keep the collapsed stacks in")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rollbook-profile-") as directory:
        url = args.database_url or f"sqlite:///{directory}/bench.db"
        database, report_id = tenant_with_one_report(url, CLIENT_KEY)
        database.dispose()
        header = f"Authorization: JWT {token(CLIENT_KEY)}"
        output = Path(args.keep or directory) / "read.collapsed"
        with rollbook_server(url) as server:
            read_url = f"http://127.0.0.1:{server.port}/api/reports/{report_id}"
            wait_until_ready(read_url, {"Authorization": header[15:]})
            # Sample the middle of the load: start after its warm-up, stop before it ends.
            sampler = threading.Timer(
                3, profile, (args.py_spy, server.pid, args.duration - 4, output)
            )
            sampler.start()
            result = load(
                read_url, [header], connections=args.connections, duration=args.duration, warmup=1
            )
            sampler.join()
        total, counts, leaves = shares(output)
        print(
            f"database: {url.split('://')[0]}  connections: {args.connections}  "
            f"requests/s while sampled: {result['rps']:,.0f}  samples: {total:,}  "
            f"date: {time.strftime('%Y-%m-%d %H:%M')}"
        )
        print("| part (innermost frame of a known part) | share of samples |")
        print("|---|---:|")
        for part in [*(p for p, _ in PARTS), "other"]:
            print(f"| {part} | {100 * counts[part] / max(total, 1):.1f}% |")
        print()
        print("| most sampled frame | share |")
        print("|---|---:|")
        for frame, samples in leaves.most_common(args.top):
            print(f"| `{frame}` | {100 * samples / max(total, 1):.1f}% |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
