"""The real `@forge/bridge` 7.2.0 (the client's locked copy, bundled with esbuild as the client's
build bundles it) runs unchanged in a frame on jirasim's Forge host: its view, requestJira,
invokeRemote, router and showFlag against this host, under the Custom UI CSP."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from support.browser import chromium_page, forge_frame, require_chromium, sign_in

pytestmark = pytest.mark.browser

CLIENT = Path(__file__).resolve().parents[3] / "client"
ESBUILD = CLIENT / "node_modules" / ".bin" / "esbuild"
ENTRY = """
import { view, requestJira, invokeRemote, router, showFlag } from '@forge/bridge';
window.forge = { view, requestJira, invokeRemote, router, showFlag };
"""
INDEX = """<!doctype html>
<html><head><meta charset="utf-8"><title>real bridge</title></head>
<body><p>real bridge</p><script src="./bridge-bundle.js"></script></body></html>
"""


def bundle_app(folder: Path) -> None:
    """index.html plus @forge/bridge bundled into an IIFE, as a Custom UI resource folder."""
    if not ESBUILD.exists() or shutil.which("node") is None:
        pytest.skip("the client's npm packages (esbuild, @forge/bridge) are not installed")
    (folder / "app").mkdir(parents=True)
    (folder / "app" / "index.html").write_text(INDEX, encoding="utf-8")
    entry = folder / "entry.js"
    entry.write_text(ENTRY, encoding="utf-8")
    subprocess.run(
        [
            str(ESBUILD),
            str(entry),
            "--bundle",
            "--format=iife",
            "--log-level=warning",
            f"--outfile={folder / 'app' / 'bridge-bundle.js'}",
        ],
        check=True,
        # esbuild resolves bare imports through NODE_PATH as Node does.
        env={**os.environ, "NODE_PATH": str(CLIENT / "node_modules")},
        timeout=120,
    )


@pytest.fixture(scope="module")
def stack(remote, forge, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    require_chromium()
    folder = tmp_path_factory.mktemp("real-bridge")
    bundle_app(folder)
    manifest = folder / "manifest.yml"
    manifest.write_text(forge.test_manifest.read_text(encoding="utf-8"), encoding="utf-8")
    with forge.jirasim_stack(remote.url, manifest) as running:
        yield running


def test_the_real_bridge_runs_against_jirasim(stack, remote) -> None:
    with chromium_page() as page:
        sign_in(page, stack["jira"], "member")
        page.goto(stack["jira"] + stack["installed"]["pages"]["global"])
        page.wait_for_selector('.app-container[data-host="forge"] iframe')
        frame = page.query_selector(".app-container iframe").content_frame()
        frame.wait_for_function("window.forge !== undefined")
        context = frame.evaluate("forge.view.getContext()")
        assert context["extension"]["type"] == "jira:globalPage"
        assert context["locale"] == "en-US"
        forge_frame(page)  # the first bridge call established it

        myself = frame.evaluate(
            "forge.requestJira('/rest/api/3/myself')"
            ".then(async r => ({status: r.status, body: await r.json()}))"
        )
        assert myself["status"] == 200 and myself["body"]["displayName"] == "Max Member"

        answer = frame.evaluate(
            "forge.invokeRemote({path: '/api/echo', method: 'POST', body: {a: 1}})"
        )
        assert answer["status"] == 200
        assert answer["body"] == {"method": "POST", "body": '{"a": 1}'}
        # The bridge joins array-valued headers into strings.
        assert answer["headers"]["content-type"] == "application/json"
        refused = frame.evaluate(
            "forge.invokeRemote({path: '/api/status/401', method: 'GET'})"
            ".then(() => 'resolved', e => 'rejected')"
        )
        assert refused == "rejected"

        frame.evaluate("forge.view.createHistory().then(h => h.push('/report/5'))")
        page.wait_for_url(stack["jira"] + stack["installed"]["pages"]["global"] + "/report/5")
        frame.evaluate("forge.view.theme.enable()")
        frame.evaluate(
            "forge.showFlag({id: 'hello', title: 'Hello', description: 'from the bridge'})"
        )
        assert (
            "from the bridge" in page.wait_for_selector('[data-testid="forge-flag"]').inner_text()
        )
        submitted = frame.evaluate("forge.view.submit({a: 1}).then(() => 'ok', e => e.message)")
        assert submitted == "this resource's view is not submittable."

        with page.expect_navigation(url=stack["jira"] + "/browse/ROLL-1"):
            frame.evaluate("() => { forge.router.navigate('/browse/ROLL-1'); }")
    seen = httpx.get(f"{stack['jira']}/_jirasim/forge/csp-violations").json()["violations"]
    assert seen == []
