"""Brief item 10, the product's privacy promises, each proven in the browser: issue data never
travels to the Rollbook server, is never stored in the app origin, is held in memory only for
the report on screen, renders as text whatever it contains, and the app iframe loads nothing
from third parties."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STORY_POINTS = "customfield_10016"
# What the app origin keeps in the browser: Web Storage, IndexedDB, Cache Storage, the origin
# private file system, service workers and script-visible cookies.
STORAGE_JS = """
async () => {
  const opfs = [];
  try {
    const root = await navigator.storage.getDirectory();
    for await (const [name] of root.entries()) opfs.push(name);
  } catch (e) { opfs.push('error: ' + e); }
  return {
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((d) => d.name),
    caches: await caches.keys(),
    opfs,
    serviceWorkers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope),
    cookie: document.cookie,
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
    sent: list[dict[str, Any]] = []

    def record(request: Any) -> None:
        if origin(request.url) == e2e.app_url:
            sent.append(
                {
                    "url": request.url,
                    "method": request.method,
                    "body": (request.post_data_buffer or b"").decode("utf-8", "replace"),
                    "headers": "\n".join(f"{k}: {v}" for k, v in request.headers.items()),
                }
            )

    page.on("request", record)
    page.on("websocket", lambda ws: sent.append({"url": ws.url, "method": "WS", "body": ""}))
    frame = open_report(e2e, page, privacy_report)
    # Use the report the way people do: collapse, expand, export both formats, refresh.
    frame.get_by_test_id("collapse-all").click()
    frame.get_by_test_id("expand-all").click()
    for kind in ("csv", "xlsx"):
        with page.expect_download():
            frame.get_by_test_id(f"export-{kind}").click()
    frame.get_by_role("button", name="Refresh").click()
    assert e2e.wait_for_run(frame)[0] == "complete"
    e2e.collect_rows(frame)
    loaded = set(e2e.held_issue_keys(frame))
    page.wait_for_timeout(500)

    issues = e2e.issues(privacy_report["jql"], ["summary"])
    assert loaded == {i["key"] for i in issues} and len(loaded) > 300
    keys, summaries = issue_data(issues)
    # The detector itself finds a key or a summary in a URL-encoded request.
    summary = next(s for s in summaries if "+" not in s)
    probe = next(i for i in issues if i["fields"]["summary"] == summary)
    assert leaks(f"/api/x?k={probe['key']}", keys, summaries)
    assert leaks(f"q={probe['fields']['summary'].replace(' ', '+')}", keys, summaries)
    assert sent, "no request to the Rollbook server was recorded"
    paths = [urlsplit(r["url"]).path for r in sent]
    assert f"/api/reports/{privacy_report['id']}" in paths  # the recording saw the API calls
    assert any(p.startswith("/static/app/assets/export-") for p in paths)  # and lazy chunks
    for request in sent:
        assert request["method"] != "WS"
        found = leaks(request["url"] + "\n" + request["body"], keys, summaries)
        found += leaks(request.get("headers", ""), keys, summaries)
        assert not found, f"{request['method']} {request['url']} carries issue data: {found[:5]}"


def test_no_issue_data_is_stored_in_the_app_origin(e2e, page, privacy_report) -> None:
    frame = open_report(e2e, page, privacy_report)
    with page.expect_download():
        frame.get_by_test_id("export-csv").click()
    stored = frame.evaluate(STORAGE_JS)
    assert stored == {
        "local": [],
        "session": [],
        "indexedDB": [],
        "caches": [],
        "opfs": [],
        "serviceWorkers": [],
        "cookie": "",
        "secureContext": True,  # so Cache Storage and OPFS were really there to check
    }
    # Cookies are not port-scoped: jirasim's own session cookie on `localhost` also matches the
    # app's URL here (on Atlassian's domains it would not). Rollbook sets none.
    cookies = page.context.cookies([e2e.app_url])
    assert [c["name"] for c in cookies] == ["jirasim_session"]
    issues = e2e.issues(privacy_report["jql"], ["summary"])
    keys, summaries = issue_data(issues)
    assert not leaks(repr(cookies) + repr(stored), keys, summaries)


def test_memory_holds_only_the_report_on_screen(e2e, page) -> None:
    first = e2e.create_report({"name": "Operations", "jql": "project = OPS"})
    second = e2e.create_report({"name": "Data platform", "jql": "project = DATA"})
    ops = {i["key"] for i in e2e.issues(first["jql"], ["summary"])}
    data = {i["key"] for i in e2e.issues(second["jql"], ["summary"])}
    assert ops and data and not ops & data

    frame = open_report(e2e, page, first)
    held = e2e.held_issue_keys(frame)
    assert len(held) == len(ops) and set(held) == ops

    frame.get_by_role("button", name="← Reports").click()
    frame.get_by_test_id("report-list").wait_for()
    assert frame.evaluate("window.__rollbookDebug.heldIssueCount()") == 0

    frame.locator(f'[data-report-id="{second["id"]}"]').get_by_role(
        "button", name=second["name"], exact=True
    ).click()
    assert e2e.wait_for_run(frame)[0] == "complete"
    held = e2e.held_issue_keys(frame)
    assert len(held) == len(data) and set(held) == data
    assert frame.evaluate("window.__rollbookDebug.heldIssueCount()") == len(data)


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
    assert set(e2e.held_issue_keys(frame)) == set(summaries)
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
          const handlers = [...document.querySelectorAll('*')].filter((el) =>
            [...el.attributes].some((a) => a.name.startsWith('on')));
          return {
            script: inTable('script'), img: inTable('img'), svg: inTable('svg'), b: inTable('b'),
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
    # Only the page shell's scripts: Connect's all.js and the Rollbook bundle.
    assert created["scripts"][0] == f"{e2e.jira_url}/atlassian-connect/all.js"
    assert all(s.startswith(f"{e2e.app_url}/static/app/assets/") for s in created["scripts"][1:]), (
        created["scripts"]
    )
    assert dialogs == []


def test_the_app_frame_loads_nothing_from_other_origins(e2e, page, privacy_report) -> None:
    requests: list[Any] = []
    page.on("request", lambda request: requests.append(request))
    frame = open_report(e2e, page, privacy_report)
    with page.expect_download():
        frame.get_by_test_id("export-xlsx").click()
    frame.get_by_role("button", name="Edit").click()  # the editor's lazy chunk
    frame.get_by_test_id("report-editor").wait_for()
    time.sleep(0.5)

    from_app = [r for r in requests if r.frame is frame]
    assert len(from_app) >= 5
    assert {origin(r.url) for r in from_app if not r.url.startswith(("data:", "blob:"))} <= {
        e2e.app_url,
        e2e.jira_url,
    }
    # From the Jira site the app frame loads Connect's all.js and nothing else: Jira's REST API
    # is reached through the host page's bridge (AP.request), not from the app's origin.
    assert {r.url for r in from_app if origin(r.url) == e2e.jira_url} == {
        f"{e2e.jira_url}/atlassian-connect/all.js"
    }
    kinds = {urlsplit(r.url).path.split("/")[1] for r in from_app if origin(r.url) == e2e.app_url}
    assert kinds <= {"ui", "static", "api"}, kinds
    # Nothing on the page (host or app) goes anywhere but the two servers.
    assert {origin(r.url) for r in requests if r.url.startswith("http")} <= {
        e2e.app_url,
        e2e.jira_url,
    }
