"""What one app instance holds: settings, database, keys, tenants, authenticators. Built by
create_app."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from fastapi import Request

from rollbook.connect.install_keys import InstallKeyFetcher
from rollbook.db import Database
from rollbook.jira.directory import JiraDirectory
from rollbook.settings import Settings
from rollbook.tenancy.cache import TenantCache

if TYPE_CHECKING:
    from rollbook.forge.gate import ForgeGate
    from rollbook.identity.principal import Principal


@dataclass
class AppState:
    settings: Settings
    database: Database
    install_keys: InstallKeyFetcher
    # Connect: reaches each tenant's Jira with its shared secret.
    jira_directory: JiraDirectory
    tenants: TenantCache
    forge: ForgeGate
    # API authenticators by `Authorization` scheme ("jwt", "bearer"): the hosts feed identity.
    authenticators: Mapping[str, Callable[[Request], Awaitable[Principal]]]
    # Seconds since the epoch; replaced in tests to check tokens inside their validity window.
    clock: Callable[[], float] = field(default=time.time)

    @property
    def base_path(self) -> str:
        """Path part of the app's base URL, stripped before computing a request's qsh."""
        return urlsplit(self.settings.base_url).path.rstrip("/")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.rollbook
    return state
