"""A short-lived in-process cache of tenant rows, so authenticating a request does not read the
database every time.

Install, uninstall, registration and purge on this instance update it at once; other instances
see a rotated secret or an uninstall within `ttl_seconds` (default 5). A purge elsewhere is seen
at once all the same: the data layer refuses a tenant that is gone (`tenancy.presence`), and that
refusal drops the cached row."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from rollbook.core.db import Database
from rollbook.core.state import AppKey
from rollbook.tenancy.models import HostKind, Tenant
from rollbook.tenancy.store import get_tenant


@dataclass(frozen=True)
class TenantSnapshot:
    client_key: str
    host: HostKind
    shared_secret: str = field(repr=False)
    installed: bool
    base_url: str
    cloud_id: str | None = None
    api_base_url: str | None = None
    environment_type: str | None = None
    environment_id: str | None = None
    # False after Connect's `disabled` callback: tokens verify, API and pages answer 403.
    enabled: bool = True

    @classmethod
    def of(cls, tenant: Tenant) -> TenantSnapshot:
        return cls(
            client_key=tenant.client_key,
            host=tenant.host_kind,
            shared_secret=tenant.shared_secret,
            installed=tenant.installed,
            base_url=tenant.base_url,
            cloud_id=tenant.cloud_id,
            api_base_url=tenant.api_base_url,
            environment_type=tenant.environment_type,
            environment_id=tenant.environment_id,
            enabled=tenant.enabled,
        )


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
                # Not cached: an install right after must be seen at once, and a purged
                # tenant must not be served from here.
                with self._lock:
                    self._entries.pop(client_key, None)
                return None
            snapshot = TenantSnapshot.of(tenant)
        with self._lock:
            self._entries[client_key] = (now, snapshot)
        return snapshot

    def forget(self, client_key: str) -> None:
        with self._lock:
            self._entries.pop(client_key, None)


TENANT_CACHE: AppKey[TenantCache] = AppKey("tenant_cache")
