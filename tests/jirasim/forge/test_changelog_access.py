"""Forge apps may call `POST /changelog/bulkfetch` (its OAuth scope is `read:jira-work`), which no
Connect app may: through the API gateway with the app system token, and from a Custom UI frame
(`requestJira`, as the signed-in user)."""

from __future__ import annotations

from jirasim.api.auth import FORGE_BRIDGE_HEADER, SESSION_COOKIE, sign_session
from jirasim.app import sim_state_of

BULK = "/rest/api/3/changelog/bulkfetch"


def _roll_keys(client) -> list[str]:
    site = sim_state_of(client.app).site
    return [i["key"] for i in site.issues if i["fields"]["project"]["key"] == "ROLL"][:20]


def test_a_forge_remote_reads_changelogs_through_the_gateway(forge_client, installed, remote):
    token = remote.last("/forge/events/installed")["headers"]["x-forge-oauth-system"]
    url = f"/ex/jira/{installed['cloudId']}{BULK}"
    body = {"issueIdsOrKeys": _roll_keys(forge_client), "fieldIds": ["status"]}
    response = forge_client.post(url, json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
    histories = [h for e in response.json()["issueChangeLogs"] for h in e["changeHistories"]]
    assert histories
    assert {item["fieldId"] for h in histories for item in h["items"]} == {"status"}


def test_a_forge_frame_reads_changelogs_as_the_user(forge_client, installed):
    state = sim_state_of(forge_client.app)
    admin = next(u for u in state.site.users if u.email == "admin@example.com")
    forge_client.cookies.set(SESSION_COOKIE, sign_session(admin.account_id, state.secret))
    try:
        headers = {FORGE_BRIDGE_HEADER: installed["installationId"]}
        body = {"issueIdsOrKeys": _roll_keys(forge_client)}
        response = forge_client.post(BULK, json=body, headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["issueChangeLogs"]
    finally:
        forge_client.cookies.clear()
