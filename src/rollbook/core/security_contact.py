"""Where to report a vulnerability (`ROLLBOOK_SECURITY_CONTACT`): an email address or an https
URL, checked when the settings load so the admin page can only ever link to one of those."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator

# A plain address: no display name, no quotes or angle brackets, a dotted domain.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
# Printable ASCII without space, quotes, angle brackets or backslash: nothing that could end an
# attribute or a URL early wherever the contact is shown.
_URL_CHARACTERS = re.compile(r"[!#-&(-;=?-\[\]-~]+")


def _empty_is_unset(value: object) -> object:
    # An exported-but-empty variable means "not configured", not an invalid contact.
    if isinstance(value, str) and not value.strip():
        return None
    return value.strip() if isinstance(value, str) else value


def _email_or_https_url(value: str) -> str:
    if _EMAIL.fullmatch(value):
        return value
    parts = urlsplit(value)
    if parts.scheme == "https" and parts.hostname and _URL_CHARACTERS.fullmatch(value):
        return value
    raise ValueError(
        "ROLLBOOK_SECURITY_CONTACT must be an email address (security@example.com) or an "
        f"https:// URL (got {value!r})"
    )


def _checked(value: str | None) -> str | None:
    return None if value is None else _email_or_https_url(value)


SecurityContact = Annotated[str | None, BeforeValidator(_empty_is_unset), AfterValidator(_checked)]


def contact_link(contact: str) -> str:
    """The link to the contact: a mailto: URL for an address, the URL itself otherwise."""
    return contact if contact.startswith("https://") else f"mailto:{contact}"
