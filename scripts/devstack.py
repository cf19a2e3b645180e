"""Starts jirasim and the Rollbook server as real processes, installs Rollbook into jirasim with
a real signed install, and stops both afterwards. Used by the demo and the end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt

from rollbook.connect.tenants import list_tenants
from rollbook.db import Database

APP_KEY = "com.rollbook.reports"
GENERAL_PAGE = f"/plugins/servlet/ac/{APP_KEY}/reports"
# The Forge app's id for the demo and the tests (a registered app gets its own from Atlassian).
FORGE_APP_ID = "ari:cloud:ecosystem::app/5d3c7c1e-8f0a-4b7e-9c43-0f6a1d2b3c4d"
FORGE_MANIFEST = Path(__file__).resolve().parents[1] / "forge" / "manifest.yml"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Stack:
    jira_url: str
    app_url: str
    database_url: str
    admin_token: str
    workdir: Path
    # jirasim's answer to the Forge install: installationId, cloudId and the page paths.
    forge: dict[str, Any]

    @property
    def general_page(self) -> str:
        return f"{self.jira_url}{GENERAL_PAGE}"

    @property
    def forge_resource_origin(self) -> str:
        """Where jirasim serves Forge Custom UI: its own port under the other loopback name, so
        the app frame is cross-origin to the Jira pages, as on Atlassian's CDN."""
        return self.jira_url.replace("//localhost:", "//127.0.0.1:")

    def tenant(self) -> Any:
        """The installed tenant as Rollbook stored it (client key and shared secret)."""
        database = Database(self.database_url)
        try:
            with database.session() as session:
                tenants = [t for t in list_tenants(session) if t.installed]
                return tenants[-1]
        finally:
            database.dispose()

    def context_token(self, account_id: str, ttl: int = 900) -> str:
        """A context JWT like AP.context.getToken() issues, for API calls from scripts."""
        tenant = self.tenant()
        now = int(time.time())
        claims = {
            "iss": tenant.client_key,
            "sub": account_id,
            "iat": now,
            "exp": now + ttl,
            "qsh": "context-qsh",
        }
        return jwt.encode(claims, tenant.shared_secret, algorithm="HS256")

    def api(self, account_id: str) -> httpx.Client:
        headers = {"Authorization": f"JWT {self.context_token(account_id)}"}
        return httpx.Client(base_url=self.app_url, headers=headers, timeout=30)

    def set_faults(self, **faults: Any) -> None:
        response = httpx.post(
            f"{self.jira_url}/_jirasim/faults",
            json=faults,
            headers={"X-Jirasim-Admin-Token": self.admin_token},
            timeout=10,
        )
        response.raise_for_status()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up:\n{log.read_text()[-4000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@contextmanager
def running_stack(
    workdir: Path,
    *,
    issues: int = 300,
    seed: int = 3,
    jira_port: int | None = None,
    app_port: int | None = None,
) -> Iterator[Stack]:
    workdir.mkdir(parents=True, exist_ok=True)
    jira_port, app_port = jira_port or free_port(), app_port or free_port()
    jira_url, app_url = f"http://localhost:{jira_port}", f"http://localhost:{app_port}"
    database_url = f"sqlite:///{workdir / 'rollbook.db'}"
    admin_token = "devstack-admin"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}

    def start(args: list[str], extra_env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
        # The child keeps its own copy of the log's descriptor; ours is closed at once.
        with (workdir / f"{name}.log").open("wb") as log:
            return subprocess.Popen(
                [sys.executable, "-m", *args],
                env={**env, **extra_env},
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    jirasim = start(
        [
            "jirasim.cli",
            "serve",
            "--port",
            str(jira_port),
            "--issues",
            str(issues),
            "--seed",
            str(seed),
            "--admin-token",
            admin_token,
        ],
        {},
        "jirasim",
    )
    rollbook = start(
        ["rollbook.cli", "serve", "--port", str(app_port)],
        {
            "ROLLBOOK_DEV_MODE": "true",
            "ROLLBOOK_BASE_URL": app_url,
            "ROLLBOOK_DATABASE_URL": database_url,
            "ROLLBOOK_INSTALL_KEYS_URL": f"{jira_url}/_jirasim/install-keys",
            # all.js reads its data-options only from a URL with this path (as on Atlassian's CDN).
            "ROLLBOOK_CONNECT_JS_URL": f"{jira_url}/atlassian-connect/all.js",
            "ROLLBOOK_ALLOWED_JIRA_HOSTS": '["localhost"]',
            "ROLLBOOK_FORGE_APP_ID": FORGE_APP_ID,
            "ROLLBOOK_FORGE_JWKS_URL": f"{jira_url}/_jirasim/forge/jwks.json",
        },
        "rollbook",
    )
    try:
        _wait_until_up(f"{jira_url}/rest/api/3/serverInfo", jirasim, workdir / "jirasim.log")
        _wait_until_up(f"{app_url}/atlassian-connect.json", rollbook, workdir / "rollbook.log")
        installed = httpx.post(
            f"{jira_url}/_jirasim/apps/install",
            json={"descriptorUrl": f"{app_url}/atlassian-connect.json"},
            timeout=60,
        )
        if installed.status_code != 200:
            raise RuntimeError(f"install failed: {installed.status_code} {installed.text}")
        forge = httpx.post(
            f"{jira_url}/_jirasim/forge/install",
            json={
                "manifestPath": str(FORGE_MANIFEST),
                "variables": {"FORGE_APP_ID": FORGE_APP_ID, "ROLLBOOK_REMOTE_URL": app_url},
            },
            timeout=60,
        )
        if forge.status_code != 200:
            raise RuntimeError(f"Forge install failed: {forge.status_code} {forge.text}")
        yield Stack(jira_url, app_url, database_url, admin_token, workdir, forge.json())
    finally:
        _stop(rollbook)
        _stop(jirasim)
