"""The FastAPI application factory. Nothing is created at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import anyio.to_thread
import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from rollbook import error_handlers
from rollbook.admin.contact import router as security_contact_router
from rollbook.admin.contact import warn_when_unset as warn_when_no_security_contact
from rollbook.admin.router import router as admin_router
from rollbook.connect.dependencies import authenticate_api as connect_authenticate_api
from rollbook.connect.dependencies import connect_tenant
from rollbook.connect.exceptions import ConnectAuthError, UnknownTenant
from rollbook.connect.install_keys import INSTALL_KEYS, InstallKeyFetcher, InstallKeyLimits
from rollbook.connect.jira_client import JiraAppClient
from rollbook.connect.lifecycle import router as lifecycle_router
from rollbook.connect.router import router as connect_router
from rollbook.core.body_limit import RequestBodyLimitMiddleware
from rollbook.core.db import WORKER_THREADS, Database
from rollbook.core.errors import ApiError
from rollbook.core.keyring import keyring_for
from rollbook.core.serving_rules import require_safe_for_serving
from rollbook.core.settings import Settings
from rollbook.core.state import AppState
from rollbook.forge.exceptions import ForgeAuthError
from rollbook.forge.gate import FORGE_GATE, ForgeGate, JiraForRequest
from rollbook.forge.jwks import JwksKeySource
from rollbook.forge.response_limit import ForgeResponseLimitMiddleware
from rollbook.forge.router import router as forge_router
from rollbook.gadgets.router import router as gadgets_router
from rollbook.identity.dependencies import AUTHENTICATORS, AuthScheme
from rollbook.identity.exceptions import GroupCheckUnavailable
from rollbook.identity.retry_after import group_check_unavailable
from rollbook.identity.router import router as identity_router
from rollbook.jira.client import BearerJiraClient, JiraClient, JiraUnavailable
from rollbook.jira.directory import JIRA_DIRECTORY, HttpJiraDirectory, JiraDirectory, JiraLimits
from rollbook.jira.http import JIRA_HTTP, JiraHttp
from rollbook.jira.log_privacy import keep_account_ids_out_of_http_logs
from rollbook.pages.router import STATIC_DIR
from rollbook.pages.router import router as pages_router
from rollbook.reports.router import router as reports_router
from rollbook.security_headers import SecurityHeadersMiddleware
from rollbook.site.router import IMPORT_ROUTE
from rollbook.site.router import router as site_router
from rollbook.tenancy.cache import TENANT_CACHE, TenantCache
from rollbook.tenancy.presence import TenantGone


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
    # The one outbound HTTP client (Jira, install keys), pooled for the life of the app.
    jira_http = _app.state.rollbook[JIRA_HTTP]
    await jira_http.open()
    try:
        yield
    finally:
        await jira_http.aclose()


def _jira_connector(
    tenants: TenantCache, app_key: str, http: JiraHttp
) -> Callable[[str], JiraClient]:
    # The tenant cache, not a second session: the caller (a group check inside a report query)
    # may already hold a pooled connection.
    def connect(client_key: str) -> JiraClient:
        tenant = connect_tenant(tenants.get(client_key))
        if tenant is None:
            raise UnknownTenant("tenant is gone")
        return JiraAppClient(
            base_url=tenant.base_url,
            shared_secret=tenant.shared_secret,
            app_key=app_key,
            http=http,
        )

    return connect


def _forge_jira(http_directory: HttpJiraDirectory, http: JiraHttp) -> JiraForRequest:
    """How a Forge request reaches Jira: its own app token against its FIT's apiBaseUrl, with
    the group cache shared with every other request."""

    def for_request(api_base_url: str, token: str | None) -> JiraDirectory:
        def connect(_tenant_key: str) -> JiraClient:
            if token is None:
                raise JiraUnavailable("Forge sent no app token with this request")
            return BearerJiraClient(api_base_url=api_base_url, token=token, http=http)

        return http_directory.using(connect)

    return for_request


def create_app(
    settings: Settings,
    *,
    database: Database | None = None,
    jira_directory: JiraDirectory | None = None,
    jira_transport: httpx.AsyncBaseTransport | None = None,
    forge_keys: Callable[[str], object] | None = None,
) -> FastAPI:
    """`jira_directory`, `jira_transport` and `forge_keys` replace the network in tests: a
    stand-in directory answering for both hosts, the transport of the server's own Jira calls,
    and the source of FIT signing keys (default: the JWKS at `forge_jwks_url`)."""
    # No public docs or schema routes: every route is authenticated (the schema is app.openapi()).
    app = FastAPI(
        title="Rollbook",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=_lifespan,
        # No OpenTelemetry: Rollbook sends nothing about its requests anywhere, and FastAPI's
        # per-request check for a configured provider is skipped.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    # Built here, the database seals with the configured key (refused outside dev mode without
    # one); a database passed in brings its own keyring.
    database = database or Database(settings.database_url, keyring=keyring_for(settings))
    tenants = TenantCache(database)
    jira_http = JiraHttp(jira_transport)
    keep_account_ids_out_of_http_logs()
    http_directory = HttpJiraDirectory(
        _jira_connector(tenants, settings.app_key, jira_http),
        limits=JiraLimits(
            group_cache_seconds=settings.group_cache_seconds,
            failure_cache_seconds=settings.jira_failure_cache_seconds,
            calls_per_tenant=settings.jira_calls_per_tenant,
            request_budget_seconds=settings.jira_request_budget_seconds,
        ),
    )
    forge_jira: JiraForRequest = (
        (lambda _api_base_url, _token: jira_directory)
        if jira_directory is not None
        else _forge_jira(http_directory, jira_http)
    )
    forge = ForgeGate(
        app_id=settings.forge_app_id,
        key_for=forge_keys
        or JwksKeySource(
            settings.forge_jwks_url, refresh_seconds=settings.forge_jwks_refresh_seconds
        ),
        leeway=settings.forge_token_leeway_seconds,
        clock=lambda: app.state.rollbook.clock(),
        database=database,
        tenants=tenants,
        jira_for=forge_jira,
    )
    app.state.rollbook = AppState(
        settings=settings,
        database=database,
        services={
            JIRA_HTTP: jira_http,
            INSTALL_KEYS: InstallKeyFetcher(
                settings.install_keys_url,
                http=jira_http,
                limits=InstallKeyLimits(
                    fetches_in_flight=settings.install_key_fetches_in_flight,
                    fetches_per_minute=settings.install_key_fetches_per_minute,
                    failure_cache_seconds=settings.install_key_failure_cache_seconds,
                ),
            ),
            JIRA_DIRECTORY: jira_directory or http_directory,
            TENANT_CACHE: tenants,
            FORGE_GATE: forge,
            AUTHENTICATORS: {
                AuthScheme.CONNECT_JWT: connect_authenticate_api,
                AuthScheme.BEARER: forge.authenticate_api,
            },
        },
    )
    warn_when_no_security_contact(settings)
    app.add_exception_handler(ConnectAuthError, error_handlers.connect_auth_error)
    app.add_exception_handler(ForgeAuthError, error_handlers.forge_auth_error)
    app.add_exception_handler(ApiError, error_handlers.api_error)
    app.add_exception_handler(TenantGone, error_handlers.tenant_gone)
    app.add_exception_handler(GroupCheckUnavailable, group_check_unavailable)
    app.add_exception_handler(RequestValidationError, error_handlers.validation_error)
    app.add_exception_handler(HTTPException, error_handlers.http_error)
    app.add_exception_handler(Exception, error_handlers.unexpected_error)
    # Routes are matched in order, router by router: the report routes (the hottest) first.
    app.include_router(reports_router)
    app.include_router(connect_router)
    app.include_router(identity_router)
    app.include_router(site_router)
    app.include_router(gadgets_router)
    app.include_router(admin_router)
    app.include_router(security_contact_router)
    app.include_router(lifecycle_router)
    app.include_router(forge_router)
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
    # Innermost of ours: a 413 still gets the security headers.
    app.add_middleware(
        RequestBodyLimitMiddleware,
        limit=settings.max_request_body_bytes,
        route_limits={IMPORT_ROUTE: settings.max_import_body_bytes},
    )
    app.add_middleware(ForgeResponseLimitMiddleware)
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for `uvicorn --factory` (several worker processes). `create_app` itself trusts
    its settings (tests build them); a process that serves checks them here."""
    settings = Settings()
    require_safe_for_serving(settings)
    return create_app(settings)
