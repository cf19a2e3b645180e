"""Host-neutral tenant look-ups: by key, all of them, and removal with the purge."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from rollbook.tenancy.models import Tenant


def get_tenant(session: Session, tenant_key: str) -> Tenant | None:
    return session.get(Tenant, tenant_key)


def list_all_tenants(session: Session) -> list[Tenant]:
    """Every tenant of both hosts, oldest install first."""
    return list(session.scalars(select(Tenant).order_by(Tenant.installed_at, Tenant.client_key)))


def delete_tenant(session: Session, tenant_key: str) -> None:
    session.execute(delete(Tenant).where(Tenant.client_key == tenant_key))
