"""Refusing a tenant that is gone although its token still verifies.

Each server instance caches tenant rows for a few seconds (`tenancy.cache`), and a purge run by
another instance, or by the CLI in another process, cannot reach those caches. So the data layer
re-checks the tenant where a purge would show: a report store is made only for a tenant that is
there, a write holds the tenant row for its transaction, and a read that finds nothing asks
whether the tenant still exists before answering "not found". A read that finds a row needs no
check: the foreign keys make every row imply its tenant in the same snapshot, so the hot path
pays nothing. `TenantGone` is answered like an unknown tenant's token (401 `tenant_unknown`)
and drops the instance's cached row, so its next request is refused by authentication itself."""

from __future__ import annotations

from sqlalchemy.orm import Session

from rollbook.core.db import Database
from rollbook.core.errors import ApiError
from rollbook.tenancy.store import hold_tenant, tenant_exists


class TenantGone(ApiError):
    """The token verified against a cached tenant row that another instance (or the CLI) has
    since purged."""

    status_code = 401
    code = "tenant_unknown"

    def __init__(self, tenant_key: str) -> None:
        # Worded like the token check's own `tenant_unknown`, which this instance answers once
        # its cache forgets the row.
        super().__init__("no tenant is installed with this client key")
        self.tenant_key = tenant_key


def require_tenant(session: Session, tenant_key: str) -> None:
    if not tenant_exists(session, tenant_key):
        raise TenantGone(tenant_key)


def require_tenant_for_write(session: Session, tenant_key: str) -> None:
    """`require_tenant`, holding the row until the transaction ends, so no purge slips between
    this check and the insert (which would fail the foreign key: a 500)."""
    if not hold_tenant(session, tenant_key):
        raise TenantGone(tenant_key)


def require_tenant_in(database: Database, tenant_key: str) -> None:
    """`require_tenant` in a short transaction of its own, for a read that found nothing outside
    a session (the hot report read) or before a response starts streaming."""
    with database.engine.connect() as connection:
        if not tenant_exists(connection, tenant_key):
            raise TenantGone(tenant_key)
