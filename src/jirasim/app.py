"""The jirasim application factory: one simulated Jira Cloud site (REST API under `/rest/api/2`
and `/rest/api/3`, and for Forge apps under `/ex/jira/{cloudId}/rest/...`; Connect and Forge
host pages; simulator controls under `/_jirasim`). Nothing is created at import time."""

from __future__ import annotations

import secrets

import httpx
from fastapi import FastAPI

from jirasim.api import admin, rest_router
from jirasim.api.errors import install_error_handlers
from jirasim.api.faults import FaultConfig, FaultInjector, FaultMiddleware
from jirasim.api.request_log import RequestLog, RequestLogMiddleware
from jirasim.api.searching import SearchService
from jirasim.api.state import SimState
from jirasim.forge import pages as forge_pages
from jirasim.forge import routes as forge_routes
from jirasim.forge.gateway import ForgeGatewayMiddleware
from jirasim.host import connect_routes, pages
from jirasim.site import Site


def create_app(
    site: Site,
    *,
    admin_token: str | None = None,
    secret: bytes | None = None,
    faults: FaultConfig | None = None,
    app_transport: httpx.AsyncBaseTransport | None = None,
    forge_resource_origin: str | None = None,
) -> FastAPI:
    state = SimState(
        site=site,
        search=SearchService(site),
        secret=secret or secrets.token_bytes(32),
        admin_token=admin_token or secrets.token_urlsafe(24),
        faults=FaultInjector(faults),
        request_log=RequestLog(),
        app_transport=app_transport,
        forge_resource_origin=forge_resource_origin,
    )
    app = FastAPI(title="jirasim", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.jirasim = state
    install_error_handlers(app)
    rest = rest_router()
    app.include_router(rest, prefix="/rest/api/3")
    app.include_router(rest, prefix="/rest/api/2")
    app.include_router(admin.router)
    app.include_router(connect_routes.router)
    app.include_router(pages.router)
    app.include_router(forge_routes.router)
    app.include_router(forge_pages.router)
    # Added last = outermost: the log also records the faults injected inside it, and the
    # Forge gateway rewrites /ex/jira/{cloudId}/rest/... before either sees the path.
    app.add_middleware(FaultMiddleware, injector=state.faults)
    app.add_middleware(RequestLogMiddleware, log=state.request_log)
    app.add_middleware(ForgeGatewayMiddleware, cloud_id=state.forge.cloud_id)
    return app


def sim_state_of(app: FastAPI) -> SimState:
    """The simulator behind an app (tests and the CLI reach in to configure it)."""
    state: SimState = app.state.jirasim
    return state
