"""Everything one running simulator holds, built once by `create_app` and reached from routes
through `sim_state(request)`: the site, its search service, installed Connect and Forge apps,
faults, the log."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from fastapi import Request

from jirasim.api.faults import FaultInjector
from jirasim.api.fields import RestFieldCatalog
from jirasim.api.request_log import RequestLog
from jirasim.api.searching import SearchService
from jirasim.api.site_lookups import SiteLookups
from jirasim.forge.state import ForgeState
from jirasim.host.installations import InstallationRegistry, InstallKeys
from jirasim.site import Site


@dataclass
class SimState:
    site: Site
    search: SearchService
    # HMAC key of page tokens and session cookies; random per process unless configured.
    secret: bytes
    # Lets a non-loopback client use the /_jirasim admin endpoints (header X-Jirasim-Admin-Token).
    admin_token: str
    installations: InstallationRegistry = field(default_factory=InstallationRegistry)
    install_keys: InstallKeys = field(default_factory=InstallKeys)
    faults: FaultInjector = field(default_factory=FaultInjector)
    request_log: RequestLog = field(default_factory=RequestLog)
    # Seconds since the epoch; tests replace it to move time.
    clock: Callable[[], float] = time.time
    # Transport for the host's calls to apps (descriptor, lifecycle); tests plug in ASGI apps.
    app_transport: httpx.AsyncBaseTransport | None = None
    # Origin of Forge Custom UI resources; by default the site's other loopback name.
    forge_resource_origin: str | None = None
    lookups: SiteLookups = field(init=False)
    field_catalog: RestFieldCatalog = field(init=False)
    forge: ForgeState = field(init=False)

    def __post_init__(self) -> None:
        self.lookups = SiteLookups(self.site)
        self.field_catalog = RestFieldCatalog(self.site.fields)
        self.forge = ForgeState.for_site(self.site.base_url, self.forge_resource_origin)

    @property
    def base_url(self) -> str:
        return self.site.base_url

    @property
    def base_path(self) -> str:
        """Path part of the site URL, stripped before hashing a request (qsh)."""
        return urlsplit(self.site.base_url).path.rstrip("/")


def sim_state(request: Request) -> SimState:
    state: SimState = request.app.state.jirasim
    return state
