"""Brief item 10, the product's privacy promises, each proven in the browser on Connect and on
Forge: issue data never travels to the Rollbook server, is never stored in the app origin, is
held in memory only for the report on screen, renders as text whatever it contains, and the app
iframe loads nothing from third parties."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.both_hosts]

STORY_POINTS = "customfield_10016"
# The Forge Custom UI resource, packaged from the same build (scripts/package_forge.py).
FORGE_RESOURCE = Path(__file__).resolve().parents[2] / "forge" / "resources" / "rollbook"
# What the app origin keeps in the browser: Web Storage, IndexedDB, Cache Storage, the origin
# private file system, service workers and script-visible cookies. A store the browser refuses
# to open for the frame reads "denied": Chromium refuses every store to a cross-site frame, as
# the Forge app's is (its resource origin is not the Jira site's).
STORAGE_JS = """
async () => {
  const read = async (what) => {
    try { return await what(); } catch (e) {
      const denied = e.name === 'SecurityError' || /denied/i.test(String(e));
      return denied ? 'denied' : 'error: ' + e;
    }
  };
  const opfs = async () => {
    const names = [];
    for await (const [name] of (await navigator.storage.getDirectory()).entries()) names.push(name);
    return names;
  };
  return {
    local: await read(() => Object.entries(localStorage)),
    session: await read(() => Object.entries(sessionStorage)),
    indexedDB: await read(async () => (await indexedDB.databases()).map((d) => d.name)),
    caches: await read(() => caches.keys()),
    opfs: await read(opfs),
    serviceWorkers: await read(async () =>
      (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)),
    cookie: await read(() => document.cookie),
    secureContext: isSecureContext,
  };
}
"""


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def issue_data(issues: list[dict[str, Any]]) -> tuple[re.Pattern[str], list[str]]:
    """A pattern for the issues' keys (whole keys: ROLL-1 must not match ROLL-12) and their
    summaries (ignoring very short ones that could occur by chance)."""
    keys = re.compile(
        r"(?<![A-Z0-9-])(" + "|".join(re.escape(i["key"]) for i in issues) + r")(?!\d)"
    )
    summaries = sorted({i["fields"]["summary"] for i in issues if len(i["fields"]["summary"]) >= 8})
    return keys, summaries


def leaks(text: str, keys: re.Pattern[str], summaries: list[str]) -> list[str]:
    variants = {text, unquote(text), unquote(text).replace("+", " ")}
    found = [m.group(0) for v in variants for m in keys.finditer(v)]
    found += [s for s in summaries if any(s in v for v in variants)]
    return found


def open_report(e2e, page, report: dict[str, Any]) -> Any:
    """Opens the report from the admin's list (as a user does) and waits for the whole run."""
    frame = e2e.open_reports(page, "admin")
    frame.locator(f'[data-report-id="{report["id"]}"]').get_by_role(
        "button", name=report["name"], exact=True
    ).click()
    assert e2e.wait_for_run(frame)[0] == "complete"
    return frame


@pytest.fixture(scope="module")
def privacy_report(e2e) -> dict[str, Any]:
    return e2e.create_report(
        {
            "name": "Privacy",
            "jql": "project in (ROLL, WEB)",
            "columns": [
                {"field": "summary"},
                {"field": "status"},
                {"field": STORY_POINTS, "aggregation": "sum"},
            ],
            "grouping_rules": [{"field": "status"}],
        }
    )


