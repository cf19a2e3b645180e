"""Forge tenants: registered by the install trigger and by the first valid FIT, kept current by
later ones, never usable by a Connect JWT, and gone for good after a purge."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.connect.tenants import InstallPayload, TenantKeyTaken, list_tenants, save_installation
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.forge.exceptions import TenantKeyTaken as ForgeTenantKeyTaken
from rollbook.forge.fit import verify_invocation_token
from rollbook.forge.installations import register_installation
from rollbook.tenancy.models import HostKind, Tenant
from rollbook.tenancy.store import get_tenant
from support.connect import tenant_token
from support.forge_fit import APP_ID, APP_TOKEN, ForgeSigner, ForgeSite, fit_claims
from support.reports import ADMIN, JIRA_ADMIN, full_report, install_tenant

KEY_SIGNER = ForgeSigner()


def _installed_event(site: ForgeSite) -> dict[str, Any]:
    return {
        "eventType": "avi:forge:installed:app",
        "id": str(uuid.uuid4()),
        "installerAccountId": JIRA_ADMIN,
        "app": {"id": "ari:cloud:ecosystem::app/5d3c7c1e", "version": "1"},
        "environment": {"id": site.environment_id},
        "installationId": site.installation_id,
        "context": {"cloudId": site.cloud_id},
    }


def _trigger(api: TestClient, signer: ForgeSigner, site: ForgeSite, body: Any = None) -> Any:
    token = signer.sign(fit_claims(site, ui=False))
    return api.post(
        "/forge/events/installed",
        headers={"Authorization": f"Bearer {token}", "x-forge-oauth-system": APP_TOKEN},
        json=_installed_event(site) if body is None else body,
    )


def _hs256_with_empty_secret(client_key: str) -> str:
    now = int(time.time())
    claims = {"iss": client_key, "sub": ADMIN, "iat": now, "exp": now + 60, "qsh": "context-qsh"}
    encode = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()  # noqa: E731
    signing_input = (
        f"{encode(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}."
        f"{encode(json.dumps(claims).encode())}"
    )
    signature = hmac.new(b"", signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{encode(signature)}"


def _row(database: Database, key: str) -> Tenant | None:
    with database.session() as session:
        return get_tenant(session, key)


def test_the_install_trigger_registers_the_installation(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, database: Database
) -> None:
    response = _trigger(api, forge_signer, forge_site)
    assert response.status_code == 200, response.text
    assert response.json() == {"status": "registered"}
    row = _row(database, forge_site.installation_id)
    assert row is not None
    assert row.host == HostKind.FORGE
    assert row.cloud_id == forge_site.cloud_id
    assert row.api_base_url == forge_site.api_base_url
    assert (row.environment_type, row.environment_id) == ("DEVELOPMENT", forge_site.environment_id)
    assert row.base_url == ""  # a trigger carries no siteUrl; the first UI call brings it
    assert row.shared_secret == ""


def test_the_trigger_may_come_twice(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    assert _trigger(api, forge_signer, forge_site).status_code == 200
    assert _trigger(api, forge_signer, forge_site).status_code == 200  # Forge retries


def test_a_trigger_naming_another_installation_is_refused(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite, database: Database
) -> None:
    body = {**_installed_event(forge_site), "installationId": "ari:cloud:ecosystem::installation/x"}
    response = _trigger(api, forge_signer, forge_site, body)
    assert response.status_code == 403
    assert response.json()["error"] == "event_installation_mismatch"
    assert _row(database, forge_site.installation_id) is None


def test_a_trigger_with_a_broken_body_is_refused_after_the_token_check(
    api: TestClient, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    token = forge_signer.sign(fit_claims(forge_site, ui=False))
    headers = {"Authorization": f"Bearer {token}", "content-type": "application/json"}
    response = api.post("/forge/events/installed", headers=headers, content=b"{not json")
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_event"
    anonymous = api.post("/forge/events/installed", content=b"{not json")
    assert anonymous.status_code == 401


def test_the_first_ui_call_registers_and_later_ones_keep_it_current(
    as_forge_user: Any, forge_site: ForgeSite, database: Database
) -> None:
    assert _row(database, forge_site.installation_id) is None
    assert as_forge_user(ADMIN).get("/api/reports").status_code == 200
    row = _row(database, forge_site.installation_id)
    assert row is not None and row.base_url == forge_site.site_url

    # The site is renamed and Forge moves the API: the next FIT says so.
    moved = replace(forge_site, name="acme-renamed")
    moved_api = f"https://api.atlassian.com/ex/jira/{moved.cloud_id}/v2"

    class MovedSite(ForgeSite):
        @property
        def api_base_url(self) -> str:
            return moved_api

    site = MovedSite(moved.name, moved.installation_id, moved.cloud_id, moved.environment_id)
    assert as_forge_user(ADMIN, site=site).get("/api/reports").status_code == 200
    row = _row(database, forge_site.installation_id)
    assert row is not None
    assert (row.base_url, row.api_base_url) == ("https://acme-renamed.atlassian.net", moved_api)
    assert row.installed_at <= row.updated_at


def test_a_trigger_after_ui_calls_keeps_the_site_url(
    api: TestClient,
    as_forge_user: Any,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
    database: Database,
) -> None:
    as_forge_user(ADMIN).get("/api/reports")
    assert _trigger(api, forge_signer, forge_site).status_code == 200
    row = _row(database, forge_site.installation_id)
    assert row is not None and row.base_url == forge_site.site_url


def test_each_installation_is_its_own_tenant(as_forge_user: Any) -> None:
    admin = as_forge_user(ADMIN)
    created = admin.post(
        "/api/reports", json=full_report(people={"access": "open", "administrators": [ADMIN]})
    )
    assert created.status_code == 201, created.text
    other = as_forge_user(ADMIN, site=ForgeSite("forge-b"))
    assert other.get(f"/api/reports/{created.json()['id']}").status_code == 404
    assert other.get("/api/reports").json()["total"] == 0


def test_a_connect_jwt_cannot_use_a_forge_tenant(
    api: TestClient, as_forge_user: Any, forge_site: ForgeSite
) -> None:
    as_forge_user(ADMIN).get("/api/reports")
    # A Forge row has an empty secret: a JWT signed with "" claiming the installation id.
    signed_with_empty = _hs256_with_empty_secret(forge_site.installation_id)
    for token in (
        signed_with_empty,
        tenant_token(
            client_key=forge_site.installation_id, secret="not-the-secret-0123456789abcdef0123"
        ),
    ):
        response = api.get("/api/me", headers={"Authorization": f"JWT {token}"})
        assert response.status_code == 401
        assert response.json()["error"] == "tenant_unknown"


def test_connect_tenant_lists_leave_forge_tenants_out(
    as_forge_user: Any, forge_site: ForgeSite, database: Database
) -> None:
    as_forge_user(ADMIN).get("/api/reports")
    with database.session() as session:
        assert forge_site.installation_id not in [t.client_key for t in list_tenants(session)]


def test_without_an_app_id_every_bearer_token_is_refused(
    settings: Settings, database: Database, forge_signer: ForgeSigner, forge_site: ForgeSite
) -> None:
    assert settings.forge_app_id is None
    app = create_app(settings, database=database, forge_keys=lambda kid: pytest.fail("no keys"))
    token = forge_signer.sign(fit_claims(forge_site))
    with TestClient(app, base_url="https://rollbook.test") as client:
        for method, path in (("GET", "/api/me"), ("POST", "/forge/events/installed")):
            response = client.request(method, path, headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401
            assert response.json() == {
                "error": "forge_not_configured",
                "message": "Forge is not configured",
            }


def test_a_purged_forge_tenant_is_not_served_from_the_cache(
    api: TestClient, as_forge_user: Any, forge_site: ForgeSite, database: Database, directory: Any
) -> None:
    directory.jira_admins.add(JIRA_ADMIN)
    admin = as_forge_user(JIRA_ADMIN)
    report = admin.post(
        "/api/reports", json=full_report(people={"access": "open", "administrators": [JIRA_ADMIN]})
    )
    assert report.status_code == 201
    purged = admin.post("/api/admin/purge", json={"confirm_site_url": forge_site.site_url})
    assert purged.status_code == 200, purged.text
    assert purged.json() == {"reports_removed": 1}
    assert _row(database, forge_site.installation_id) is None

    # The app is still installed: the next call registers the installation again, empty.
    listed = admin.get("/api/reports")
    assert listed.status_code == 200 and listed.json()["total"] == 0
    again = admin.post(
        "/api/reports", json=full_report(people={"access": "open", "administrators": [JIRA_ADMIN]})
    )
    assert again.status_code == 201, again.text
    assert _row(database, forge_site.installation_id) is not None


def test_a_purge_needs_the_site_url(as_forge_user: Any, forge_site: ForgeSite) -> None:
    admin = as_forge_user(JIRA_ADMIN)
    for typed in ("", "https://other.atlassian.net"):
        response = admin.post("/api/admin/purge", json={"confirm_site_url": typed})
        assert response.status_code == 422
        assert response.json()["error"] == "purge_not_confirmed"


def test_a_key_never_changes_host(database: Database, forge_site: ForgeSite) -> None:
    """A Connect install cannot take over a Forge tenant's key, nor the reverse."""
    invocation = verify_invocation_token(
        KEY_SIGNER.sign(fit_claims(forge_site)),
        app_id=APP_ID,
        key_for=lambda _kid: KEY_SIGNER.private_key.public_key(),
        leeway=10,
        now=time.time(),
    )
    with database.session() as session:
        register_installation(session, invocation)
    with pytest.raises(TenantKeyTaken), database.session() as session:
        save_installation(
            session, InstallPayload(forge_site.installation_id, "s" * 32, "https://x")
        )

    install_tenant(database, "connect-first")
    taken = replace(invocation, installation_id="connect-first-client-key")
    with pytest.raises(ForgeTenantKeyTaken), database.session() as session:
        register_installation(session, taken)
    row = _row(database, "connect-first-client-key")
    assert row is not None and row.host == HostKind.CONNECT
