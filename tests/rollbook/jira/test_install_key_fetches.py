"""Install-key fetches are bounded: anyone can send a signed-install token naming any kid, and
each unknown kid used to cost one outbound fetch per request. Now known keys are kept, unknown
kids remembered, and fetches capped, so a flood of made-up kids costs a handful of fetches."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.connect import InstallSigner, install_claims, install_payload

APP = "https://rollbook.test"
CLIENT_KEY = "9d7c2a55-3a8e-4c8f-9a55-1f0e0d4c7b21"
SECRET = "install-secret-0123456789-0123456789-abcdef"
REQUESTS = 50


class CountingKeyServer:
    """connect-install-keys.atlassian.com: GET /{kid} → PEM, counting every fetch."""

    def __init__(self, signer: InstallSigner) -> None:
        self.fetches: Counter[str] = Counter()
        keys, fetches = {signer.kid: signer.public_pem}, self.fetches

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                kid = self.path.lstrip("/")
                fetches[kid] += 1
                pem = keys.get(kid)
                self.send_response(200 if pem else 404)
                self.end_headers()
                self.wfile.write((pem or "not found").encode())

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def key_server(install_signer: InstallSigner) -> Iterator[CountingKeyServer]:
    server = CountingKeyServer(install_signer)
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.server.shutdown()
        server.server.server_close()


@pytest.fixture
def client(
    settings: Settings, database: Database, key_server: CountingKeyServer
) -> Iterator[TestClient]:
    app = create_app(
        settings.model_copy(update={"install_keys_url": key_server.url}), database=database
    )
    with TestClient(app, base_url=APP) as test_client:
        yield test_client


def _install(client: TestClient, signer: InstallSigner, kid: str) -> int:
    token = signer.token(install_claims(client_key=CLIENT_KEY, app_base_url=APP), kid=kid)
    response = client.post(
        "/installed",
        json=install_payload(CLIENT_KEY, SECRET),
        headers={"Authorization": f"JWT {token}"},
    )
    return int(response.status_code)


def _random_kid(_signer: InstallSigner) -> str:
    return str(uuid.uuid4())


def _one_unknown_kid(_signer: InstallSigner) -> str:
    return "0b5e5a8c-0000-4000-8000-000000000000"


def _the_real_kid(signer: InstallSigner) -> str:
    return signer.kid


@pytest.mark.parametrize(
    ("kid_of", "status", "most_fetches"),
    [
        # The attack: every request names a new kid. Capped by the per-minute fetch allowance.
        pytest.param(_random_kid, 401, 5, id="random-kids"),
        # The same unknown kid again and again: remembered after the first 404.
        pytest.param(_one_unknown_kid, 401, 1, id="one-unknown-kid"),
        # Atlassian's real key: fetched once and kept.
        pytest.param(_the_real_kid, 204, 1, id="the-real-kid"),
    ],
)
def test_install_key_fetches_are_bounded(
    kid_of: Callable[[InstallSigner], str],
    status: int,
    most_fetches: int,
    client: TestClient,
    install_signer: InstallSigner,
    key_server: CountingKeyServer,
) -> None:
    statuses = {_install(client, install_signer, kid_of(install_signer)) for _ in range(REQUESTS)}
    assert statuses == {status}
    assert 1 <= sum(key_server.fetches.values()) <= most_fetches
