"""The tenant presence checks behind the purge handling (tenancy/presence.py), on SQLite and
PostgreSQL: a gone tenant is refused, and a write's hold on the tenant row keeps a concurrent
purge from deleting it until the write commits, without blocking installs that update the row."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, text, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from rollbook.core.db import Database
from rollbook.reports.store import ReportStore
from rollbook.tenancy.models import Tenant
from rollbook.tenancy.presence import (
    TenantGone,
    require_tenant,
    require_tenant_for_write,
    require_tenant_in,
)
from rollbook.tenancy.store import tenant_exists
from support.reports import install_tenant

Check = Callable[[Database, str], object]

CHECKS: dict[str, Check] = {
    "require_tenant": lambda database, key: _in_session(database, require_tenant, key),
    "require_tenant_for_write": lambda database, key: _in_session(
        database, require_tenant_for_write, key
    ),
    "require_tenant_in": require_tenant_in,
    "a report store": lambda database, key: _in_session(database, ReportStore, key),
}


def _in_session(database: Database, check: Callable[[Session, str], object], key: str) -> None:
    with database.session() as session:
        check(session, key)


@pytest.mark.parametrize("check", list(CHECKS.values()), ids=list(CHECKS))
def test_a_present_tenant_passes_and_a_gone_one_is_refused(
    database: Database, check: Check
) -> None:
    tenant = install_tenant(database, "present")
    check(database, tenant.client_key)
    with database.session() as session:
        session.execute(delete(Tenant).where(Tenant.client_key == tenant.client_key))
    with pytest.raises(TenantGone) as refused:
        check(database, tenant.client_key)
    assert (refused.value.status_code, refused.value.code) == (401, "tenant_unknown")
    assert refused.value.tenant_key == tenant.client_key


def test_tenant_exists_reads_in_the_callers_transaction(database: Database) -> None:
    tenant = install_tenant(database, "present")
    with database.session() as session:
        assert tenant_exists(session, tenant.client_key)
        session.execute(delete(Tenant).where(Tenant.client_key == tenant.client_key))
        assert not tenant_exists(session, tenant.client_key)


def test_a_writes_hold_makes_a_purge_wait_but_not_an_install(database: Database) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: a purge cannot run beside a write")
    tenant = install_tenant(database, "held")
    with database.session() as writer:
        require_tenant_for_write(writer, tenant.client_key)
        with database.session() as installer:
            # A reinstall rewrites the row's other columns: compatible with the hold.
            installer.execute(
                update(Tenant)
                .where(Tenant.client_key == tenant.client_key)
                .values(base_url="https://held-2.atlassian.net")
            )
        # lock_timeout only bounds how long the purge waits before the test sees that it must.
        with pytest.raises(OperationalError, match="lock timeout"), database.session() as purge:
            purge.execute(text("SET LOCAL lock_timeout = '200ms'"))
            purge.execute(delete(Tenant).where(Tenant.client_key == tenant.client_key))
    with database.session() as purge:  # the write committed: now the purge goes through
        purge.execute(delete(Tenant).where(Tenant.client_key == tenant.client_key))
