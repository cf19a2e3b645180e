"""`rollbook serve` believes X-Forwarded-For/-Proto only from the proxies named in
ROLLBOOK_FORWARDED_ALLOW_IPS: from any other peer they are ignored, so a client that reaches an
instance directly cannot pose as https or choose the address the log shows."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from topology.served import ServedRollbook, log_entries, wait_until

SPOOFED_CLIENT = "203.0.113.9"


@pytest.fixture
def serve_behind(tmp_path: Path) -> Iterator[ServedRollbook]:
    servers: list[ServedRollbook] = []

    def start(forwarded_allow_ips: str) -> ServedRollbook:
        server = ServedRollbook(
            env={
                "ROLLBOOK_DEV_MODE": "true",
                "ROLLBOOK_BASE_URL": "http://127.0.0.1",
                "ROLLBOOK_DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.db'}",
                "ROLLBOOK_FORWARDED_ALLOW_IPS": forwarded_allow_ips,
            },
            log_path=tmp_path / "server.log",
        )
        servers.append(server)
        return server.start()

    yield start  # type: ignore[misc]
    for server in servers:
        server.stop()


@pytest.mark.parametrize(
    ("forwarded_allow_ips", "believed"),
    [
        pytest.param("127.0.0.1", True, id="from-the-configured-proxy"),
        pytest.param("192.0.2.1", False, id="from-any-other-peer"),
        pytest.param("192.0.2.0/24,10.0.0.1", False, id="not-in-the-configured-networks"),
    ],
)
def test_forwarded_headers_are_believed_only_from_configured_proxies(
    serve_behind: object, forwarded_allow_ips: str, believed: bool
) -> None:
    server: ServedRollbook = serve_behind(forwarded_allow_ips)  # type: ignore[operator]
    probe = uuid.uuid4().hex
    response = httpx.get(
        f"{server.url}/api/reports/?probe={probe}",
        headers={"X-Forwarded-For": SPOOFED_CLIENT, "X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert response.status_code == 307
    scheme = "https" if believed else "http"
    assert response.headers["location"].startswith(f"{scheme}://127.0.0.1:{server.port}/")

    def probe_line() -> list[str]:
        return [e["message"] for e in log_entries(server.log_path) if probe in e["message"]]

    wait_until(lambda: bool(probe_line()), seconds=10, what="the access log line")
    client = probe_line()[0].split(" ", 1)[0]
    assert client.startswith(SPOOFED_CLIENT if believed else "127.0.0.1:"), client
