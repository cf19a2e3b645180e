"""Host-neutral tenant look-ups: by key, all of them, whether one is still there, and removal
with the purge."""

from __future__ import annotations

from sqlalchemy import Connection, Integer, Select, bindparam, delete, literal_column, select
from sqlalchemy.orm import Session

from rollbook.tenancy.models import Tenant

# Built once: the presence check runs inside other requests' transactions.
_PRESENT: Select[int] = (
    select(literal_column("1", Integer))
    .select_from(Tenant)
    .where(Tenant.client_key == bindparam("tenant_key"))
)
# FOR KEY SHARE on PostgreSQL (SQLite renders no lock clause: it has one writer at a time): a
# concurrent purge's DELETE waits until the holding transaction ends, so rows that transaction
# inserts always find their tenant. KEY SHARE does not block updates of the row's other columns.
_HELD = _PRESENT.with_for_update(read=True, key_share=True)


def get_tenant(session: Session, tenant_key: str) -> Tenant | None:
    return session.get(Tenant, tenant_key)


def list_all_tenants(session: Session) -> list[Tenant]:
    """Every tenant of both hosts, oldest install first."""
    return list(session.scalars(select(Tenant).order_by(Tenant.installed_at, Tenant.client_key)))


def tenant_exists(connection: Connection | Session, tenant_key: str) -> bool:
    """Whether the tenant row is there, read in the caller's transaction (one primary-key probe,
    no ORM object loaded)."""
    return connection.execute(_PRESENT, {"tenant_key": tenant_key}).first() is not None


def hold_tenant(session: Session, tenant_key: str) -> bool:
    """`tenant_exists`, and the row cannot be deleted until this transaction ends. For writes."""
    return session.execute(_HELD, {"tenant_key": tenant_key}).first() is not None


def delete_tenant(session: Session, tenant_key: str) -> None:
    session.execute(delete(Tenant).where(Tenant.client_key == tenant_key))
