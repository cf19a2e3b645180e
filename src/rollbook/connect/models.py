"""The tenant: one Jira site that installed the app, keyed by its Connect clientKey."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from rollbook.db import Base, UtcDateTime


class Tenant(Base):
    __tablename__ = "tenants"

    client_key: Mapped[str] = mapped_column(String(255), primary_key=True)
    shared_secret: Mapped[str] = mapped_column(Text)
    base_url: Mapped[str] = mapped_column(String(2048))
    display_url: Mapped[str | None] = mapped_column(String(2048))
    product_type: Mapped[str] = mapped_column(String(32), default="jira")
    description: Mapped[str] = mapped_column(Text, default="")
    server_version: Mapped[str | None] = mapped_column(String(64))
    plugins_version: Mapped[str | None] = mapped_column(String(64))
    oauth_client_id: Mapped[str | None] = mapped_column(String(255))
    installed: Mapped[bool] = mapped_column(Boolean, default=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    installed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    uninstalled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    def __repr__(self) -> str:  # never include the shared secret
        return f"Tenant(client_key={self.client_key!r}, base_url={self.base_url!r})"
