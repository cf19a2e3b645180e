"""The audit log: one JSON line on the `rollbook.audit` logger for each change to a site's data
(create, update, delete, restore, duplicate, import, export, purge, gadget change), written only
once the change commits.

A line names the action, the tenant, the report id and the actor, never report content (names,
JQL). The actor is not an Atlassian account id (the log holds none) but its keyed hash: the
first 16 hex digits of HMAC-SHA256 under ROLLBOOK_SECRET_KEY. `rollbook audit actor
<accountId>` prints the hash of a given account, for an operator who must find their lines."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from rollbook.core.db import Database
from rollbook.core.keyring import Keyring

AUDIT_LOGGER = "rollbook.audit"
# The actor of the operator's own commands (the CLI), which have no Jira user.
OPERATOR = "operator"

_log = logging.getLogger(AUDIT_LOGGER)
_PENDING = "rollbook.audit.pending"


def record(
    within: Session | Database,
    action: str,
    *,
    tenant_key: str,
    actor: str | None,
    report_id: str | None = None,
    **ids: str | int,
) -> None:
    """Log `action` when the session's transaction commits (nothing if it rolls back), or at
    once for an action that writes nothing (an export: pass the database). `actor` is the Jira
    account id (hashed here), None for the operator; `ids` are further identifiers (a dashboard
    item id, a count), never content."""
    keyring = within.keyring if isinstance(within, Database) else within.info.get("keyring")
    if not isinstance(keyring, Keyring):
        keyring = Keyring.development()
    line: dict[str, Any] = {
        "action": action,
        "tenant_key": tenant_key,
        "actor": OPERATOR if actor is None else keyring.actor_hash(actor),
        **({"report_id": report_id} if report_id is not None else {}),
        **ids,
    }
    if isinstance(within, Database):
        _log.info("audit", extra=line)
        return
    session = within
    pending: list[dict[str, Any]] | None = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = []
        event.listen(session, "after_commit", _write_pending)
        event.listen(session, "after_soft_rollback", _drop_pending)
    pending.append(line)


def _write_pending(session: Session) -> None:
    pending = session.info.get(_PENDING, [])
    for line in pending:
        _log.info("audit", extra=line)
    pending.clear()


def _drop_pending(session: Session, previous_transaction: Any) -> None:
    if not previous_transaction.nested:  # a savepoint's rollback leaves the transaction alive
        session.info.get(_PENDING, []).clear()
