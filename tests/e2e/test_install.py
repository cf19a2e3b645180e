"""Brief item 1: Rollbook is installed in jirasim with a real signed install, and its general page
shows the report list inside the host page's iframe."""

from __future__ import annotations

import httpx
import pytest
from devstack import APP_KEY
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_installed_in_jirasim_and_the_general_page_shows_the_report_list(e2e, page) -> None:
    apps = httpx.get(f"{e2e.jira_url}/_jirasim/apps", timeout=10).json()
    installed = [app for app in apps if app["key"] == APP_KEY]
    assert len(installed) == 1
    app = installed[0]
    assert app["baseUrl"] == e2e.app_url
    assert app["scopes"] == ["READ"]

    # Rollbook stored the tenant from jirasim's signed install: same client key and secret, and
    # the site URL it will accept context tokens for.
    tenant = e2e.stack.tenant()
    assert tenant.installed
    assert tenant.client_key == app["clientKey"]
    assert tenant.shared_secret == app["sharedSecret"]
    assert tenant.base_url == e2e.jira_url

    report = e2e.create_report({"name": "Install check", "jql": "project = OPS"})
    frame = e2e.open_reports(page, "admin")
    # The page route verified the iframe JWT that jirasim signed with that shared secret.
    assert frame.url.startswith(f"{e2e.app_url}/ui/reports?")
    assert "jwt=" in frame.url
    listing = frame.get_by_test_id("report-list")
    listing.wait_for()
    row = frame.locator(f'[data-testid="report-list-row"][data-report-id="{report["id"]}"]')
    expect(row.get_by_role("button", name=report["name"], exact=True)).to_be_visible()
    expect(frame.get_by_role("heading", name="Reports")).to_be_visible()
