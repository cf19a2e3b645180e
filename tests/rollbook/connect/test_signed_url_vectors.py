"""The server accepts each of Atlassian's signed URLs when the tenant holds the file's secret and
the clock is inside the token's validity window."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jwt
import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.connect.dependencies import PageUser
from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from rollbook.core.settings import Settings

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "fixtures/connect/connect-jwt-signed-urls.json").read_text()
)


def _claims(signed_url: str) -> dict[str, Any]:
    token = urlsplit(signed_url).query.rsplit("jwt=", 1)[1].split("&")[0]
    return jwt.decode(token, options={"verify_signature": False})


@pytest.fixture
def vector_client(database: Database, settings: Settings) -> TestClient:
    issuers = {_claims(v["signedUrl"])["iss"] for v in VECTORS["tests"]}
    with database.session() as session:
        for issuer in issuers:
            save_installation(
                session,
                InstallPayload(
                    client_key=issuer,
                    shared_secret=VECTORS["secret"],
                    base_url="https://example.atlassian.net",
                ),
            )
    app = create_app(settings, database=database)

    # Every vector path is a page route that echoes the verified tenant.
    @app.api_route("/{path:path}", methods=["GET"])
    def any_page(user: PageUser) -> dict[str, str]:
        return {"tenant": user.client_key}

    return TestClient(app, base_url="https://example.com")


@pytest.mark.parametrize("vector", VECTORS["tests"], ids=[v["name"] for v in VECTORS["tests"]])
def test_signed_url_is_accepted_inside_its_window(
    vector: dict[str, str], vector_client: TestClient
) -> None:
    claims = _claims(vector["signedUrl"])
    vector_client.app.state.rollbook.clock = lambda: claims["iat"] + 60  # type: ignore[attr-defined]
    url = urlsplit(vector["signedUrl"])
    response = vector_client.get(f"{url.path}?{url.query}")
    assert response.status_code == 200, response.text
    assert response.json() == {"tenant": claims["iss"]}


def test_signed_url_is_refused_after_its_window(vector_client: TestClient) -> None:
    vector = VECTORS["tests"][0]
    claims = _claims(vector["signedUrl"])
    vector_client.app.state.rollbook.clock = lambda: claims["exp"] + 31  # type: ignore[attr-defined]
    url = urlsplit(vector["signedUrl"])
    response = vector_client.get(f"{url.path}?{url.query}")
    assert response.status_code == 401
    assert response.json()["error"] == "token_expired"
    assert datetime.fromtimestamp(claims["exp"], UTC).year == 2016
