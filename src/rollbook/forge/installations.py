"""Forge installations as tenants: registered by the install trigger and by the first valid FIT
of a UI call, kept current (cloudId, siteUrl, apiBaseUrl, environment) by later ones."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from rollbook.forge.exceptions import TenantKeyTaken
from rollbook.forge.fit import Invocation
from rollbook.tenancy.cache import TenantSnapshot
from rollbook.tenancy.models import HostKind, Tenant


def is_current(snapshot: TenantSnapshot | None, invocation: Invocation) -> bool:
    """Whether the stored tenant already says what this invocation says (no write needed)."""
    if snapshot is None or snapshot.host is not HostKind.FORGE:
        return False
    return (
        snapshot.installed
        and snapshot.api_base_url == invocation.api_base_url
        and (invocation.cloud_id is None or snapshot.cloud_id == invocation.cloud_id)
        and (invocation.site_url is None or snapshot.base_url == invocation.site_url)
        and snapshot.environment_type == invocation.environment_type
        and snapshot.environment_id == invocation.environment_id
    )


def register_installation(session: Session, invocation: Invocation) -> Tenant:
    """Insert or update the Forge tenant. What a token does not carry (the trigger has no
    `context`, so no siteUrl) keeps its stored value."""
    now = datetime.now(UTC)
    tenant = session.get(Tenant, invocation.installation_id)
    if tenant is not None and tenant.host != HostKind.FORGE:
        raise TenantKeyTaken("this installation id belongs to a Connect tenant")
    if tenant is None:
        tenant = Tenant(
            client_key=invocation.installation_id,
            host=HostKind.FORGE,
            shared_secret="",  # Forge tenants have none; Connect verification refuses them
            base_url="",
            installed_at=now,
        )
        session.add(tenant)
    tenant.api_base_url = invocation.api_base_url
    tenant.cloud_id = invocation.cloud_id or tenant.cloud_id
    tenant.base_url = invocation.site_url or tenant.base_url
    tenant.display_url = invocation.site_url or tenant.display_url
    tenant.environment_type = invocation.environment_type
    tenant.environment_id = invocation.environment_id
    tenant.installed = True
    tenant.enabled = True
    tenant.uninstalled_at = None
    tenant.updated_at = now
    return tenant