def test_no_issue_data_is_sent_to_the_rollbook_server(e2e, page, privacy_report) -> None:
    """Whatever leaves the browser for the Rollbook server: on Connect every request to its
    origin, on Forge every `invokeRemote` call the host page hands to Jira to forward."""
    requests: list[Any] = []
    websockets: list[str] = []
    page.on("request", lambda request: requests.append(request))
    page.on("websocket", lambda ws: websockets.append(ws.url))
    frame = open_report(e2e, page, privacy_report)
    # Use the report the way people do: collapse, expand, export both formats, refresh.
    e2e.viewer_action(frame, "collapse-all")
    e2e.viewer_action(frame, "expand-all")
    for kind in ("csv", "xlsx"):
        with page.expect_download():
            frame.get_by_test_id("export-menu").click()
            frame.get_by_test_id(f"export-{kind}-shown").click()
    e2e.viewer_action(frame, "refresh")
    assert e2e.wait_for_run(frame)[0] == "complete"
    e2e.collect_rows(frame)
    page.wait_for_timeout(500)

    issues = e2e.issues(privacy_report["jql"], ["summary"])
    every_key = {i["key"] for i in issues}
    # The whole report was loaded in the browser: so there was issue data that could leak.
    assert e2e.issue_keys_in_memory(page, frame, every_key) == every_key
    assert len(every_key) > 300
    keys, summaries = issue_data(issues)
    # The detector itself finds a key or a summary in a URL-encoded request.
    summary = next(s for s in summaries if "+" not in s)
    probe = next(i for i in issues if i["fields"]["summary"] == summary)
    assert leaks(f"/api/x?k={probe['key']}", keys, summaries)
    assert leaks(f"q={probe['fields']['summary'].replace(' ', '+')}", keys, summaries)
    sent = e2e.host.server_calls(requests)
    assert sent, "no call to the Rollbook server was recorded"
    paths = [call.path for call in sent]
    assert f"/api/reports/{privacy_report['id']}" in paths  # the recording saw the API calls
    # and the lazy chunks the exports loaded
    assert any(r.url.startswith(f"{e2e.host.asset_base}export-") for r in requests)
    assert websockets == []
    for call in sent:
        found = leaks(call.text, keys, summaries)
        assert not found, f"{call.method} {call.path} carries issue data: {found[:5]}"


def test_no_issue_data_is_stored_in_the_app_origin(e2e, page, privacy_report) -> None:
    frame = open_report(e2e, page, privacy_report)
    with page.expect_download():
        frame.get_by_test_id("export-menu").click()
        frame.get_by_test_id("export-csv-shown").click()
    stored = frame.evaluate(STORAGE_JS)
    assert stored.pop("secureContext") is True  # so Cache Storage and OPFS were there to check
    assert {name: value for name, value in stored.items() if value not in ([], "")} == {
        name: "denied" for name in e2e.host.storage_denied
    }
    # Rollbook sets no cookie. Cookies are not port-scoped: jirasim's own session cookie on
    # `localhost` also matches the Connect app's URL here (on Atlassian's domains it would not).
    cookies = page.context.cookies([e2e.host.frame_origin])
    assert {c["name"] for c in cookies} <= {"jirasim_session"}
    issues = e2e.issues(privacy_report["jql"], ["summary"])
    keys, summaries = issue_data(issues)
    assert not leaks(repr(cookies) + repr(stored), keys, summaries)


def test_memory_holds_only_the_report_on_screen(e2e, page) -> None:
    """Read from the frame's heap: a snapshot after a full collection holds every string the
    page still references, whoever references it (engine, React, the bridge, caches)."""
    first = e2e.create_report({"name": "Operations", "jql": "project = OPS"})
    second = e2e.create_report({"name": "Data platform", "jql": "project = DATA"})
    ops = {i["key"] for i in e2e.issues(first["jql"], ["summary"])}
    data = {i["key"] for i in e2e.issues(second["jql"], ["summary"])}
    assert ops and data and not ops & data

    frame = open_report(e2e, page, first)
    # While the first report is on screen its keys are found: so the search below can fail.
    assert e2e.issue_keys_in_memory(page, frame, ops) == ops

    frame.get_by_role("button", name="← Reports").click()
    frame.get_by_test_id("report-list").wait_for()
    assert e2e.issue_keys_in_memory(page, frame, ops) == set()

    frame.locator(f'[data-report-id="{second["id"]}"]').get_by_role(
        "button", name=second["name"], exact=True
    ).click()
    assert e2e.wait_for_run(frame)[0] == "complete"
    assert e2e.issue_keys_in_memory(page, frame, ops | data) == data


@pytest.mark.parametrize("where", ["server static", "forge resource"])
def test_the_shipped_bundle_has_no_debug_hook(client_bundle: Path, where: str) -> None:
    """What the server serves (Connect) and the Forge package: no `window.__rollbookDebug`."""
    folder = client_bundle if where == "server static" else FORGE_RESOURCE
    scripts = sorted(folder.rglob("*.js"))
    assert scripts, f"no scripts in {folder}"
    assert [p.name for p in scripts if "__rollbookDebug" in p.read_text(encoding="utf-8")] == []


