"""What one app instance holds, built by create_app: settings, database and clock, and the
domain packages' services under typed keys (like aiohttp's `AppKey`), so this bottom layer
names no domain type while every read stays typed."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast
from urllib.parse import urlsplit

from fastapi import Request

from rollbook.core.db import Database
from rollbook.core.settings import Settings

T = TypeVar("T")


class AppKey(Generic[T]):
    """The key of one service in the app state; each package declares the keys of its own
    services (`TENANT_CACHE: AppKey[TenantCache] = AppKey("tenant_cache")`)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"AppKey({self.name!r})"


@dataclass
class AppState:
    settings: Settings
    database: Database
    services: Mapping[AppKey[Any], object] = field(default_factory=dict)
    # Seconds since the epoch; replaced in tests to check tokens inside their validity window.
    clock: Callable[[], float] = field(default=time.time)

    def __getitem__(self, key: AppKey[T]) -> T:
        # Typed by the key: create_app stores each service under the key of its type.
        return cast(T, self.services[key])

    @property
    def base_path(self) -> str:
        """Path part of the app's base URL, stripped before computing a request's qsh."""
        return urlsplit(self.settings.base_url).path.rstrip("/")


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.rollbook
    return state
