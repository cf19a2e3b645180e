"""Fixtures for jirasim's Forge host tests: a loopback remote (a small FastAPI app under uvicorn
in a thread) that records what jirasim sends it, the test manifest and app, a jirasim with the
app installed, and the FIT verifier built on PyJWT and the served JWKS."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.testclient import TestClient

from jirasim.app import create_app
from jirasim.site import Site
from support.servers import free_port, serve_in_thread

SIM_ADMIN_TOKEN = "test-admin-token"
SIM_BASE_URL = "http://jirasim.test"

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_MANIFEST = FIXTURES / "manifest.yml"
ROLLBOOK_MANIFEST = Path(__file__).resolve().parents[3] / "forge" / "manifest.yml"
APP_ID = "ari:cloud:ecosystem::app/5d3c7c1e-8f0a-4b7e-9c43-0f6a1d2b3c4d"
APP_UUID = APP_ID.rsplit("/", 1)[1]
RESOURCE_ORIGIN = "http://127.0.0.1"


@dataclass
class LoopbackRemote:
    """What the remote received, and how it answers the install event."""

    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    install_status: int = 204

    def asgi(self) -> FastAPI:
        app = FastAPI()

        async def record(request: Request) -> dict[str, Any]:
            body = await request.body()
            entry = {
                "method": request.method,
                "path": request.url.path,
                "query": request.url.query,
                "headers": dict(request.headers),
                "body": body.decode() if body else None,
            }
            self.received.append(entry)
            return entry

        @app.post("/forge/events/installed")
        async def installed(request: Request) -> Response:
            await record(request)
            return Response(status_code=self.install_status)

        @app.api_route("/api/echo", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
        async def echo(request: Request) -> JSONResponse:
            entry = await record(request)
            return JSONResponse({"method": entry["method"], "body": entry["body"]})

        @app.get("/api/status/{status}")
        async def status(status: int, request: Request) -> Response:
            await record(request)
            if status == 204:
                return Response(status_code=204)
            return JSONResponse(
                {"error": "code", "message": f"status {status}"}, status_code=status
            )

        @app.get("/api/text")
        async def text() -> PlainTextResponse:
            return PlainTextResponse("not json")

        @app.get("/api/slow")
        async def slow() -> JSONResponse:
            await asyncio.sleep(3)
            return JSONResponse({"late": True})

        return app

    def last(self, path: str) -> dict[str, Any]:
        return next(e for e in reversed(self.received) if e["path"] == path)


@pytest.fixture(scope="module")
def remote() -> Iterator[LoopbackRemote]:
    loopback = LoopbackRemote()
    with serve_in_thread(loopback.asgi()) as url:
        loopback.url = url
        yield loopback


@pytest.fixture
def forge_client(sim_site: Site, remote: LoopbackRemote) -> Iterator[TestClient]:
    """jirasim in process, reaching the loopback remote over real HTTP."""
    remote.received.clear()
    remote.install_status = 204
    app = create_app(
        sim_site, admin_token=SIM_ADMIN_TOKEN, secret=b"forge-test-secret-0123456789abcd"
    )
    with TestClient(app, base_url=SIM_BASE_URL) as client:
        yield client


def install(
    client: TestClient | httpx.Client, remote_url: str, manifest: Path = TEST_MANIFEST
) -> httpx.Response:
    variables = {
        "FORGE_APP_ID": APP_ID,
        "REMOTE_URL": remote_url,
        "ROLLBOOK_REMOTE_URL": remote_url,
    }
    return client.post(
        "/_jirasim/forge/install",
        json={"manifestPath": str(manifest), "variables": variables},
        headers={"X-Jirasim-Admin-Token": SIM_ADMIN_TOKEN},
    )


@pytest.fixture
def installed(forge_client: TestClient, remote: LoopbackRemote) -> dict[str, Any]:
    response = install(forge_client, remote.url)
    assert response.status_code == 200, response.text
    return dict(response.json())


def verify_fit(client: TestClient | httpx.Client, token: str) -> dict[str, Any]:
    """Verify a FIT as a remote does: the JWKS key by `kid`, RS256, iss/aud, required claims."""
    header = jwt.get_unverified_header(token)
    keys = client.get("/_jirasim/forge/jwks.json").json()["keys"]
    (jwk,) = [k for k in keys if k["kid"] == header["kid"]]
    key = jwt.PyJWK(jwk).key
    return dict(
        jwt.decode(
            token,
            key,
            algorithms=["RS256"],
            audience=APP_ID,
            issuer="forge/invocation-token",
            options={"require": ["iss", "aud", "exp", "iat", "nbf", "jti"]},
        )
    )


@contextmanager
def jirasim_stack(remote_url: str, manifest: Path = TEST_MANIFEST) -> Iterator[dict[str, Any]]:
    """jirasim on a real port (pages on localhost, resources on 127.0.0.1) with the app of
    `manifest` installed against the remote."""
    from jirasim.dataset import generate_site

    port = free_port()
    jira_url = f"http://localhost:{port}"
    site = generate_site(seed=5, issue_count=200, base_url=jira_url)
    with serve_in_thread(create_app(site), port), httpx.Client(base_url=jira_url) as client:
        installed = install(client, remote_url, manifest)
        assert installed.status_code == 200, installed.text
        yield {
            "jira": jira_url,
            "resources": f"http://127.0.0.1:{port}/_jirasim/forge/resources/",
            "installed": installed.json(),
        }


@dataclass(frozen=True)
class ForgeHelpers:
    """Constants and helpers for the test modules (conftest modules cannot be imported)."""

    app_id: str = APP_ID
    app_uuid: str = APP_UUID
    resource_origin: str = RESOURCE_ORIGIN
    test_manifest: Path = TEST_MANIFEST
    rollbook_manifest: Path = ROLLBOOK_MANIFEST
    fixtures: Path = FIXTURES
    admin_headers: dict[str, str] = field(
        default_factory=lambda: {"X-Jirasim-Admin-Token": SIM_ADMIN_TOKEN}
    )

    @staticmethod
    def install(
        client: TestClient | httpx.Client, remote_url: str, manifest: Path = TEST_MANIFEST
    ) -> httpx.Response:
        return install(client, remote_url, manifest)

    @staticmethod
    def verify_fit(client: TestClient | httpx.Client, token: str) -> dict[str, Any]:
        return verify_fit(client, token)

    @staticmethod
    def serve(app: Any, port: int | None = None) -> Any:
        return serve_in_thread(app, port)

    @staticmethod
    def jirasim_stack(remote_url: str, manifest: Path = TEST_MANIFEST) -> Any:
        return jirasim_stack(remote_url, manifest)


@pytest.fixture(scope="session")
def forge() -> ForgeHelpers:
    return ForgeHelpers()
