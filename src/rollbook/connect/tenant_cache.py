"""A short-lived in-process cache of tenant credentials, so verifying a request's JWT does not
read the database every time.

Install and uninstall on this instance update it at once; other instances see a rotated secret
or an uninstall within `ttl_seconds` (default 5)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from rollbook.connect.tenants import get_tenant
from rollbook.db import Database


@dataclass(frozen=True)
class TenantSnapshot:
    client_key: str
    shared_secret: str
    installed: bool
    base_url: str


class TenantCache:
    def __init__(self, database: Database, *, ttl_seconds: float = 5.0) -> None:
        self._database = database
        self._ttl = ttl_seconds
        self._entries: dict[str, tuple[float, TenantSnapshot]] = {}
        self._lock = threading.Lock()

    def get(self, client_key: str) -> TenantSnapshot | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(client_key)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        with self._database.session() as session:
            tenant = get_tenant(session, client_key)
            if tenant is None:
                return None  # not cached: an install right after must be seen at once
            snapshot = TenantSnapshot(
                tenant.client_key, tenant.shared_secret, tenant.installed, tenant.base_url
            )
        with self._lock:
            self._entries[client_key] = (now, snapshot)
        return snapshot

    def forget(self, client_key: str) -> None:
        with self._lock:
            self._entries.pop(client_key, None)