def test_hostile_summaries_render_as_text(e2e, page) -> None:
    everything = e2e.issues("project in (ROLL, WEB, OPS, DATA, SEC)", ["summary", "labels"])
    hostile = [
        i
        for i in everything
        if any(
            marker in i["fields"]["summary"]
            for marker in ("<script>", "<img src=x onerror", "javascript:", "<b>", "{{")
        )
        or any("<" in label for label in i["fields"]["labels"])
    ]
    summaries = {i["key"]: i["fields"]["summary"] for i in hostile}
    assert any("<script>alert(1)</script>" in s for s in summaries.values())
    assert any("<img src=x onerror=alert(1)>" in s for s in summaries.values())
    report = e2e.create_report(
        {
            "name": "Hostile text",
            "jql": f"key in ({', '.join(sorted(summaries))})",
            "columns": [{"field": "summary"}, {"field": "labels"}],
        }
    )
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    frame = open_report(e2e, page, report)
    rows = e2e.collect_rows(frame)
    shown = {r["issueKey"]: r["cells"] for r in rows if r["kind"] == "row-issue"}
    assert set(shown) == set(summaries)
    for issue in hostile:
        cells = shown[issue["key"]]
        assert cells["summary"] == issue["fields"]["summary"], issue["key"]
        for label in issue["fields"]["labels"]:
            assert label in cells["labels"], issue["key"]
    for key in [k for k, s in summaries.items() if "<script>" in s or "onerror" in s][:4]:
        cell = frame.locator(f'[data-issue-key="{key}"] [data-column="summary"]')
        cell.scroll_into_view_if_needed()
        expect(cell).to_be_visible()
        expect(cell).to_contain_text(summaries[key][:20])

    page.wait_for_timeout(1000)  # time for an injected onerror/onload handler to run
    created = frame.evaluate(
        """() => {
          const table = document.querySelector('[data-testid="report-table"]');
          const inTable = (s) => table.querySelectorAll(s).length;
          // Rollbook's own icons ("Show only", "Open in Jira") are the only SVG allowed.
          const ownIcons = inTable(
            '[data-testid="open-in-jira"] svg, [data-testid="show-only-group"] svg');
          const handlers = [...document.querySelectorAll('*')].filter((el) =>
            [...el.attributes].some((a) => a.name.startsWith('on')));
          return {
            script: inTable('script'), img: inTable('img'), b: inTable('b'),
            svg: inTable('svg') - ownIcons,
            iframe: inTable('iframe'),
            javascriptLinks: document.querySelectorAll('a[href^="javascript"]').length,
            handlerAttributes: handlers.map((el) => el.outerHTML.slice(0, 80)),
            scripts: [...document.scripts].map((s) => s.src),
          };
        }"""
    )
    assert created["script"] == created["img"] == created["svg"] == created["b"] == 0
    assert created["iframe"] == created["javascriptLinks"] == 0
    assert created["handlerAttributes"] == []
    # Only the page shell's scripts: the host's bridge (Connect's all.js, Forge's bridge) and
    # the Rollbook bundle.
    assert created["scripts"][0] == e2e.host.shell_script
    bundle = created["scripts"][1:]
    assert bundle and all(s.startswith(e2e.host.asset_base) for s in bundle), created["scripts"]
    assert dialogs == []


def test_the_app_frame_loads_nothing_from_other_origins(e2e, page, privacy_report) -> None:
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    frame = open_report(e2e, page, privacy_report)
    with page.expect_download():
        frame.get_by_test_id("export-menu").click()
        frame.get_by_test_id("export-xlsx-shown").click()
    frame.get_by_role("button", name="Edit").click()  # the editor's lazy chunk
    frame.get_by_test_id("report-editor").wait_for()
    time.sleep(0.5)

    from_app = [r.url for r in requests if r.frame is frame]
    assert len(from_app) >= 5
    # Jira's REST API is reached through the host page's bridge, never from the app's frame.
    loaded = [url for url in from_app if not url.startswith(("data:", "blob:"))]
    assert [url for url in loaded if not e2e.host.frame_request_allowed(url)] == []
    assert e2e.host.shell_script in loaded
    # Nothing on the page (host or app) goes anywhere but the servers of this stack.
    assert {origin(r.url) for r in requests if r.url.startswith("http")} <= {
        e2e.app_url,
        e2e.jira_url,
        e2e.stack.forge_resource_origin,
    }
