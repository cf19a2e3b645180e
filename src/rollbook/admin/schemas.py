"""Answers of the admin routes that the client reads (its types are generated from these)."""

from __future__ import annotations

from pydantic import BaseModel


class SecurityContact(BaseModel):
    """`GET /api/admin/security-contact`: the configured contact and its link (mailto: or
    https:), or both null when the operator has not configured one: the admin page then says so
    loudly."""

    contact: str | None
    href: str | None
