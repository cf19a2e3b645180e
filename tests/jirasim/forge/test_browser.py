"""The Forge host in headless Chromium: jirasim on a real port (pages on localhost, the test
Custom UI on 127.0.0.1), the loopback remote, and the test resource calling
`window.__bridge.callBridge` as @forge/bridge does: context, requestJira as the signed-in user,
invokeRemote, history, navigation, gadget edit + submit, flags, and CSP enforcement."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from support.browser import chromium_page, forge_frame, require_chromium, sign_in

pytestmark = pytest.mark.browser

MEMBER = "5b10a0effa615349cb016cd8"
OUTSIDER_EMAIL = "outsider@example.com"
GADGET = "#forge-gadget-20000"


@pytest.fixture(scope="module")
def stack(remote, forge) -> Iterator[dict[str, Any]]:
    require_chromium()
    with forge.jirasim_stack(remote.url) as running:
        yield running


@pytest.fixture
def page(stack) -> Iterator[Any]:
    httpx.delete(f"{stack['jira']}/_jirasim/forge/csp-violations")
    with chromium_page() as browser_page:
        yield browser_page


def violations(stack) -> list[dict[str, Any]]:
    return list(httpx.get(f"{stack['jira']}/_jirasim/forge/csp-violations").json()["violations"])


def open_global(page, stack, user: str, suffix: str = "") -> Any:
    sign_in(page, stack["jira"], user)
    page.goto(stack["jira"] + stack["installed"]["pages"]["global"] + suffix)
    frame = forge_frame(page)
    assert frame.url.startswith(stack["resources"])
    return frame


def test_context_product_fetch_and_invoke_as_the_signed_in_user(page, stack, remote, forge) -> None:
    frame = open_global(page, stack, "outsider")
    context = frame.evaluate("probe.call('getContext')")
    assert context["extension"] == {"type": "jira:globalPage"}
    assert context["cloudId"] == stack["installed"]["cloudId"]
    assert context["siteUrl"] == stack["jira"]
    outsider = context["accountId"]

    myself = frame.evaluate("probe.requestJira('/rest/api/3/myself')")
    assert myself["status"] == 200 and myself["statusText"] == "OK"
    assert '"emailAddress":"outsider@example.com"' in myself["body"].replace(" ", "")
    assert myself["headers"]["content-type"].startswith("application/json")
    search = frame.evaluate(
        "probe.requestJira('/rest/api/3/search/jql', 'POST',"
        " {jql: 'project = SEC', fields: ['summary']})"
    )
    assert search["status"] == 200 and '"issues":[]' in search["body"]
    log = httpx.get(
        f"{stack['jira']}/_jirasim/requests", params={"path_prefix": "/rest/api/3/myself"}
    )
    entry = log.json()["requests"][-1]
    assert entry["auth"] == "bridge" and entry["app"] == forge.app_id and entry["status"] == 200

    answer = frame.evaluate("probe.invoke('/api/echo', 'POST', {hello: 'remote'})")
    assert answer["success"] is True
    assert answer["payload"]["status"] == 200
    assert answer["payload"]["body"] == {"method": "POST", "body": '{"hello": "remote"}'}
    claims = forge.verify_fit(
        httpx.Client(base_url=stack["jira"]),
        remote.last("/api/echo")["headers"]["authorization"].removeprefix("Bearer "),
    )
    assert claims["principal"] == outsider
    assert claims["context"]["extension"] == {"type": "jira:globalPage"}

    rejected = frame.evaluate(
        "probe.invoke('/api/status/401').then(() => 'resolved', e => 'rejected: ' + e.message)"
    )
    assert rejected == "rejected: Remote could not verify the Forge Invocation Token"
    forbidden = frame.evaluate("probe.invoke('/api/status/403')")
    assert forbidden["success"] is True and forbidden["payload"]["status"] == 403
    unknown = frame.evaluate("probe.call('noSuchCall').then(() => 'resolved', e => e.message)")
    assert unknown == 'jirasim does not implement the Forge bridge call "noSuchCall"'
    for path in ("/secure/Dashboard.jspa", "/rest/%2e%2e/_jirasim/session", "//evil.test/rest/x"):
        outside = frame.evaluate(
            "path => probe.call('fetchProduct', {product: 'jira', restPath: path,"
            " fetchRequestInit: {method: 'GET', headers: []}})"
            ".then(() => 'resolved', e => e.message)",
            path,
        )
        assert outside == "requestJira only accepts /rest/ paths of Jira", path
    assert violations(stack) == []


def test_rate_limits_reach_the_frame(page, stack) -> None:
    frame = open_global(page, stack, "member")
    httpx.post(f"{stack['jira']}/_jirasim/faults", json={"rate_429": 1.0, "retry_after_seconds": 7})
    try:
        limited = frame.evaluate("probe.requestJira('/rest/api/3/myself')")
    finally:
        httpx.post(f"{stack['jira']}/_jirasim/faults", json={"rate_429": 0.0})
    assert limited["status"] == 429 and limited["headers"]["retry-after"] == "7"


def test_history_follows_the_page_url_both_ways(page, stack) -> None:
    frame = open_global(page, stack, "member", "/report/9")
    base = stack["jira"] + stack["installed"]["pages"]["global"]
    location = frame.evaluate(
        """probe.call('createHistory').then(h => {
             probe.history = h;
             h.listen((location, action) => probe.seen.push(action + ' ' + location.pathname));
             return h.location;
           })"""
    )
    assert location["pathname"] == "/report/9"
    frame.evaluate("probe.history.push('/report/123?tab=columns')")
    page.wait_for_url(base + "/report/123?tab=columns")
    assert frame.evaluate("probe.history.location.pathname") == "/report/123"
    frame.evaluate("probe.history.replace('/reports')")
    page.wait_for_url(base + "/reports")
    page.go_back()
    page.wait_for_url(base + "/report/9")
    page.wait_for_function("true")
    frame.wait_for_function("probe.seen.length === 3")
    assert frame.evaluate("probe.seen") == ["PUSH /report/123", "REPLACE /reports", "POP /report/9"]
    assert frame.evaluate("probe.history.location.pathname") == "/report/9"


@pytest.mark.parametrize(
    ("user", "target", "expected"),
    [
        ("member", "{target: 'issue', issueKey: 'ROLL-1'}", "/browse/ROLL-1"),
        ("admin", "{target: 'module', moduleKey: 'probe-admin', path: '/settings'}", "admin"),
        ("member", "'/projects/ROLL'", "/projects/ROLL"),
    ],
)
def test_navigate(page, stack, user, target, expected) -> None:
    frame = open_global(page, stack, user)
    url = stack["jira"] + (
        stack["installed"]["pages"]["admin"] + "/settings" if expected == "admin" else expected
    )
    payload = (
        f"Object.assign({target}, {{type: 'same-tab'}})"
        if target.startswith("{")
        else f"{{url: {target}, type: 'same-tab'}}"
    )
    # Not awaited: the frame goes away with the page it asked to leave.
    with page.expect_navigation(url=url):
        frame.evaluate(f"() => {{ probe.call('navigate', {payload}); }}")
    assert page.url == url
    if expected == "admin":
        admin_frame = forge_frame(page)
        pathname = admin_frame.evaluate(
            "probe.call('createHistory').then(h => h.location.pathname)"
        )
        assert pathname == "/settings"


def test_open_uses_a_new_tab(page, stack) -> None:
    frame = open_global(page, stack, "member")
    with page.context.expect_page() as opened:
        frame.evaluate(
            "probe.call('navigate', {target: 'issue', issueKey: 'ROLL-2', type: 'new-tab'})"
        )
    opened.value.wait_for_load_state()
    assert opened.value.url == stack["jira"] + "/browse/ROLL-2"
    assert page.url.startswith(stack["jira"] + stack["installed"]["pages"]["global"])


def test_show_flag(page, stack) -> None:
    frame = open_global(page, stack, "member")
    frame.evaluate(
        "probe.call('showFlag', {id: 'saved', title: 'Saved', description: 'Report saved',"
        " type: 'success', actions: [{text: 'Undo', onClick: () => { probe.undone = true; }}]})"
    )
    flag = page.wait_for_selector('[data-testid="forge-flag"]')
    assert "Saved" in flag.inner_text() and "Report saved" in flag.inner_text()
    page.click('[data-testid="forge-flag"] .flag-action')
    frame.wait_for_function("probe.undone === true")
    frame.evaluate("probe.call('closeFlag', {id: 'saved'})")
    page.wait_for_selector('[data-testid="forge-flag"]', state="detached")
    assert frame.evaluate("probe.call('enableTheming').then(() => 'themed')") == "themed"


def test_gadget_edit_submit_stores_the_configuration(page, stack) -> None:
    sign_in(page, stack["jira"], "admin")
    page.goto(stack["jira"] + "/")
    frame = forge_frame(page, GADGET)
    assert (
        frame.evaluate("probe.call('getContext').then(c => c.extension.entryPoint || 'view')")
        == "view"
    )
    assert frame.evaluate("probe.call('submit', {reportId: 1})") is False
    page.click('[data-testid="forge-gadget-edit"]')
    edit = forge_frame(page, f'{GADGET}[data-entry-point="edit"]')
    extension = edit.evaluate("probe.call('getContext').then(c => c.extension)")
    assert extension["entryPoint"] == "edit" and extension["gadget"] == {"id": "20000"}
    assert edit.evaluate("probe.call('submit', {reportId: 42, refresh: 15})") is True
    shown = forge_frame(page, f'{GADGET}[data-entry-point="view"]')
    configuration = shown.evaluate(
        "probe.call('getContext').then(c => c.extension.gadgetConfiguration)"
    )
    assert configuration == {"reportId": 42, "refresh": 15}
    # Stored by the host: a fresh page load shows it too.
    page.reload()
    again = forge_frame(page, GADGET)
    assert again.evaluate(
        "probe.call('getContext').then(c => c.extension.gadgetConfiguration)"
    ) == {
        "reportId": 42,
        "refresh": 15,
    }


def test_gadget_has_no_edit_control_for_members(page, stack) -> None:
    sign_in(page, stack["jira"], "member")
    page.goto(stack["jira"] + "/")
    frame = forge_frame(page, GADGET)
    assert page.locator('[data-testid="forge-gadget-edit"]').count() == 0
    assert frame.evaluate("probe.call('getContext').then(c => c.extension.editable)") is False


def test_csp_blocks_inline_scripts_and_undeclared_fetches(page, stack) -> None:
    frame = open_global(page, stack, "member")
    frame.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    assert frame.evaluate("window.ran === undefined")
    blocked = frame.evaluate(
        "fetch('https://blocked.example.org/data').then(() => 'fetched', e => e.name)"
    )
    assert blocked == "TypeError"
    # Inline styles are declared in the manifest (content.styles), so they are not violations;
    # nor are the site's own images (avatars), which stand for Atlassian's image hosts.
    frame.evaluate("() => { document.body.setAttribute('style', 'color: red'); }")
    frame.evaluate(
        "src => new Promise(done => { const i = new Image(); i.onload = i.onerror = done;"
        " i.src = src; document.body.appendChild(i); })",
        f"{stack['jira']}/avatars/someone.svg",
    )
    frame.evaluate(
        "() => { const i = new Image(); i.src = 'https://images.example.org/a.png';"
        " document.body.appendChild(i); }"
    )
    page.wait_for_function(
        "fetch('/_jirasim/forge/csp-violations').then(r => r.json())"
        ".then(j => j.violations.filter(v => v.source === 'bridge').length >= 3)"
    )
    seen = violations(stack)
    directives = {v.get("effectiveDirective") for v in seen if v["source"] == "bridge"}
    assert {"script-src-elem", "connect-src", "img-src"} <= directives
    assert "style-src-attr" not in directives
    blocked = {v.get("blockedURI", "") for v in seen}
    assert any(uri.startswith("https://blocked.example.org") for uri in blocked)
    assert any(uri.startswith("https://images.example.org") for uri in blocked)
    assert not any("/avatars/" in uri for uri in blocked)


MODAL_VIEWPORTS = [(1280, 720), (1920, 1080)]


@pytest.mark.parametrize(("width", "height"), MODAL_VIEWPORTS, ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize(
    ("size", "modal_width", "modal_height"),
    [
        # Forge's documented sizes: small 400px x 20vh (at least 320px), medium 600px x 40vh (at
        # least 520px), xlarge 968px x 90vh.
        ("small", 400, lambda vh: max(20 * vh, 320)),
        ("medium", 600, lambda vh: max(40 * vh, 520)),
        ("xlarge", 968, lambda vh: 90 * vh),
    ],
    ids=["small", "medium", "xlarge"],
)
def test_a_modal_has_forges_size_and_takes_the_focus(
    page, stack, size: str, modal_width: int, modal_height: Any, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    frame = open_global(page, stack, "member")
    frame.evaluate(f"probe.call('openModal', {{size: '{size}', context: {{step: 1}}}})")
    modal = page.wait_for_selector('[data-testid="forge-modal"] iframe')
    box = modal.bounding_box()
    assert box is not None
    assert box["width"] == modal_width
    assert abs(box["height"] - modal_height(height / 100)) <= 1
    # Jira's modal moves the focus into itself: onto the app's frame, its only content.
    assert page.evaluate(
        "document.activeElement?.closest('[data-testid=\"forge-modal\"]') !== null"
    )
