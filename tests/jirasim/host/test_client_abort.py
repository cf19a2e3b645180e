"""A client that goes away mid-request (a browser aborting a fetch as the page moves on) is no
error of jirasim's: its real server process logs no traceback, and goes on answering."""

from __future__ import annotations

import base64
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

AUTH = base64.b64encode(b"admin@example.com:demo-token-admin").decode()


@pytest.fixture(scope="module")
def jirasim_process(tmp_path_factory, port_finder) -> Iterator[tuple[str, Path]]:
    port = port_finder()
    log = tmp_path_factory.mktemp("abort") / "jirasim.log"
    args = [sys.executable, "-m", "jirasim.cli", "serve", "--port", str(port), "--issues", "300"]
    with log.open("wb") as handle:
        process = subprocess.Popen(args, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/rest/api/3/serverInfo", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield url, log
    finally:
        process.terminate()
        process.wait(timeout=10)


def _abort(url: str, request: bytes, *, read_first: int = 0) -> None:
    """Send `request`, optionally read the answer's first bytes, then reset the connection (what
    an aborted fetch does), and give the server a moment to notice."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        # SO_LINGER 0: close with a reset, not a polite FIN.
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.sendall(request)
        if read_first:
            connection.recv(read_first)
        else:
            time.sleep(0.3)
    time.sleep(0.5)


def _post_cut_short(path: str) -> bytes:
    # Content-Length promises 1,000 bytes; the client leaves after eight.
    return (
        f"POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic {AUTH}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        '{"jql":"'
    ).encode()


def _get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic {AUTH}\r\n\r\n".encode()


@pytest.mark.parametrize(
    ("request_bytes", "read_first"),
    [
        pytest.param(_post_cut_short("/rest/api/3/search/jql"), 0, id="search body cut short"),
        pytest.param(_post_cut_short("/rest/api/3/jql/parse"), 0, id="jql parse body cut short"),
        pytest.param(_post_cut_short("/_jirasim/forge/invoke"), 0, id="forge invoke cut short"),
        pytest.param(
            _get("/rest/api/3/search/jql?jql=order%20by%20key&maxResults=5000&fields=*all"),
            64,
            id="search answer abandoned mid-response",
        ),
    ],
)
def test_an_aborted_request_logs_no_traceback(
    jirasim_process: tuple[str, Path], request_bytes: bytes, read_first: int
) -> None:
    url, log = jirasim_process
    before = len(log.read_text(errors="replace"))
    _abort(url, request_bytes, read_first=read_first)
    written = log.read_text(errors="replace")[before:]
    assert "Traceback" not in written and "Exception in ASGI application" not in written, written
    assert httpx.get(f"{url}/rest/api/3/serverInfo", timeout=5).status_code == 200
