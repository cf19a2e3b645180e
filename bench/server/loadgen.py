"""HTTP/1.1 keep-alive load generator (wrk and oha are not installable here): N connections, each
sending one GET, reading the whole response, and sending the next, for a fixed time.

Built on asyncio protocols with a hand-written response parser, in worker processes of its own,
so the client costs little beside the server; each run prints the client's own CPU use, so a run
where the client was the bottleneck shows it (client CPU near 100% of a core per process).

Run: python bench/server/loadgen.py URL --header 'Authorization: JWT …' --connections 256
       --duration 60 [--processes 2] [--warmup 5]
Prints one JSON object: requests, errors (by kind), requests/s, p50/p99/max latency in ms,
requests over 2 s, client CPU seconds."""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import sys
import threading
import time
from typing import Any, cast
from urllib.parse import urlsplit

SLOW_SECONDS = 2.0
TIMEOUT_SECONDS = 10.0


class _Connection(asyncio.Protocol):
    """One keep-alive connection: request, whole response, next request."""

    def __init__(self, request: bytes, stats: _Stats, stop_at: float) -> None:
        self.request, self.stats, self.stop_at = request, stats, stop_at
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.sent_at = 0.0
        self.closed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports are not asyncio.Transport subclasses, but have its methods.
        self.transport = cast(asyncio.Transport, transport)
        self._send()

    def _send(self) -> None:
        assert self.transport is not None
        if time.monotonic() >= self.stop_at:
            self.transport.close()
            return
        self.sent_at = time.monotonic()
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(self.buffer[:end])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            del self.buffer[: end + 4 + length]
            status = head[9:12]
            self.stats.record(time.monotonic() - self.sent_at, status)
            self._send()

    def connection_lost(self, exc: Exception | None) -> None:
        if time.monotonic() < self.stop_at:
            self.stats.errors["closed"] = self.stats.errors.get("closed", 0) + 1
        if not self.closed.done():
            self.closed.set_result(None)


class _Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.counting = False

    def record(self, seconds: float, status: bytes) -> None:
        if not self.counting:
            return
        self.latencies.append(seconds)
        if status != b"200":
            key = f"status {status.decode(errors='replace')}"
            self.errors[key] = self.errors.get(key, 0) + 1


async def _run(
    url: str, headers: list[str], connections: int, warmup: float, duration: float
) -> dict[str, Any]:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", *headers, "", ""]
    request = "\r\n".join(lines).encode()
    loop = asyncio.get_running_loop()
    stats = _Stats()
    stop_at = time.monotonic() + warmup + duration
    protocols: list[_Connection] = []
    for _ in range(connections):
        try:
            _, protocol = await loop.create_connection(
                lambda: _Connection(request, stats, stop_at), host, port
            )
            protocols.append(protocol)
        except OSError as error:
            stats.errors[f"connect {type(error).__name__}"] = (
                stats.errors.get(f"connect {type(error).__name__}", 0) + 1
            )
    await asyncio.sleep(warmup)
    stats.counting = True
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    await asyncio.sleep(duration)
    stats.counting = False
    ended = time.monotonic()
    elapsed = ended - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    # Requests still in flight at the end count if they were slow: a stalled request must show.
    now = time.monotonic()
    for protocol in protocols:
        in_flight = now - protocol.sent_at
        if (
            protocol.transport is not None
            and not protocol.transport.is_closing()
            and in_flight > TIMEOUT_SECONDS
        ):
            stats.errors["timeout"] = stats.errors.get("timeout", 0) + 1
    for protocol in protocols:
        if protocol.transport is not None:
            protocol.transport.close()
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {
        "latencies": stats.latencies,
        "errors": stats.errors,
        "elapsed": elapsed,
        "window": (started, ended),
        "cpu": cpu,
    }


def server_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and every descendant of it."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, of in parents.items() if of == parent and child not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(times.get(member, 0.0) for member in tree)


def _worker(args: tuple[str, list[str], int, float, float]) -> dict[str, Any]:
    try:
        import uvloop  # type: ignore[import-not-found]

        uvloop.install()
    except ImportError:
        pass
    return asyncio.run(_run(*args))


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, int(fraction * len(sorted_values)))
    return sorted_values[index]


def load(
    url: str,
    headers: list[str],
    *,
    connections: int,
    duration: float,
    warmup: float = 5.0,
    processes: int = 2,
    server_pid: int | None = None,
) -> dict[str, Any]:
    """Run the load from `processes` worker processes and merge their results; with
    `server_pid`, also the CPU share that process tree used while requests were counted."""
    shares = [
        connections // processes + (1 if i < connections % processes else 0)
        for i in range(processes)
    ]
    jobs = [(url, headers, share, warmup, duration) for share in shares if share]
    samples: list[tuple[float, float]] = []
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.wait(0.25):
            samples.append((time.monotonic(), server_cpu_seconds(server_pid or 0)))

    sampler = threading.Thread(target=sample, daemon=True)
    if server_pid:
        sampler.start()
    with multiprocessing.get_context("spawn").Pool(len(jobs)) as pool:
        results = pool.map(_worker, jobs)
    sampling.set()
    server_cpu = None
    if server_pid:
        sampler.join()
        # The window in which every worker counted (CLOCK_MONOTONIC is one clock for all).
        start = max(result["window"][0] for result in results)
        end = min(result["window"][1] for result in results)
        inside = [(at, cpu) for at, cpu in samples if start <= at <= end]
        if len(inside) >= 2:
            server_cpu = (inside[-1][1] - inside[0][1]) / (inside[-1][0] - inside[0][0])
    latencies = sorted(value for result in results for value in result["latencies"])
    errors: dict[str, int] = {}
    for result in results:
        for key, count in result["errors"].items():
            errors[key] = errors.get(key, 0) + count
    elapsed = max(result["elapsed"] for result in results)
    return {
        "connections": connections,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "errors": errors,
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
        "max_ms": round((latencies[-1] if latencies else float("nan")) * 1000, 1),
        "over_2s": sum(1 for value in latencies if value > SLOW_SECONDS),
        "client_cpu_percent_per_process": [round(100 * r["cpu"] / r["elapsed"]) for r in results],
        "server_cpu_share": server_cpu,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("url")
    parser.add_argument("--header", action="append", default=[])
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    result = load(
        args.url,
        args.header,
        connections=args.connections,
        duration=args.duration,
        warmup=args.warmup,
        processes=args.processes,
    )
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
