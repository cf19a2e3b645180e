"""A site keeps one clientKey per Connect app and one installation per Forge app: a jirasim
started again at the same URL (the demo, restarted) hands an app the same ids, so the app's data
filed under them is found again; another site, or a reinstall in the same run, gets new ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from devstack import FORGE_APP_ID, FORGE_MANIFEST

from jirasim.forge.installations import ForgeInstallationRegistry
from jirasim.forge.manifest import load_manifest
from jirasim.forge.state import cloud_id_of
from jirasim.host.installations import InstallationRegistry

SITE = "http://localhost:2990"
DESCRIPTOR = {"key": "com.example.app", "baseUrl": "http://localhost:8000"}


def _manifest():  # type: ignore[no-untyped-def]
    variables = {"FORGE_APP_ID": FORGE_APP_ID, "ROLLBOOK_REMOTE_URL": "http://localhost:8000"}
    return load_manifest(str(Path(FORGE_MANIFEST)), variables)


@pytest.mark.parametrize(
    ("first_site", "second_site", "same"),
    [
        pytest.param(SITE, SITE, True, id="the same site after a restart"),
        pytest.param(SITE, "http://localhost:2991", False, id="another site"),
        pytest.param(None, None, False, id="no site given"),
    ],
)
def test_a_connect_apps_client_key(first_site: str | None, second_site: str | None, same: bool):
    first = InstallationRegistry().prepare(DESCRIPTOR, site_url=first_site)
    second = InstallationRegistry().prepare(DESCRIPTOR, site_url=second_site)
    assert (first.client_key == second.client_key) is same
    assert first.shared_secret != second.shared_secret


@pytest.mark.parametrize(
    ("first_site", "second_site", "same"),
    [
        pytest.param(SITE, SITE, True, id="the same site after a restart"),
        pytest.param(SITE, "http://localhost:2991", False, id="another site"),
    ],
)
def test_a_forge_apps_installation(first_site: str, second_site: str, same: bool) -> None:
    manifest = _manifest()
    first = ForgeInstallationRegistry().create(manifest, "admin", cloud_id_of(first_site))
    second = ForgeInstallationRegistry().create(manifest, "admin", cloud_id_of(second_site))
    assert (first.installation_id == second.installation_id) is same
    assert (first.environment_id == second.environment_id) is same


def test_a_forge_reinstall_in_the_same_run_gets_a_new_installation() -> None:
    registry = ForgeInstallationRegistry()
    manifest = _manifest()
    first = registry.create(manifest, "admin", cloud_id_of(SITE))
    registry.save(first)
    again = registry.create(manifest, "admin", cloud_id_of(SITE))
    assert again.installation_id != first.installation_id
