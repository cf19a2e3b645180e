"""The Forge way into the API: verify the FIT, register the installation, build the principal.

Verification, the JWKS fetch and a registration write all block, so they run on a worker thread;
the event loop never waits on Forge's JWKS host or the database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import anyio.to_thread
from fastapi import Request
from sqlalchemy.exc import IntegrityError

from rollbook.core.db import Database
from rollbook.core.state import AppKey
from rollbook.forge.exceptions import ForgeNotConfigured
from rollbook.forge.fit import Invocation, bearer_token, verify_invocation_token
from rollbook.forge.installations import is_current, register_installation
from rollbook.identity.exceptions import UserRequired
from rollbook.identity.principal import Principal
from rollbook.jira.directory import JiraDirectory
from rollbook.tenancy.cache import TenantCache
from rollbook.tenancy.models import HostKind

log = logging.getLogger(__name__)

# Forge sends the app (system) token when the endpoint enables appSystemToken, the user token
# when it enables appUserToken; the system token is the one that may ask about any user.
APP_TOKEN_HEADERS = ("x-forge-oauth-system", "x-forge-oauth-user")

JiraForRequest = Callable[[str, str | None], JiraDirectory]


def app_token(headers: Mapping[str, str]) -> str | None:
    """The app token of this request, if Forge sent one. Used for this request only."""
    for name in APP_TOKEN_HEADERS:
        value = headers.get(name, "").strip()
        if value:
            return value
    return None


class ForgeGate:
    def __init__(
        self,
        *,
        app_id: str | None,
        key_for: Callable[[str], Any],
        leeway: int,
        clock: Callable[[], float],
        database: Database,
        tenants: TenantCache,
        jira_for: JiraForRequest,
    ) -> None:
        self._app_id = app_id
        self._key_for = key_for
        self._leeway = leeway
        self._clock = clock
        self._database = database
        self._tenants = tenants
        self._jira_for = jira_for

    def verify(self, authorization: str) -> Invocation:
        if not self._app_id:
            raise ForgeNotConfigured("Forge is not configured")
        return verify_invocation_token(
            bearer_token(authorization),
            app_id=self._app_id,
            key_for=self._key_for,
            leeway=self._leeway,
            now=self._clock(),
        )

    def register(self, invocation: Invocation) -> None:
        """Upsert the tenant unless the cached row already says the same."""
        key = invocation.installation_id
        if is_current(self._tenants.get(key), invocation):
            return
        try:
            with self._database.session() as session:
                register_installation(session, invocation)
        except IntegrityError:
            # Two first requests raced to insert; the other one won, so update its row.
            with self._database.session() as session:
                register_installation(session, invocation)
        self._tenants.forget(key)
        log.info("Forge installation registered", extra={"client_key": key})

    def verify_and_register(self, authorization: str) -> tuple[Invocation, str]:
        """The verified invocation and the site URL: the token's, or the one stored when this
        token carries none."""
        invocation = self.verify(authorization)
        self.register(invocation)
        if invocation.site_url:
            return invocation, invocation.site_url
        snapshot = self._tenants.get(invocation.installation_id)
        return invocation, snapshot.base_url if snapshot else ""

    async def authenticate_api(self, request: Request) -> Principal:
        """The `Bearer` authenticator of the identity dependency: a signed-in user's FIT."""
        authorization = request.headers.get("authorization", "")
        invocation, site_url = await anyio.to_thread.run_sync(
            self.verify_and_register, authorization
        )
        if invocation.account_id is None:
            raise UserRequired("this API needs a signed-in user (the FIT has no principal)")
        return Principal(
            tenant_key=invocation.installation_id,
            account_id=invocation.account_id,
            host=HostKind.FORGE,
            site_url=site_url,
            jira=self._jira_for(invocation.api_base_url, app_token(request.headers)),
        )


FORGE_GATE: AppKey[ForgeGate] = AppKey("forge_gate")
