"""The tenant row: one Jira site that installed the app, under either host.

Connect tenants are keyed by their clientKey and hold the shared secret. Forge tenants are keyed
by their `installationId` and hold no secret (`shared_secret` is empty: Forge requests are signed
by Atlassian's key, so Connect verification must refuse these rows). One table for both keeps the
reports' and gadgets' foreign keys, the purge and the export working for either host."""

from __future__ import annotations

import logging
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rollbook.core.db import Base, UtcDateTime
from rollbook.core.keyring import SealedText, is_sealed
from rollbook.tenancy.exceptions import TenantSecretUnreadable

log = logging.getLogger(__name__)


class HostKind(StrEnum):
    """Which Atlassian host the tenant reaches Rollbook through."""

    CONNECT = "connect"
    FORGE = "forge"


class Tenant(Base):
    __tablename__ = "tenants"

    # Connect clientKey or Forge installationId (`ari:cloud:ecosystem::installation/<uuid>`).
    client_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    host: Mapped[str] = mapped_column(String(16), server_default=HostKind.CONNECT.value)
    # Sealed with ROLLBOOK_SECRET_KEY in the database (docs/operations.md#secrets-at-rest), read
    # through `shared_secret`. Empty for Forge tenants (kept NOT NULL: see the 0004 migration).
    _shared_secret: Mapped[str] = mapped_column("shared_secret", SealedText)
    # The site URL; for a Forge tenant empty until a UI call brings `context.siteUrl`.
    base_url: Mapped[str] = mapped_column(String(2048))
    display_url: Mapped[str | None] = mapped_column(String(2048))
    product_type: Mapped[str] = mapped_column(String(32), default="jira")
    description: Mapped[str] = mapped_column(Text, default="")
    server_version: Mapped[str | None] = mapped_column(String(64))
    plugins_version: Mapped[str | None] = mapped_column(String(64))
    oauth_client_id: Mapped[str | None] = mapped_column(String(255))
    # Forge only: where the app token reaches Jira, and the installation's environment.
    cloud_id: Mapped[str | None] = mapped_column(String(64))
    api_base_url: Mapped[str | None] = mapped_column(String(2048))
    environment_type: Mapped[str | None] = mapped_column(String(32))
    environment_id: Mapped[str | None] = mapped_column(String(255))
    installed: Mapped[bool] = mapped_column(Boolean, default=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    installed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uninstalled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def host_kind(self) -> HostKind:
        return HostKind(self.host)

    @property
    def shared_secret(self) -> str:
        """The Connect shared secret in plain text. Raises `TenantSecretUnreadable` when none of
        the configured keys opens the stored one (the key was changed or lost)."""
        if is_sealed(self._shared_secret):
            log.error(
                "the tenant's stored shared secret opens with none of the keys in "
                "ROLLBOOK_SECRET_KEY; restore the key, or the site must install the app again",
                extra={"client_key": self.client_key},
            )
            raise TenantSecretUnreadable(
                "the server cannot read this site's credentials; its operator must restore the "
                "secret key, or the app must be installed again on this site"
            )
        return self._shared_secret

    @shared_secret.setter
    def shared_secret(self, value: str) -> None:
        self._shared_secret = value

    def __repr__(self) -> str:  # never include the shared secret
        return (
            f"Tenant(client_key={self.client_key!r}, host={self.host!r}, "
            f"base_url={self.base_url!r})"
        )
