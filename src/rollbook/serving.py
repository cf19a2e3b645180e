"""Runs the app under uvicorn, in one process or several sharing one listening socket."""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


class _Config(uvicorn.Config):
    def bind_socket(self) -> socket.socket:
        bound = super().bind_socket()
        # asyncio turns on TCP_NODELAY only for sockets whose proto is IPPROTO_TCP, and uvicorn
        # binds with proto 0: with several workers each response's body then waited for the
        # client's delayed ACK of its headers (40 ms).
        return socket.socket(bound.family, bound.type, socket.IPPROTO_TCP, fileno=bound.detach())


def run_server(*, host: str, port: int, workers: int) -> None:
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
        proxy_headers=True,
    )
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()
