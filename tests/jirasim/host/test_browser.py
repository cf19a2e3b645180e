"""End to end in headless Chromium: jirasim and the Rollbook server as real processes, Rollbook
installed into jirasim with a real signed install, its general page loaded in jirasim's host page
through Atlassian's connect-host.js, and the Connect bridge used from inside the app iframe."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from devstack import running_stack

from support.browser import app_frame, chromium_page, require_chromium, sign_in

pytestmark = pytest.mark.browser

APP_KEY = "com.rollbook.reports"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    require_chromium()
    with running_stack(tmp_path_factory.mktemp("e2e"), issues=300, seed=3) as stack:
        yield {"jira": stack.jira_url, "app": stack.app_url}


@pytest.fixture
def browser_page(servers) -> Iterator[object]:
    with chromium_page() as page:
        yield page


def test_rollbook_loads_in_the_host_page_and_uses_the_bridge(browser_page, servers) -> None:
    page = browser_page
    jira_url, app_url = servers["jira"], servers["app"]
    iframe_statuses: list[int] = []
    page.on(
        "response",
        lambda r: iframe_statuses.append(r.status) if r.url.startswith(f"{app_url}/ui/") else None,
    )
    sign_in(page, jira_url, "member")
    page.goto(f"{jira_url}/plugins/servlet/ac/{APP_KEY}/reports")
    frame = app_frame(page, app_url)

    # Rollbook accepted the iframe JWT (its page route verifies it) and all.js set up AP.
    assert iframe_statuses and iframe_statuses[0] == 200
    assert "jwt=" in frame.url and "xdm_e=" in frame.url
    assert frame.evaluate("typeof window.AP") == "object"

    # AP.context.getToken(): a context JWT that Rollbook's /api/me accepts.
    token = frame.evaluate("AP.context.getToken()")
    me = frame.evaluate(
        "t => fetch('/api/me', {headers: {Authorization: 'JWT ' + t}})"
        ".then(r => r.json().then(body => ({status: r.status, body})))",
        token,
    )
    assert me["status"] == 200
    assert me["body"]["account_id"] == "5b10a0effa615349cb016cd8"
    assert me["body"]["base_url"] == jira_url

    # AP.request runs as the page's user, through the bridge.
    myself = frame.evaluate(
        "AP.request('/rest/api/3/myself')"
        ".then(r => ({status: r.xhr.status, body: JSON.parse(r.body)}))"
    )
    assert myself["status"] == 200 and myself["body"]["displayName"] == "Max Member"
    search = frame.evaluate(
        """AP.request({url: '/rest/api/3/search/jql', type: 'POST', contentType: 'application/json',
                       data: JSON.stringify({jql: 'project = SEC', fields: ['summary']})})
             .then(r => JSON.parse(r.body))"""
    )
    assert search["issues"] == []  # Max may not browse SEC
    log = httpx.get(f"{jira_url}/_jirasim/requests", params={"path_prefix": "/rest/api/3/myself"})
    bridged = [e for e in log.json()["requests"] if e["auth"] == "bridge"]
    assert bridged and bridged[-1]["app"] == APP_KEY and bridged[-1]["status"] == 200

    # Errors reject like AP.request: status and headers reachable on xhr.
    refused = frame.evaluate(
        """AP.request({url: '/rest/api/3/issue/bulkfetch', type: 'POST',
                       contentType: 'application/json', data: '{"issueIdsOrKeys": ["ROLL-1"]}'})
             .then(() => null, e => ({status: e.xhr.status, err: e.err}))"""
    )
    assert refused["status"] == 403  # bulkfetch needs WRITE; Rollbook asks for READ only


def test_rate_limits_reach_the_iframe_with_retry_after(browser_page, servers) -> None:
    page = browser_page
    jira_url, app_url = servers["jira"], servers["app"]
    sign_in(page, jira_url, "admin")
    page.goto(f"{jira_url}/plugins/servlet/ac/{APP_KEY}/reports")
    frame = app_frame(page, app_url)
    httpx.post(f"{jira_url}/_jirasim/faults", json={"rate_429": 1.0, "retry_after_seconds": 7})
    try:
        rejected = frame.evaluate(
            "AP.request('/rest/api/3/myself').then(() => null,"
            " e => ({status: e.xhr.status, retryAfter: e.xhr.headers['retry-after']}))"
        )
    finally:
        httpx.post(f"{jira_url}/_jirasim/faults", json={"rate_429": 0.0})
    assert rejected == {"status": 429, "retryAfter": "7"}


def test_host_modules_flag_dialog_user_navigator_and_resize(browser_page, servers) -> None:
    page = browser_page
    jira_url, app_url = servers["jira"], servers["app"]
    sign_in(page, jira_url, "admin")
    page.goto(f"{jira_url}/projects/ROLL/apps/{APP_KEY}/project-reports")
    frame = app_frame(page, app_url)
    assert "projectKey=ROLL" in frame.url
    assert frame.evaluate("AP.context.getContext()") == {
        "jira": {"project": {"key": "ROLL", "id": "10000"}}
    }
    assert frame.evaluate("AP.user.getCurrentUser()") == {
        "atlassianAccountId": "5b10ac8d82e05b22cc7d4ef5"
    }
    assert frame.evaluate("AP.user.getTimeZone()") == "Europe/London"
    frame.evaluate("AP.flag.create({title: 'Saved', body: 'Report saved', type: 'success'})")
    page.wait_for_selector(".flag.success >> text=Report saved")
    # Rollbook's pages ask for sizeToParent: the iframe fills the window below the top bar.
    page.wait_for_function(
        "parseInt(document.querySelector('iframe.app-frame').style.height) > 400"
    )
    # A (minimal) dialog: opened and closed by the app.
    frame.evaluate("AP.dialog.create({key: 'confirm', header: 'Pick a report', chrome: true})")
    page.wait_for_selector(".dialog-backdrop >> text=Pick a report")
    frame.evaluate("AP.dialog.close()")
    page.wait_for_selector(".dialog-backdrop", state="detached")
    with page.expect_navigation():
        frame.evaluate("AP.navigator.go('issue', {issueKey: 'ROLL-1'})")
    assert page.url == f"{jira_url}/browse/ROLL-1"
    assert page.locator("h1[data-issue-key='ROLL-1']").count() == 1
