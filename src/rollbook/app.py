"""The FastAPI application factory. Nothing is created at import time."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from rollbook.admin.router import router as admin_router
from rollbook.connect.exceptions import ConnectAuthError, UnknownTenant
from rollbook.connect.install_keys import InstallKeyFetcher
from rollbook.connect.lifecycle import router as lifecycle_router
from rollbook.connect.router import router as connect_router
from rollbook.connect.tenant_cache import TenantCache
from rollbook.db import WORKER_THREADS, Database
from rollbook.gadgets.router import router as gadgets_router
from rollbook.jira.client import JiraAppClient
from rollbook.jira.directory import HttpJiraDirectory, JiraDirectory
from rollbook.pages.router import STATIC_DIR
from rollbook.pages.router import router as pages_router
from rollbook.reports.exceptions import ReportError
from rollbook.reports.router import router as reports_router
from rollbook.reports.schemas import INVALID_REPORT, invalid_report_body
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


async def _report_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ReportError)
    return JSONResponse(
        {"error": exc.code, "message": exc.message, **exc.extra}, status_code=exc.status_code
    )


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    # A bad report body is `invalid_report`; a bad query or path parameter is a bad request.
    in_body = any(tuple(error["loc"][:1]) == ("body",) for error in errors)
    body = invalid_report_body(errors, error=INVALID_REPORT if in_body else "invalid_request")
    return JSONResponse(body.model_dump(mode="json"), status_code=422)


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    yield


def _jira_connector(tenants: TenantCache, app_key: str) -> Callable[[str], JiraAppClient]:
    # The tenant cache, not a second session: the caller (a group check inside a report query)
    # may already hold a pooled connection.
    def connect(client_key: str) -> JiraAppClient:
        tenant = tenants.get(client_key)
        if tenant is None:
            raise UnknownTenant("tenant is gone")
        return JiraAppClient(
            base_url=tenant.base_url, shared_secret=tenant.shared_secret, app_key=app_key
        )

    return connect


def create_app(
    settings: Settings,
    *,
    database: Database | None = None,
    jira_directory: JiraDirectory | None = None,
) -> FastAPI:
    # No public docs or schema routes: every route is authenticated (the schema is app.openapi()).
    app = FastAPI(
        title="Rollbook",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
    )
    database = database or Database(settings.database_url)
    tenants = TenantCache(database)
    app.state.rollbook = AppState(
        settings=settings,
        database=database,
        install_keys=InstallKeyFetcher(settings.install_keys_url),
        jira_directory=jira_directory
        or HttpJiraDirectory(
            _jira_connector(tenants, settings.app_key),
            cache_seconds=settings.group_cache_seconds,
        ),
        tenants=tenants,
    )
    app.add_exception_handler(ConnectAuthError, _auth_error)
    app.add_exception_handler(ReportError, _report_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.include_router(connect_router)
    app.include_router(reports_router)
    app.include_router(gadgets_router)
    app.include_router(admin_router)
    app.include_router(lifecycle_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (several worker processes)."""
    return create_app(Settings())
