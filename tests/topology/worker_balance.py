"""The worker-balance scenario: a burst of connections opened at once against
`rollbook serve --workers N`, and which worker served each, read from the access log.

The test runs it once; run as a script it repeats the scenario and prints each round's shares
(the figures in docs/benchmarks.md):

    .venv/bin/python tests/topology/worker_balance.py --connections 32 --rounds 18
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
from collections import Counter
from pathlib import Path

if __name__ == "__main__":  # run as a script: make `support` and `topology` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from topology.served import ServedRollbook, log_entries, wait_until

ACCESS_LOGGER = "uvicorn.access"


async def _one_request(port: int, sent: asyncio.Queue[None]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        b"GET /atlassian-connect.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    await writer.drain()
    sent.put_nowait(None)
    response = await reader.read()
    writer.close()
    status_line = response.split(b"\r\n", 1)[0]
    return int(status_line.split()[1])


async def _burst(port: int, connections: int, paused: set[int]) -> list[int]:
    # The workers are paused while the burst connects and sends, then woken together: every
    # connection is waiting in the kernel when they wake, as when a burst arrives while every
    # worker is busy. From a shared listening socket, the first worker to run accepted them all.
    for pid in paused:
        os.kill(pid, signal.SIGSTOP)
    try:
        sent: asyncio.Queue[None] = asyncio.Queue()
        tasks = [asyncio.create_task(_one_request(port, sent)) for _ in range(connections)]
        for _ in range(connections):
            await asyncio.wait_for(sent.get(), timeout=30)
    finally:
        for pid in paused:
            os.kill(pid, signal.SIGCONT)
    return await asyncio.gather(*tasks)


def access_lines_by_pid(server: ServedRollbook) -> Counter[int]:
    return Counter(
        entry["pid"]
        for entry in log_entries(server.log_path)
        if entry["logger"] == ACCESS_LOGGER and "pid" in entry
    )


def started_workers(server: ServedRollbook) -> set[int]:
    """The pids of every worker that has logged that it serves."""
    return {
        entry["pid"]
        for entry in log_entries(server.log_path)
        if entry["message"].startswith("Application startup complete") and "pid" in entry
    }


def wait_for_workers(server: ServedRollbook) -> set[int]:
    """The pids of the workers, once each has logged that it serves."""
    wait_until(
        lambda: len(started_workers(server)) >= server.workers,
        seconds=30,
        what=f"{server.workers} workers to log their start",
    )
    return started_workers(server)


def burst_shares(server: ServedRollbook, connections: int, paused: set[int]) -> Counter[int]:
    """Opens `connections` connections at once, one request each, while the `paused` workers
    are stopped; how many each worker served."""
    before = access_lines_by_pid(server)
    statuses = asyncio.run(_burst(server.port, connections, paused))
    assert statuses == [200] * connections, statuses

    def logged() -> bool:
        return sum((access_lines_by_pid(server) - before).values()) >= connections

    wait_until(logged, seconds=10, what=f"{connections} access log lines")
    return access_lines_by_pid(server) - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=18)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--no-pause",
        action="store_true",
        help="send the burst to running workers (the test pauses them while it connects)",
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        server = ServedRollbook(
            env={
                "ROLLBOOK_DEV_MODE": "true",
                "ROLLBOOK_DATABASE_URL": f"sqlite:///{directory}/balance.db",
            },
            log_path=Path(directory) / "server.log",
            workers=arguments.workers,
        ).start()
        try:
            workers = wait_for_workers(server)
            for round_number in range(1, arguments.rounds + 1):
                shares = burst_shares(
                    server, arguments.connections, set() if arguments.no_pause else workers
                )
                counts = sorted(shares.values(), reverse=True)
                counts += [0] * (arguments.workers - len(counts))
                print(f"round {round_number:2}: connections per worker {counts}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
