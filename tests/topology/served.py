"""`rollbook serve` as operators run it: a separate process on a loopback port, its JSON log in
a file, started and stopped (or killed) by the test."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from support.servers import free_port


def wait_until(predicate: Callable[[], bool], *, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {seconds} s waiting for {what}")
        time.sleep(0.05)


def log_entries(log_path: Path) -> list[dict[str, Any]]:
    """Every JSON line of a server log; any other line fails the test (the log is JSON only)."""
    entries = []
    for line in log_path.read_text().splitlines():
        if line.startswith("Rollbook listening on"):  # the CLI's banner on stdout
            continue
        entries.append(json.loads(line))
    return entries


@dataclass
class ServedRollbook:
    """One `rollbook serve` instance. `start()` again after `kill()` brings it back."""

    env: dict[str, str]
    log_path: Path
    workers: int = 1
    port: int = field(default_factory=free_port)
    # The command line after `rollbook`; default: serve on `port` with `workers` workers.
    arguments: list[str] | None = None
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServedRollbook:
        with self.log_path.open("a") as log:
            arguments = self.arguments or [
                *("serve", "--port", str(self.port), "--workers", str(self.workers))
            ]
            self.process = subprocess.Popen(
                [sys.executable, "-m", "rollbook.cli", *arguments],
                env={**os.environ, **self.env},
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.log_path.parent,
                # Its own process group, so kill() takes the workers down with their parent.
                start_new_session=True,
            )
        wait_until(self._answers, seconds=60, what=f"rollbook serve on port {self.port}")
        return self

    def _answers(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"rollbook serve exited: {self.log_path.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.url}/atlassian-connect.json", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL to the parent and every worker: no shutdown, no draining, as when the
        machine dies."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
