"""Forge calls never get an answer over Forge Remote's 5 MB limit: a larger one becomes a 413
with a JSON error; Connect calls and answers under the limit pass unchanged."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.responses import JSONResponse

from rollbook.forge.response_limit import ForgeResponseLimitMiddleware

LIMIT = 1000


@pytest.fixture
def client() -> TestClient:
    app = FastAPI()

    @app.get("/answer/{size}")
    def answer(size: int) -> JSONResponse:
        return JSONResponse({"padding": "x" * size})

    app.add_middleware(ForgeResponseLimitMiddleware, limit=LIMIT)
    return TestClient(app)


@pytest.mark.parametrize(
    ("authorization", "size", "status"),
    [
        ("Bearer fit", LIMIT - 100, 200),
        ("Bearer fit", LIMIT, 413),
        ("bearer fit", 10 * LIMIT, 413),
        ("JWT context-token", 10 * LIMIT, 200),
        (None, 10 * LIMIT, 200),
    ],
    ids=["forge under", "forge over", "forge far over", "connect", "no credentials"],
)
def test_only_forge_answers_over_the_limit_are_refused(
    client: TestClient, authorization: str | None, size: int, status: int
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(f"/answer/{size}", headers=headers)
    assert response.status_code == status
    if status == 413:
        assert response.json()["error"] == "response_too_large"
        assert len(response.content) < LIMIT
    else:
        assert len(response.json()["padding"]) == size


def test_the_app_installs_the_limit(api: TestClient) -> None:
    assert ForgeResponseLimitMiddleware in [m.cls for m in api.app.user_middleware]
