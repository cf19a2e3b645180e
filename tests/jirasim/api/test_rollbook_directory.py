"""Rollbook's server-side Jira client against jirasim over real HTTP: app JWTs with a real qsh,
group memberships, the ADMINISTER check, and failing closed when Jira says no or is gone."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from jirasim.dataset import DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER
from jirasim.host.installations import Installation
from jirasim.site import Site
from rollbook.connect.jira_client import JiraAppClient
from rollbook.jira.client import JiraUnavailable
from rollbook.jira.directory import HttpJiraDirectory
from rollbook.jira.http import JiraHttp


def _directory(base_url: str, app: Installation, secret: str | None = None) -> HttpJiraDirectory:
    def connect(_client_key: str) -> JiraAppClient:
        return JiraAppClient(
            base_url=base_url,
            shared_secret=secret or app.shared_secret,
            app_key=app.key,
            http=JiraHttp(),
        )

    return HttpJiraDirectory(connect)


def test_groups_and_admin_permission_come_from_jira(
    sim_app: Any, installed_app: Installation, sim_site: Site, live_server: Any, port_finder: Any
) -> None:
    with live_server(sim_app, port_finder()) as url:
        directory = _directory(url, installed_app)
        for user in (DEMO_ADMIN, DEMO_MEMBER, DEMO_OUTSIDER):
            expected = frozenset(sim_site.groups_of(user.account_id))
            assert asyncio.run(directory.groups_of("tenant", user.account_id)) == expected
        admin_groups = asyncio.run(directory.groups_of("tenant", DEMO_ADMIN.account_id))
        assert "jira-administrators" in admin_groups
        assert asyncio.run(directory.is_jira_admin("tenant", DEMO_ADMIN.account_id)) is True
        assert asyncio.run(directory.is_jira_admin("tenant", DEMO_MEMBER.account_id)) is False


def test_a_wrong_secret_fails_closed(
    sim_app: Any, installed_app: Installation, live_server: Any, port_finder: Any
) -> None:
    with live_server(sim_app, port_finder()) as url:
        directory = _directory(url, installed_app, secret="not-the-secret-0123456789abcdef")
        with pytest.raises(JiraUnavailable, match="401"):
            asyncio.run(directory.groups_of("tenant", DEMO_MEMBER.account_id))


def test_an_unreachable_jira_fails_closed(installed_app: Installation, port_finder: Any) -> None:
    directory = _directory(f"http://127.0.0.1:{port_finder()}", installed_app)
    with pytest.raises(JiraUnavailable, match="could not be reached"):
        asyncio.run(directory.is_jira_admin("tenant", DEMO_ADMIN.account_id))
