"""Fixtures for jirasim's REST API and Connect host tests: a generated site, the app in process
(TestClient) or on a real port (uvicorn in a thread), demo credentials, an installed fake
Connect app for app-signed requests, and the Jira OpenAPI response validator."""

from __future__ import annotations

import base64
import copy
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import jwt
import pytest
from fastapi import FastAPI, Request, Response
from fastapi.testclient import TestClient
from jsonschema import Draft4Validator

from jirasim.app import create_app, sim_state_of
from jirasim.dataset import generate_site
from jirasim.host.installations import Installation
from jirasim.site import Site
from rollbook.connect.qsh import query_string_hash
from support.openapi import allow_null
from support.servers import free_port, serve_in_thread

SIM_BASE_URL = "http://jirasim.test"
SIM_ADMIN_TOKEN = "test-admin-token"
FAKE_APP_BASE_URL = "http://fake-app.test"
DEMO_TOKENS = {
    "admin@example.com": "demo-token-admin",
    "member@example.com": "demo-token-member",
    "outsider@example.com": "demo-token-outsider",
}


def basic_auth(email: str, token: str | None = None) -> dict[str, str]:
    secret = token if token is not None else DEMO_TOKENS[email]
    value = base64.b64encode(f"{email}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {value}"}


@dataclass(frozen=True)
class Demo:
    """Request headers for the demo users and the simulator admin."""

    admin: dict[str, str] = field(default_factory=lambda: basic_auth("admin@example.com"))
    member: dict[str, str] = field(default_factory=lambda: basic_auth("member@example.com"))
    outsider: dict[str, str] = field(default_factory=lambda: basic_auth("outsider@example.com"))
    sim_admin: dict[str, str] = field(
        default_factory=lambda: {"X-Jirasim-Admin-Token": SIM_ADMIN_TOKEN}
    )


@pytest.fixture(scope="session")
def demo() -> Demo:
    return Demo()


@pytest.fixture(scope="session")
def sim_site() -> Site:
    return generate_site(seed=11, issue_count=400, base_url=SIM_BASE_URL)


# --- a fake Connect app, reached through an ASGI transport ------------------------------------


@dataclass
class FakeConnectApp:
    """A minimal Connect app: serves a descriptor, records lifecycle callbacks."""

    descriptor: dict[str, Any]
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    refuse_install: bool = False

    def asgi(self) -> FastAPI:
        app = FastAPI()

        @app.get("/atlassian-connect.json")
        def descriptor() -> dict[str, Any]:
            return self.descriptor

        async def lifecycle(request: Request) -> Response:
            self.callbacks.append(
                {
                    "path": request.url.path,
                    "authorization": request.headers.get("authorization", ""),
                    "body": await request.json(),
                }
            )
            return Response(status_code=401 if self.refuse_install else 204)

        app.add_api_route("/installed", lifecycle, methods=["POST"])
        app.add_api_route("/uninstalled", lifecycle, methods=["POST"])
        return app


def fake_descriptor(scopes: list[str] | None = None) -> dict[str, Any]:
    return {
        "key": "com.example.fake",
        "name": "Fake app",
        "baseUrl": FAKE_APP_BASE_URL,
        "authentication": {"type": "jwt"},
        "lifecycle": {"installed": "/installed", "uninstalled": "/uninstalled"},
        "scopes": scopes or ["READ"],
        "apiMigrations": {"signed-install": True, "context-qsh": True, "gdpr": True},
        "modules": {
            "generalPages": [
                {"key": "main", "name": {"value": "Fake"}, "url": "/page?x={project.key}"}
            ],
            "jiraProjectPages": [
                {
                    "key": "proj",
                    "name": {"value": "Fake project"},
                    "url": "/project?projectKey={project.key}&projectId={project.id}",
                }
            ],
            "jiraDashboardItems": [
                {
                    "key": "gadget",
                    "name": {"value": "Fake gadget"},
                    "description": {"value": "d"},
                    "url": "/gadget?item={dashboardItem.id}&dashboard={dashboard.id}",
                }
            ],
            "adminPages": [{"key": "admin", "name": {"value": "Fake admin"}, "url": "/admin"}],
            "dialogs": [{"key": "dlg", "name": {"value": "Fake dialog"}, "url": "/dialog"}],
        },
    }


@pytest.fixture
def fake_app() -> FakeConnectApp:
    return FakeConnectApp(fake_descriptor())


