"""Several Jira sites for one Rollbook: one jirasim per site (a jirasim is one site, with its own
faults), each with Rollbook registered as an installed Connect app and Rollbook holding the
matching tenant, so Rollbook's real HTTP directory calls each site's Jira over real HTTP.

Used by the tenant-isolation test and bench/server/tenant_isolation.py."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from jirasim.api.faults import FaultConfig
from jirasim.app import create_app, sim_state_of
from jirasim.dataset import generate_site
from jirasim.host.installations import Installation
from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from support.servers import free_port, serve_in_thread

APP_KEY = "com.rollbook.reports"


@dataclass
class JiraSite:
    url: str
    client_key: str
    secret: str
    base_url: str  # same as url: the tenant's baseUrl in Rollbook
    _jirasim: object

    def set_faults(self, **faults: object) -> None:
        """Replace this site's faults (latency_ms, rate_429, retry_after_seconds, hold…)."""
        response = httpx.post(f"{self.url}/_jirasim/faults", json=faults)  # loopback: no token
        response.raise_for_status()

    @property
    def held(self) -> int:
        """REST requests this site's Jira is holding (fault `hold`)."""
        return sim_state_of(self._jirasim).faults.held  # type: ignore[arg-type]


@contextmanager
def jira_site(
    database: Database, name: str, *, seed: int = 3, issues: int = 50
) -> Iterator[JiraSite]:
    """A jirasim on a free loopback port, with Rollbook installed in it and in `database`."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    app = create_app(
        generate_site(seed=seed, issue_count=issues, base_url=url), faults=FaultConfig()
    )
    client_key, secret = f"{name}-{uuid.uuid4()}", f"{name}-secret-{uuid.uuid4().hex}"
    sim_state_of(app).installations.save(
        Installation(
            key=APP_KEY,
            client_key=client_key,
            shared_secret=secret,
            base_url="https://rollbook.test",
            descriptor={"key": APP_KEY, "scopes": ["READ"], "baseUrl": "https://rollbook.test"},
        )
    )
    with database.session() as session:
        save_installation(session, InstallPayload(client_key, secret, url))
    with serve_in_thread(app, port):
        yield JiraSite(url=url, client_key=client_key, secret=secret, base_url=url, _jirasim=app)
