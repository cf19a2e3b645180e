"""Lifecycle callbacks: signed install/uninstall (RS256) and enabled/disabled (HS256 + qsh)."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from rollbook.connect import exceptions as errors
from rollbook.connect.dependencies import (
    TokenPlace,
    authenticate,
    request_target,
    token_from_request,
)
from rollbook.connect.install_keys import INSTALL_KEYS
from rollbook.connect.install_rules import (
    check_host_allowed,
    check_shared_secret,
    check_site_url,
)
from rollbook.connect.jwt import RouteKind, verify_install_token
from rollbook.connect.tenants import (
    InstallPayload,
    TenantKeyTaken,
    mark_uninstalled,
    save_installation,
    set_enabled,
)
from rollbook.core.state import app_state
from rollbook.tenancy.cache import TENANT_CACHE

log = logging.getLogger(__name__)
router = APIRouter(tags=["lifecycle"])


class LifecycleEvent(BaseModel):
    # Jira sends more fields than we use; unknown ones are ignored, not stored.
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    key: str
    client_key: str = Field(alias="clientKey", min_length=1, max_length=255)
    base_url: str = Field(alias="baseUrl", min_length=1, max_length=2048)
    event_type: str = Field(alias="eventType")
    shared_secret: str | None = Field(default=None, alias="sharedSecret", max_length=1024)
    display_url: str | None = Field(default=None, alias="displayUrl")
    product_type: str = Field(default="jira", alias="productType")
    description: str = ""
    server_version: str | None = Field(default=None, alias="serverVersion")
    plugins_version: str | None = Field(default=None, alias="pluginsVersion")
    oauth_client_id: str | None = Field(default=None, alias="oauthClientId")


def _verify_signed(request: Request, event: LifecycleEvent) -> None:
    state = app_state(request)
    # Before the token: a payload from a host we don't trust costs no install-key fetch.
    check_host_allowed(event.base_url, state.settings.jira_host_patterns)
    verify_install_token(
        token_from_request(request, TokenPlace.HEADER),
        target=request_target(request, state),
        body_client_key=event.client_key,
        app_base_url=state.settings.base_url,
        public_key_for=state[INSTALL_KEYS],
        leeway=state.settings.jwt_leeway_seconds,
        now=state.clock(),
    )


def _check_install_payload(request: Request, event: LifecycleEvent) -> None:
    """What we store is what we later call and link to (the install token does not cover the
    body, so these are checked whatever signed it)."""
    dev_mode = app_state(request).settings.dev_mode
    check_site_url(event.base_url, field="baseUrl", dev_mode=dev_mode)
    if event.display_url is not None:
        check_site_url(event.display_url, field="displayUrl", dev_mode=dev_mode)


@router.post("/installed", status_code=204)
def installed(request: Request, event: LifecycleEvent) -> Response:
    _check_install_payload(request, event)
    _verify_signed(request, event)
    shared_secret = check_shared_secret(event.shared_secret)
    try:
        with app_state(request).database.session() as session:
            save_installation(
                session,
                InstallPayload(
                    client_key=event.client_key,
                    shared_secret=shared_secret,
                    base_url=event.base_url,
                    display_url=event.display_url,
                    product_type=event.product_type,
                    description=event.description,
                    server_version=event.server_version,
                    plugins_version=event.plugins_version,
                    oauth_client_id=event.oauth_client_id,
                ),
            )
    except TenantKeyTaken as exc:
        raise errors.IssuerMismatch("this clientKey names a Forge installation") from exc
    app_state(request)[TENANT_CACHE].forget(event.client_key)
    log.info("tenant installed", extra={"client_key": event.client_key})
    return Response(status_code=204)


@router.post("/uninstalled", status_code=204)
def uninstalled(request: Request, event: LifecycleEvent) -> Response:
    _verify_signed(request, event)
    with app_state(request).database.session() as session:
        known = mark_uninstalled(session, event.client_key)
    app_state(request)[TENANT_CACHE].forget(event.client_key)
    log.info("tenant uninstalled", extra={"client_key": event.client_key, "known": known})
    return Response(status_code=204)


def _toggle(request: Request, event: LifecycleEvent, *, enabled: bool) -> Response:
    # A disabled tenant authenticates here (it could never be enabled again otherwise).
    caller = authenticate(request, RouteKind.URL_BOUND, TokenPlace.HEADER)
    if caller.client_key != event.client_key:
        raise errors.IssuerMismatch("token issuer does not match the payload clientKey")
    with app_state(request).database.session() as session:
        set_enabled(session, event.client_key, enabled=enabled)
    # At once on this instance; other instances within the tenant cache's TTL.
    app_state(request)[TENANT_CACHE].forget(event.client_key)
    log.info(
        "tenant enabled" if enabled else "tenant disabled", extra={"client_key": event.client_key}
    )
    return Response(status_code=204)


@router.post("/enabled", status_code=204)
def enabled(request: Request, event: LifecycleEvent) -> Response:
    return _toggle(request, event, enabled=True)


@router.post("/disabled", status_code=204)
def disabled(request: Request, event: LifecycleEvent) -> Response:
    return _toggle(request, event, enabled=False)
