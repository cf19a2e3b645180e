"""The authenticated caller of an API route, the same shape for Connect and Forge."""

from __future__ import annotations

from dataclasses import dataclass, field

from rollbook.jira.directory import JiraDirectory
from rollbook.tenancy.models import HostKind


@dataclass(frozen=True)
class Principal:
    """A signed-in user of one tenant.

    `tenant_key` is the Connect clientKey or the Forge installationId; `site_url` the Jira site
    (empty while a Forge installation has not told us yet); `jira` answers questions about users
    by calling Jira as the app, the way this request allows (Connect: the tenant's shared
    secret; Forge: the app token that came with this request, never kept)."""

    tenant_key: str
    account_id: str
    host: HostKind
    site_url: str
    jira: JiraDirectory = field(repr=False, compare=False)
