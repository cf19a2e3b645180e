"""Reading Forge manifests: the project's real `forge/manifest.yml` interpolated as Forge does at
deploy, the parts jirasim hosts, and clear errors for variables and references."""

from __future__ import annotations

from pathlib import Path

import pytest

from jirasim.forge.manifest import ManifestError, interpolate, load_manifest, resolve_variables

APP_ID = "ari:cloud:ecosystem::app/5d3c7c1e-8f0a-4b7e-9c43-0f6a1d2b3c4d"


def test_the_rollbook_manifest_reads_with_given_variables(forge) -> None:
    manifest = load_manifest(
        forge.rollbook_manifest,
        {"FORGE_APP_ID": APP_ID, "ROLLBOOK_REMOTE_URL": "http://localhost:8123/"},
    )
    assert manifest.app_id == APP_ID
    assert [(m.type, m.key) for m in manifest.modules] == [
        ("jira:globalPage", "rollbook-global"),
        ("jira:projectPage", "rollbook-project"),
        ("jira:adminPage", "rollbook-admin"),
        ("jira:dashboardGadget", "rollbook-gadget"),
    ]
    gadget = manifest.module("rollbook-gadget")
    assert gadget is not None and gadget.resource == "main" and gadget.edit_resource == "main"
    assert all(m.resolver_endpoint == "rollbook-api" for m in manifest.modules)
    assert manifest.resources == {
        "main": (forge.rollbook_manifest.parent / "resources" / "rollbook").resolve()
    }
    api, server = manifest.remote_of("rollbook-api")
    assert api.app_system_token and not api.app_user_token and api.route_path is None
    # Interpolated, with the trailing slash dropped so paths join cleanly.
    assert server.base_url == "http://localhost:8123"
    (installed,) = manifest.trigger_endpoints("avi:forge:installed:app")
    assert installed.key == "rollbook-installed"
    assert installed.route_path == "/forge/events/installed"
    assert manifest.permissions.scopes == (
        "read:jira-work",
        "read:jira-user",
        "read:app-system-token",
    )
    assert manifest.permissions.content_styles == ("unsafe-inline",)
    assert manifest.permissions.content_scripts == ()
    assert manifest.permissions.external["images"] == ("*.atlassian.net",)


def test_declared_defaults_apply_when_no_value_is_given(forge) -> None:
    manifest = load_manifest(forge.rollbook_manifest)
    assert manifest.app_id == "ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000"
    assert manifest.remote_of("rollbook-api")[1].base_url == "https://rollbook.example.com"


def test_external_fetch_client_entries_are_read(forge) -> None:
    manifest = load_manifest(forge.test_manifest, {"REMOTE_URL": "http://127.0.0.1:9"})
    assert manifest.permissions.external["fetch.client"] == ("https://allowed.example.com",)
    gadget = manifest.module("probe-gadget")
    assert gadget is not None and gadget.title == "Probe gadget"


def test_a_declared_variable_without_default_or_value_is_an_error(forge) -> None:
    with pytest.raises(ManifestError, match="REMOTE_URL has no default"):
        load_manifest(forge.test_manifest)


@pytest.mark.parametrize(
    ("value", "variables", "expected"),
    [
        ("${A}", {"A": "x"}, "x"),
        ("pre-${A}-${B}-post", {"A": "1", "B": "2"}, "pre-1-2-post"),
        (["${A}", {"k": "${A}/p"}], {"A": "u"}, ["u", {"k": "u/p"}]),
        ("no placeholders $A {A}", {}, "no placeholders $A {A}"),
        (42, {}, 42),
    ],
)
def test_interpolation(value, variables, expected) -> None:
    assert interpolate(value, variables) == expected


def test_an_undeclared_placeholder_is_an_error() -> None:
    with pytest.raises(ManifestError, match=r"\$\{MISSING\}"):
        interpolate({"app": {"id": "${MISSING}"}}, {})


def test_given_values_win_over_defaults() -> None:
    raw = {
        "environment": {"variables": [{"key": "A", "default": "d"}, {"key": "B", "default": "e"}]}
    }
    assert resolve_variables(raw, {"A": "given"}) == {"A": "given", "B": "e"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("app: {id: not-an-ari}\n", "app.id must be an app ARI"),
        ("- a list\n", "not a YAML mapping"),
        ("app: [unclosed\n", "not valid YAML"),
        (
            "app: {id: 'ari:cloud:ecosystem::app/x'}\n"
            "modules: {jira:globalPage: [{key: g, resource: nope, title: G}]}\n",
            "unknown resource 'nope'",
        ),
        (
            "app: {id: 'ari:cloud:ecosystem::app/x'}\n"
            "resources: [{key: r, path: r}]\n"
            "modules: {jira:globalPage: [{key: g, resource: r, title: G, "
            "resolver: {endpoint: missing}}]}\n",
            "No endpoint module with key 'missing'",
        ),
    ],
)
def test_broken_manifests_are_refused_with_a_reason(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "manifest.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        load_manifest(path)


def test_a_missing_manifest_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot be read"):
        load_manifest(tmp_path / "absent.yml")


def test_an_endpoint_gets_an_app_token_only_when_it_asks(forge) -> None:
    """Forge sends `x-forge-oauth-system` only to endpoints with `auth.appSystemToken`: the
    Rollbook manifest asks for it on the UI endpoint, not on the install trigger's."""
    manifest = load_manifest(forge.rollbook_manifest, {"FORGE_APP_ID": forge.app_id})
    wants_token = {key: e.app_system_token for key, e in manifest.endpoints.items()}
    assert wants_token == {"rollbook-api": True, "rollbook-installed": False}
