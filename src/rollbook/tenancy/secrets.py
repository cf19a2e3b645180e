"""Re-sealing every stored shared secret with the first key of ROLLBOOK_SECRET_KEY: the rotation
command's work, which also seals secrets stored in plain text before encryption existed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, Text, select, type_coerce, update

from rollbook.core.db import Database
from rollbook.tenancy.models import Tenant

_TENANTS = cast(Table, Tenant.__table__)


@dataclass
class ResealResult:
    resealed: int = 0
    # Tenants whose secret no configured key opens: left as they are.
    unreadable: list[str] = field(default_factory=list)


def reseal_all(database: Database) -> ResealResult:
    """Seal every tenant's secret with the database keyring's first key. Safe while servers
    run with the same keys: a row changed meanwhile (a reinstall) is left to its new value."""
    result = ResealResult()
    keyring = database.keyring
    # The column as stored: no sealing or opening on the way.
    raw_secret = type_coerce(_TENANTS.c.shared_secret, Text)
    with database.session() as session:
        rows = session.execute(
            select(_TENANTS.c.client_key, raw_secret).order_by(_TENANTS.c.client_key)
        ).all()
        for client_key, stored in rows:
            if not stored:
                continue  # a Forge tenant: no secret
            resealed = keyring.reseal(stored)
            if resealed is None:
                result.unreadable.append(client_key)
                continue
            session.execute(
                update(_TENANTS)
                .where(_TENANTS.c.client_key == client_key, raw_secret == stored)
                .values({_TENANTS.c.shared_secret: type_coerce(resealed, Text)})
            )
            result.resealed += 1
    return result