@pytest.fixture
def sim_app(sim_site: Site, fake_app: FakeConnectApp) -> FastAPI:
    return create_app(
        sim_site,
        admin_token=SIM_ADMIN_TOKEN,
        secret=b"jirasim-test-secret-0123456789ab",
        app_transport=httpx.ASGITransport(app=fake_app.asgi()),
    )


@pytest.fixture
def sim_client(sim_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(sim_app, base_url=SIM_BASE_URL) as client:
        yield client


@pytest.fixture
def installed_app(sim_client: TestClient, demo: Demo) -> Installation:
    response = sim_client.post(
        "/_jirasim/apps/install",
        json={"descriptorUrl": f"{FAKE_APP_BASE_URL}/atlassian-connect.json"},
        headers=demo.sim_admin,
    )
    assert response.status_code == 200, response.text
    app = sim_state_of(sim_client.app).installations.get("com.example.fake")  # type: ignore[arg-type]
    assert app is not None
    return app


def app_jwt(
    app: Installation, method: str, url: str, *, now: float | None = None, **extra: Any
) -> str:
    """An app → Jira token (docs/platform.md#calling-jira-as-the-app) for `url` (path and query, as
    sent)."""
    parts = urlsplit(url)
    issued = int(time.time() if now is None else now)
    claims = {
        "iss": app.key,
        "iat": issued,
        "exp": issued + 180,
        "qsh": query_string_hash(method, parts.path, parts.query),
        **extra,
    }
    return jwt.encode(claims, app.shared_secret, algorithm="HS256")


@pytest.fixture(scope="session")
def app_token() -> Callable[..., str]:
    return app_jwt


@pytest.fixture(scope="session")
def sign_app_request() -> Callable[..., dict[str, str]]:
    def sign(app: Installation, method: str, url: str, **kwargs: Any) -> dict[str, str]:
        return {"Authorization": f"JWT {app_jwt(app, method, url, **kwargs)}"}

    return sign


# --- a real server on a free port -------------------------------------------------------------


@pytest.fixture
def live_server() -> Callable[..., Any]:
    """`with live_server(app, port) as url:` runs `app` with uvicorn in a thread."""
    return serve_in_thread


@pytest.fixture(scope="session")
def port_finder() -> Callable[[], int]:
    return free_port


# --- Jira OpenAPI response validation ---------------------------------------------------------


@dataclass
class OpenApiResponses:
    paths: dict[str, Any]
    components: dict[str, Any]

    def schema(self, path: str, method: str, status: int) -> dict[str, Any]:
        operation = self.paths[path][method.lower()]
        content = operation["responses"][str(status)]["content"]["application/json"]
        return dict(content["schema"])

    def validate(self, body: Any, path: str, method: str, status: int = 200) -> None:
        """Raise if `body` does not match the spec's schema for that response."""
        schema = {**self.schema(path, method, status), "components": self.components}
        Draft4Validator(schema).validate(body)

    def validate_schema(self, body: Any, name: str) -> None:
        schema = {"$ref": f"#/components/schemas/{name}", "components": self.components}
        Draft4Validator(schema).validate(body)

    def connect_scope(self, path: str, method: str) -> str:
        return str(self.paths[path][method.lower()]["x-atlassian-connect-scope"])


@pytest.fixture(scope="session")
def openapi(fixtures_dir: Path) -> OpenApiResponses:
    ours = json.loads((fixtures_dir / "jira-openapi" / "responses.json").read_text("utf-8"))
    shared = json.loads((fixtures_dir / "jira-openapi-subset.json").read_text("utf-8"))
    schemas = copy.deepcopy(shared["components"]["schemas"])
    schemas.update(copy.deepcopy(ours["components"]["schemas"]))
    # Jira returns null `from`/`to` in changelog items although the spec omits `nullable`
    # (its own changelog example has "from":null) — same adjustment as the dataset tests.
    for name in ("from", "fromString", "to", "toString"):
        schemas["ChangeDetails"]["properties"][name]["nullable"] = True
    # `JqlQueryClause` pairs `additionalProperties: false` with `anyOf` and no `properties`: in
    # JSON Schema that forbids every member, so even the spec's own /jql/parse example fails it.
    # The generator meant "one of these clause shapes"; the anyOf alone says that.
    schemas["JqlQueryClause"].pop("additionalProperties")
    return OpenApiResponses(ours["paths"], {"schemas": allow_null(schemas)})
