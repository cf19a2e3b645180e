"""What one app instance holds: settings, database, install-key fetcher. Built by create_app."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from fastapi import Request

from rollbook.connect.install_keys import InstallKeyFetcher
from rollbook.connect.tenant_cache import TenantCache
from rollbook.db import Database
from rollbook.jira.directory import JiraDirectory
from rollbook.settings import Settings


@dataclass
class AppState:
    settings: Settings
    database: Database
    install_keys: InstallKeyFetcher
    jira_directory: JiraDirectory
    tenants: TenantCache
    # Seconds since the epoch; replaced in tests to check tokens inside their validity window.
    clock: Callable[[], float] = field(default=time.time)

    @property
    def base_path(self) -> str:
        """Path part of the app's base URL, stripped before computing a request's qsh."""
        return urlsplit(self.settings.base_url).path.rstrip("/")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.rollbook
    return state
