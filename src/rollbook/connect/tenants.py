"""Connect tenant storage: install upserts, uninstall marks, look-ups by clientKey."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from rollbook.tenancy.models import HostKind, Tenant
from rollbook.tenancy.store import get_tenant

__all__ = [
    "InstallPayload",
    "TenantKeyTaken",
    "get_tenant",
    "list_tenants",
    "mark_uninstalled",
    "save_installation",
    "set_enabled",
]


class TenantKeyTaken(Exception):
    """The clientKey names a tenant of the other host; it is never turned into a Connect one."""


@dataclass(frozen=True)
class InstallPayload:
    client_key: str
    shared_secret: str = field(repr=False)
    base_url: str
    display_url: str | None = None
    product_type: str = "jira"
    description: str = ""
    server_version: str | None = None
    plugins_version: str | None = None
    oauth_client_id: str | None = None


def _connect_tenant(session: Session, client_key: str) -> Tenant | None:
    tenant = session.get(Tenant, client_key)
    return tenant if tenant is not None and tenant.host == HostKind.CONNECT else None


def save_installation(session: Session, payload: InstallPayload) -> Tenant:
    """Insert or update the tenant; a reinstall overwrites the shared secret and URLs."""
    now = datetime.now(UTC)
    tenant = session.get(Tenant, payload.client_key)
    if tenant is not None and tenant.host != HostKind.CONNECT:
        raise TenantKeyTaken("this key belongs to a Forge installation")
    if tenant is None:
        tenant = Tenant(client_key=payload.client_key, host=HostKind.CONNECT, installed_at=now)
        session.add(tenant)
    tenant.shared_secret = payload.shared_secret
    tenant.base_url = payload.base_url.rstrip("/")
    tenant.display_url = payload.display_url
    tenant.product_type = payload.product_type
    tenant.description = payload.description
    tenant.server_version = payload.server_version
    tenant.plugins_version = payload.plugins_version
    tenant.oauth_client_id = payload.oauth_client_id
    tenant.installed = True
    tenant.enabled = True
    tenant.uninstalled_at = None
    tenant.updated_at = now
    return tenant


def mark_uninstalled(session: Session, client_key: str) -> bool:
    """Keep the tenant and its reports (privacy policy: data is retained after uninstall)."""
    tenant = _connect_tenant(session, client_key)
    if tenant is None:
        return False
    now = datetime.now(UTC)
    tenant.installed = False
    tenant.uninstalled_at = now
    tenant.updated_at = now
    return True


def set_enabled(session: Session, client_key: str, *, enabled: bool) -> None:
    tenant = _connect_tenant(session, client_key)
    if tenant is not None:
        tenant.enabled = enabled
        tenant.updated_at = datetime.now(UTC)


def list_tenants(session: Session) -> list[Tenant]:
    """Connect tenants only (each has a shared secret); `tenancy.store` lists both hosts."""
    return list(
        session.scalars(
            select(Tenant).where(Tenant.host == HostKind.CONNECT).order_by(Tenant.installed_at)
        )
    )
