"""The security contact (`ROLLBOOK_SECURITY_CONTACT`): only an email address or an https URL is
accepted, and the admin page's API route gives it, or says that none is configured."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from support.reports import ADMIN, FakeDirectory, Tenant, UserClient, install_tenant

ROUTE = "/api/admin/security-contact"


def settings_with(contact: str | None) -> Settings:
    values: dict[str, object] = {"base_url": "https://rollbook.test", "dev_mode": False}
    if contact is not None:
        values["security_contact"] = contact
    return Settings.model_validate(values)


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        pytest.param("security@acme.example", "security@acme.example", id="email"),
        pytest.param("  security@acme.example\n", "security@acme.example", id="email-trimmed"),
        pytest.param(
            "https://acme.example/security?via=rollbook&lang=en",
            "https://acme.example/security?via=rollbook&lang=en",
            id="https-url",
        ),
        pytest.param("", None, id="empty-is-unset"),
        pytest.param(None, None, id="unset"),
    ],
)
def test_accepted_contacts(configured: str | None, expected: str | None) -> None:
    assert settings_with(configured).security_contact == expected


@pytest.mark.parametrize(
    "configured",
    [
        pytest.param("javascript:alert(1)", id="javascript-url"),
        pytest.param("http://acme.example/security", id="plain-http-url"),
        pytest.param("mailto:security@acme.example", id="mailto-url"),
        pytest.param("https:///security", id="url-without-host"),
        pytest.param('https://acme.example/"onmouseover="alert(1)', id="url-with-quote"),
        pytest.param("https://acme.example/<script>", id="url-with-angle-bracket"),
        pytest.param("https://acme.example/a b", id="url-with-space"),
        pytest.param("<script>alert(1)</script>@acme.example", id="email-with-markup"),
        pytest.param("Security Team <security@acme.example>", id="email-with-display-name"),
        pytest.param("security@localhost", id="email-without-dotted-domain"),
        pytest.param("security", id="neither"),
    ],
)
def test_refused_contacts(configured: str) -> None:
    with pytest.raises(ValidationError, match="ROLLBOOK_SECURITY_CONTACT"):
        settings_with(configured)


@pytest.fixture
def serve(settings: Settings, database: Database) -> Iterator[Callable[[str | None], UserClient]]:
    """Starts the app with a given contact; returns a signed-in user of one site."""
    tenant: Tenant = install_tenant(database, "contact-site")
    with ExitStack() as running:

        def make(contact: str | None) -> UserClient:
            configured = settings.model_copy(update={"security_contact": contact})
            app = create_app(configured, database=database, jira_directory=FakeDirectory())
            client = running.enter_context(TestClient(app, base_url="https://rollbook.test"))
            return UserClient(client, tenant, ADMIN)

        yield make


@pytest.mark.parametrize(
    ("contact", "answer"),
    [
        pytest.param(
            "security@acme.example",
            {"contact": "security@acme.example", "href": "mailto:security@acme.example"},
            id="email",
        ),
        pytest.param(
            "https://acme.example/security",
            {"contact": "https://acme.example/security", "href": "https://acme.example/security"},
            id="https-url",
        ),
        pytest.param(None, {"contact": None, "href": None}, id="not-configured"),
    ],
)
def test_the_admin_page_route_gives_the_contact(
    serve: Callable[[str | None], UserClient], contact: str | None, answer: dict[str, str | None]
) -> None:
    user = serve(contact)
    response = user.get(ROUTE)
    assert response.status_code == 200, response.text
    assert response.json() == answer


def test_the_route_needs_a_signed_in_user(serve: Callable[[str | None], UserClient]) -> None:
    user = serve("security@acme.example")
    response = user.client.get(ROUTE)
    assert response.status_code == 401
    assert "error" in response.json()
