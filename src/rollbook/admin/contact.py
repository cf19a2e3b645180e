"""`GET /api/admin/security-contact`: where to report a vulnerability, shown on the admin page
(`ROLLBOOK_SECURITY_CONTACT`). Any signed-in user may read it: it is public, as in SECURITY.md."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from rollbook.admin.schemas import SecurityContact
from rollbook.core.security_contact import contact_link
from rollbook.core.settings import Settings
from rollbook.core.state import app_state
from rollbook.identity.dependencies import PrincipalDep

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/admin", tags=["admin"])


@router.get("/security-contact")
def security_contact(request: Request, _principal: PrincipalDep) -> SecurityContact:
    contact = app_state(request).settings.security_contact
    return SecurityContact(contact=contact, href=contact_link(contact) if contact else None)


def warn_when_unset(settings: Settings) -> None:
    """At start, outside dev mode: say that reporters have nowhere to write."""
    if settings.security_contact is None and not settings.dev_mode:
        log.warning(
            "ROLLBOOK_SECURITY_CONTACT is not set: the admin page shows no security contact"
        )
