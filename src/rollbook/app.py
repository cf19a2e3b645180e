"""The FastAPI application factory. Nothing is created at import time."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from rollbook.connect.exceptions import ConnectAuthError
from rollbook.connect.install_keys import InstallKeyFetcher
from rollbook.connect.lifecycle import router as lifecycle_router
from rollbook.connect.router import router as connect_router
from rollbook.db import Database
from rollbook.pages.router import STATIC_DIR
from rollbook.pages.router import router as pages_router
from rollbook.security_headers import SecurityHeadersMiddleware
from rollbook.settings import Settings
from rollbook.state import AppState

log = logging.getLogger(__name__)


async def _auth_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConnectAuthError)
    log.info("request refused", extra={"error": exc.code, "path": request.url.path})
    return JSONResponse(
        {"error": exc.code, "message": exc.message},
        status_code=exc.status_code,
        headers={"WWW-Authenticate": "JWT"},
    )


def create_app(settings: Settings, *, database: Database | None = None) -> FastAPI:
    app = FastAPI(title="Rollbook", version="1", docs_url=None, redoc_url=None)
    app.state.rollbook = AppState(
        settings=settings,
        database=database or Database(settings.database_url),
        install_keys=InstallKeyFetcher(settings.install_keys_url),
    )
    app.add_exception_handler(ConnectAuthError, _auth_error)
    app.include_router(connect_router)
    app.include_router(lifecycle_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (several worker processes)."""
    return create_app(Settings())
