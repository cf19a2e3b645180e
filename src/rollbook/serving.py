"""Runs the app under uvicorn: in one process, or in several workers that each accept on a
listening socket of their own, so the kernel spreads connections across them."""

from __future__ import annotations

import logging
import socket
import sys

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

from rollbook.core.logs import configure_logging

log = logging.getLogger(__name__)


class _Config(uvicorn.Config):
    def configure_logging(self) -> None:
        # uvicorn calls this in the parent and again in each worker it spawns: a spawned worker
        # starts a fresh interpreter, so without this it logged nothing at all.
        super().configure_logging()
        configure_logging()


def _worker_socket(host: str, port: int, backlog: int) -> socket.socket:
    """One of the workers' listening sockets on host:port. With SO_REUSEPORT the kernel hashes
    each new connection to one socket of the group (only sockets of the same user may join it).
    A shared socket let the first worker to wake accept a whole burst."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns on TCP_NODELAY only for sockets with that proto, and
    # without it each response's body waited for the client's delayed ACK of its headers (40 ms).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    # Listening from the parent: while a worker restarts, connections hashed to its socket wait
    # in the queue for the new worker instead of being refused.
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _free_port_to_share(host: str, port: int) -> int:
    """Checks that nothing listens on host:port (0: picks a free port) and returns the port.
    Binding without SO_REUSEPORT fails if anyone listens there, even a `rollbook serve` of the
    same user, which SO_REUSEPORT alone would let the new workers silently share the port with."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))
        free: int = probe.getsockname()[1]
        return free


class _WorkerPerSocket(Multiprocess):
    """uvicorn's supervisor, but worker slot i always serves socket i: its first worker, each
    replacement after a crash, and each one started by a restart (SIGHUP)."""

    def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
        super().__init__(config, sockets)
        self.processes_num = len(sockets)

    def _spawn(self, slot: int) -> Process:
        process = Process(self.config, [self.sockets[slot]])
        process.start()
        return process

    def init_processes(self) -> None:
        self.processes = [self._spawn(slot) for slot in range(self.processes_num)]

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for slot, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                # A worker that failed before serving would fail the same way again.
                log.error("worker %s failed to start; stopping", process.pid)
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            log.info("worker %s died; starting a new one", process.pid)
            self.processes[slot] = self._spawn(slot)

    def restart_all(self) -> None:
        for slot, old_process in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new_process = self._spawn(slot)
            if not new_process.wait_until_ready(
                self.config.timeout_worker_healthcheck, self.should_exit
            ):
                new_process.kill()
                new_process.join()
                if not self.should_exit.is_set():
                    log.error("new worker was not ready in time; keeping %s", old_process.pid)
                return
            old_process.terminate()
            old_process.join()
            self.processes[slot] = new_process

    def handle_ttin(self) -> None:
        log.info("SIGTTIN ignored: restart with another --workers to change the worker count")

    def handle_ttou(self) -> None:
        log.info("SIGTTOU ignored: restart with another --workers to change the worker count")


def run_server(*, host: str, port: int, workers: int, forwarded_allow_ips: str) -> None:
    config = _Config(
        "rollbook.app:create_app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        # asyncio's loop, not uvloop: uvloop gave multi-second tail latencies at 128 connections.
        loop="asyncio",
        http="httptools",
        # X-Forwarded-For/-Proto are believed only from these addresses (the proxy's).
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )
    if workers == 1:
        uvicorn.Server(config).run()
        return
    try:
        port = _free_port_to_share(host, port)
        sockets = [_worker_socket(host, port, config.backlog) for _ in range(workers)]
    except OSError as exc:
        log.error("cannot listen on %s:%s: %s", host, port, exc)
        sys.exit(STARTUP_FAILURE)
    log.info("serving on %s:%s with %s workers, one socket each", host, port, workers)
    _WorkerPerSocket(config, sockets).run()
