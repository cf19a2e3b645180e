"""The Forge app folder: `forge/manifest.yml` passes Atlassian's own validator (@forge/manifest,
locked in forge/package-lock.json) with zero errors and zero warnings, asks for the fewest
scopes, and its Custom UI resource is the client build with `index.html` and relative assets."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from package_forge import PackagingError, asset_urls, check_resource, is_relative, package

from support.bundle import ROOT, ensure_client_bundle

pytestmark = pytest.mark.client_build

FORGE = ROOT / "forge"
VALIDATOR = FORGE / "scripts" / "validate-manifest.cjs"
UI_MODULES = ("jira:globalPage", "jira:projectPage", "jira:adminPage", "jira:dashboardGadget")


def validate(manifest: Path) -> dict[str, Any]:
    if shutil.which("node") is None or not (FORGE / "node_modules" / "@forge").is_dir():
        pytest.fail("node and forge/node_modules are needed: run ./dev setup")
    done = subprocess.run(
        ["node", str(VALIDATOR), str(manifest)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def app_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of forge/ with the resource packaged from the current client build."""
    folder = tmp_path_factory.mktemp("forge-app")
    shutil.copy(FORGE / "manifest.yml", folder / "manifest.yml")
    package(ensure_client_bundle(), folder / "resources" / "rollbook")
    return folder


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    return dict(yaml.safe_load((FORGE / "manifest.yml").read_text()))


def test_manifest_passes_atlassians_validator_without_a_warning(app_folder: Path) -> None:
    result = validate(app_folder / "manifest.yml")
    assert result == {"success": True, "problems": []}


@pytest.mark.parametrize(
    ("original", "replacement", "expected"),
    [
        ("thumbnail: ${ROLLBOOK_REMOTE_URL}/static/icon.svg", "", "thumbnail"),
        ("- read:jira-user", "- read:jira-everything", "Invalid 'scopes' permission"),
        ("remote: rollbook-server", "remote: nowhere", "'nowhere' was not found"),
        ("key: rollbook-gadget", "key: rollbook gadget", "must match pattern"),
    ],
    ids=["gadget without thumbnail", "unknown scope", "endpoint to no remote", "bad module key"],
)
def test_validator_catches_a_broken_manifest(
    app_folder: Path, tmp_path: Path, original: str, replacement: str, expected: str
) -> None:
    """The check above can fail: the same validator rejects the manifest with one part broken."""
    text = (app_folder / "manifest.yml").read_text()
    assert original in text
    (tmp_path / "manifest.yml").write_text(text.replace(original, replacement, 1))
    shutil.copytree(app_folder / "resources", tmp_path / "resources")
    result = validate(tmp_path / "manifest.yml")
    assert result["success"] is False
    assert any(expected in problem["message"] for problem in result["problems"]), result


def test_new_forge_app_not_connect_on_forge(manifest: dict[str, Any]) -> None:
    """Connect-on-Forge is only for Marketplace-listed apps (docs/platform.md#connect-on-forge)."""
    assert "connect" not in manifest["app"]
    assert "connectModules" not in manifest
    assert manifest["app"]["id"] == "${FORGE_APP_ID}"
    assert [remote["baseUrl"] for remote in manifest["remotes"]] == ["${ROLLBOOK_REMOTE_URL}"]


def test_fewest_scopes(manifest: dict[str, Any]) -> None:
    assert sorted(manifest["permissions"]["scopes"]) == [
        "read:app-system-token",
        "read:jira-user",
        "read:jira-work",
    ]


def test_every_ui_module_calls_the_server_through_one_endpoint(manifest: dict[str, Any]) -> None:
    modules = manifest["modules"]
    endpoints = {endpoint["key"]: endpoint for endpoint in modules["endpoint"]}
    for module_type in UI_MODULES:
        (module,) = modules[module_type]
        assert module["resource"] == "main"
        assert module["resolver"] == {"endpoint": "rollbook-api"}
    assert endpoints["rollbook-api"]["remote"] == "rollbook-server"
    assert modules["jira:dashboardGadget"][0]["edit"] == {"resource": "main"}
    (trigger,) = modules["trigger"]
    assert trigger["events"] == ["avi:forge:installed:app"]
    assert endpoints[trigger["endpoint"]]["route"] == {"path": "/forge/events/installed"}


def test_packaged_resource_has_index_html_and_only_relative_assets(app_folder: Path) -> None:
    resource = app_folder / "resources" / "rollbook"
    check_resource(resource)
    urls = asset_urls(resource)
    scripts = [url for url in urls if url.endswith(".js")]
    assert scripts, "index.html loads no script"
    assert all(is_relative(url) for url in urls), urls
    for url in urls:
        if not url.startswith("data:"):
            assert (resource / url.split("?")[0]).resolve().is_file(), url
    assert not (resource / ".vite").exists()


@pytest.mark.parametrize(
    ("index_html", "problem"),
    [
        (None, "no index.html"),
        ('<html><script type="module" src="/static/app/main.js"></script></html>', "absolute"),
        ('<html><link rel="stylesheet" href="https://cdn.example/x.css"></html>', "absolute"),
    ],
    ids=["no entry", "root-relative script", "external stylesheet"],
)
def test_packaging_refuses_what_forge_cannot_serve(
    tmp_path: Path, index_html: str | None, problem: str
) -> None:
    build = tmp_path / "build"
    build.mkdir()
    if index_html is not None:
        (build / "index.html").write_text(index_html)
    with pytest.raises(PackagingError, match=problem):
        package(build, tmp_path / "resource")
