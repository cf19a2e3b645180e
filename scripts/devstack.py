"""Starts jirasim and the Rollbook server as real processes, installs Rollbook into jirasim with
a real signed install, and stops both afterwards. Used by the demo and the end-to-end tests."""

from __future__ import annotations

import json
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

from jirasim.forge.views import GADGET_ID_BASE
from rollbook.connect.tenants import list_tenants
from rollbook.core.db import Database

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
        """Rollbook's API as the Connect app's client calls it."""
        headers = {"Authorization": f"JWT {self.context_token(account_id)}"}
        return httpx.Client(base_url=self.app_url, headers=headers, timeout=30)

    def forge_view(self, module_key: str = "rollbook-global", **more: str) -> dict[str, str]:
        """How jirasim's host page names one of the Forge app's module views."""
        return {
            "appUuid": self.forge["appId"].rsplit("/", 1)[-1],
            "environmentId": self.forge["environmentId"],
            "moduleKey": module_key,
            **more,
        }

    def jira_session(self, account_id: str) -> httpx.Client:
        """jirasim's host pages, signed in as the user (its user switcher's cookie)."""
        jira = httpx.Client(base_url=self.jira_url, timeout=30)
        signed_in = jira.post("/_jirasim/session", data={"account_id": account_id})
        if signed_in.status_code != 303 or "jirasim_session" not in jira.cookies:
            raise RuntimeError(f"jirasim did not sign in {account_id}: {signed_in.status_code}")
        return jira

    def forge_api(self, account_id: str) -> httpx.Client:
        """Rollbook's API as the Forge app's client reaches it: `invokeRemote` through jirasim,
        which signs a FIT for the user and forwards the call to the remote."""
        transport = ForgeInvokeTransport(self.jira_session(account_id), self.forge_view())
        return httpx.Client(base_url="https://remote.invalid", transport=transport, timeout=30)

    def choose_forge_gadget_report(
        self, account_id: str, report_id: str, view_id: str | None = None
    ) -> None:
        """What `view.submit` in the Forge gadget's edit view does: Jira stores its settings (the
        report, and the view when one is named; without one the report's first view shows)."""
        configuration = {"reportId": report_id, **({"viewId": view_id} if view_id else {})}
        view = self.forge_view("rollbook-gadget", gadgetId=str(GADGET_ID_BASE), entryPoint="edit")
        jira = self.jira_session(account_id)
        try:
            response = jira.post(
                "/_jirasim/forge/gadget-configuration",
                json={"view": view, "configuration": configuration},
            )
        finally:
            jira.close()
        response.raise_for_status()

    def set_faults(self, **faults: Any) -> None:
        response = httpx.post(
            f"{self.jira_url}/_jirasim/faults",
            json=faults,
            headers={"X-Jirasim-Admin-Token": self.admin_token},
            timeout=10,
        )
        response.raise_for_status()


class ForgeInvokeTransport(httpx.BaseTransport):
    """Turns each request into the `invokeRemote` call a Custom UI frame would make, sent to
    jirasim's host-page route, and its answer back into a response."""

    FORWARDED_HEADERS = frozenset({"if-match", "accept"})

    def __init__(self, jira: httpx.Client, view: dict[str, str]) -> None:
        self.jira = jira
        self.view = view

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in request.headers.items() if k in self.FORWARDED_HEADERS}
        call: dict[str, Any] = {
            "path": request.url.raw_path.decode(),
            "method": request.method,
            "headers": headers,
            "invokeType": "ui-remote-fetch",
        }
        if request.content:
            call["body"] = json.loads(request.content)
        answer = self.jira.post("/_jirasim/forge/invoke", json={"view": self.view, "call": call})
        answer.raise_for_status()
        result = answer.json()
        if not result["ok"]:
            raise httpx.TransportError(f"invokeRemote rejected: {result['error']}")
        payload = result["payload"]
        # The body is re-encoded below, so its original length and encoding no longer apply.
        skipped = {"content-length", "content-encoding"}
        pairs = [(k, v) for k, values in payload["headers"].items() for v in values]
        body = payload.get("body")
        return httpx.Response(
            payload["status"],
            headers=[(k, v) for k, v in pairs if k not in skipped],
            content=b"" if body is None else json.dumps(body).encode(),
            request=request,
        )

    def close(self) -> None:
        self.jira.close()


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
