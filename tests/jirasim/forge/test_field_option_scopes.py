"""A Forge app reads custom field contexts and options only with `manage:jira-configuration`
(the spec's OAuth scope for them), which Rollbook's manifest does not ask for: the gateway
refuses the call as Jira does, where a Connect app's READ scope is enough."""

from __future__ import annotations

import pytest

from jirasim.dataset.catalog import TEAM_FIELD


@pytest.mark.parametrize(
    "path",
    [f"/field/{TEAM_FIELD}/context", f"/field/{TEAM_FIELD}/context/20030/option"],
    ids=["contexts", "options"],
)
def test_field_configuration_needs_the_configuration_scope(
    forge_client, installed, remote, path
) -> None:
    token = remote.last("/forge/events/installed")["headers"]["x-forge-oauth-system"]
    gateway = f"/ex/jira/{installed['cloudId']}/rest/api/3"
    response = forge_client.get(f"{gateway}{path}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.json()["errorMessages"] == ["Unauthorized; scope does not match"]
