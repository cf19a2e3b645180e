"""`rollbook serve` as a real process: starts on SQLite (dev mode) and on PostgreSQL, installs a
tenant, refuses every bad token, and never writes a token or secret to its logs."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.connect import InstallSigner, install_claims, install_payload, tenant_token
from support.databases import database_params, drop_postgres_database, fresh_postgres_database

SECRET = "serve-test-secret-0123456789abcdefghijkl"
CLIENT_KEY = "serve-test-client"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(params=database_params())
def server(
    request: pytest.FixtureRequest, tmp_path: Path, install_keys_url: str
) -> Iterator[tuple[str, Path]]:
    name = f"rollbook_s_{uuid.uuid4().hex[:8]}"
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'serve.db'}"
    else:
        url = fresh_postgres_database(name)
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "server.log"
    env = {
        **os.environ,
        "ROLLBOOK_DEV_MODE": "true",
        "ROLLBOOK_BASE_URL": base_url,
        "ROLLBOOK_DATABASE_URL": url,
        "ROLLBOOK_INSTALL_KEYS_URL": install_keys_url,
        "ROLLBOOK_ALLOWED_JIRA_HOSTS": '["*.atlassian.net"]',
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "rollbook.cli", "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base_url}/atlassian-connect.json", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        yield base_url, log_path
    finally:
        process.terminate()
        process.wait(timeout=10)
        if request.param != "sqlite":
            drop_postgres_database(name)


def test_serve_installs_and_never_logs_secrets(
    server: tuple[str, Path], install_signer: InstallSigner
) -> None:
    base_url, log_path = server
    descriptor = httpx.get(f"{base_url}/atlassian-connect.json").json()
    assert descriptor["baseUrl"] == base_url

    install_token = install_signer.token(
        install_claims(client_key=CLIENT_KEY, app_base_url=base_url)
    )
    response = httpx.post(
        f"{base_url}/installed",
        json=install_payload(CLIENT_KEY, SECRET),
        headers={"Authorization": f"JWT {install_token}"},
    )
    assert response.status_code == 204, response.text

    good = tenant_token(client_key=CLIENT_KEY, secret=SECRET)
    bad_tokens = [
        tenant_token(client_key=CLIENT_KEY, secret="wrong-secret-0123456789abcdefghij"),
        tenant_token(client_key=CLIENT_KEY, secret=SECRET, iat=time.time() - 1000),
        tenant_token(client_key="unknown-tenant", secret=SECRET),
        tenant_token(client_key=CLIENT_KEY, secret=SECRET, qsh="f" * 64),
    ]
    assert httpx.get(f"{base_url}/api/me", headers={"Authorization": f"JWT {good}"}).is_success
    for token in bad_tokens:
        assert httpx.get(f"{base_url}/api/me?jwt={token}").status_code == 401
        assert httpx.get(f"{base_url}/ui/reports?lic=none&jwt={token}").status_code == 401
        assert (
            httpx.post(
                f"{base_url}/installed",
                json=install_payload(CLIENT_KEY, SECRET),
                headers={"Authorization": f"JWT {token}"},
            ).status_code
            == 401
        )
    # Reinstall is refused with a replayed-but-expired token, and with a wrong audience.
    stale = install_signer.token(
        install_claims(client_key=CLIENT_KEY, app_base_url=base_url, now=time.time() - 900)
    )
    assert (
        httpx.post(
            f"{base_url}/installed",
            json=install_payload(CLIENT_KEY, SECRET),
            headers={"Authorization": f"JWT {stale}"},
        ).status_code
        == 401
    )

    time.sleep(0.3)  # let the access log flush
    logs = log_path.read_text()
    assert "request refused" in logs and "/api/me" in logs
    for secret in [SECRET, good, install_token, stale, *bad_tokens]:
        assert secret not in logs
    for token in [good, install_token, *bad_tokens]:
        assert token.split(".")[2] not in logs  # not even the signature part


def test_serve_warns_loudly_in_dev_mode(server: tuple[str, Path]) -> None:
    _, log_path = server
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    warnings = [line for line in lines if line["level"] == "warning"]
    assert any("DEV MODE IS ON" in line["message"] for line in warnings), lines


# (name, environment beyond an otherwise production-ready one, what the refusal names)
UNSAFE_SERVING = [
    ("plain http base URL", {"ROLLBOOK_BASE_URL": "http://rollbook.example.com"}, "https://"),
    ("base URL with no host", {"ROLLBOOK_BASE_URL": "https://"}, "has no host"),
    (
        "http install-keys URL",
        {"ROLLBOOK_INSTALL_KEYS_URL": "http://keys.example.com"},
        "ROLLBOOK_INSTALL_KEYS_URL",
    ),
    (
        "http Connect JS URL",
        {"ROLLBOOK_CONNECT_JS_URL": "http://cdn.example.com/all.js"},
        "ROLLBOOK_CONNECT_JS_URL",
    ),
    ("any Jira host", {"ROLLBOOK_ALLOWED_JIRA_HOSTS": '["*"]'}, "ROLLBOOK_ALLOWED_JIRA_HOSTS"),
    ("dev mode spelled 1", {"ROLLBOOK_DEV_MODE": "1"}, "exactly true or false"),
]


@pytest.mark.parametrize(
    ("name", "changes", "named"), UNSAFE_SERVING, ids=[case[0] for case in UNSAFE_SERVING]
)
def test_serve_refuses_unsafe_settings(
    name: str, changes: dict[str, str], named: str, tmp_path: Path
) -> None:
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith("ROLLBOOK_")},
        "ROLLBOOK_BASE_URL": "https://rollbook.example.com",
        "ROLLBOOK_DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
        **changes,
    }
    result = subprocess.run(
        [sys.executable, "-m", "rollbook.cli", "serve", "--port", str(_free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert named in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "x.db").exists(), "refused before touching the database"
