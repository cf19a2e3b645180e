"""The demo keeps the reports made in it across a restart: jirasim started again at the same URL
gives both apps the ids their data is filed under, and Rollbook's database stays in the demo's
folder. (`./dev demo --fresh` removes that folder first.)"""

from __future__ import annotations

from pathlib import Path

from devstack import free_port, running_stack

from jirasim.dataset import DEMO_ADMIN

REPORT = {"name": "Made before the restart", "jql": "project = ROLL"}


def _names(client) -> set[str]:  # type: ignore[no-untyped-def]
    with client as api:
        response = api.get("/api/reports")
    assert response.status_code == 200, response.text
    return {item["name"] for item in response.json()["items"]}


def test_reports_made_in_the_demo_survive_a_restart(tmp_path: Path) -> None:
    workdir = tmp_path / "demo"
    ports = {"jira_port": free_port(), "app_port": free_port()}
    with running_stack(workdir, issues=60, seed=1, **ports) as stack:
        for client in (stack.api(DEMO_ADMIN.account_id), stack.forge_api(DEMO_ADMIN.account_id)):
            with client as api:
                assert api.post("/api/reports", json=REPORT).status_code == 201
    with running_stack(workdir, issues=60, seed=1, **ports) as stack:
        assert REPORT["name"] in _names(stack.api(DEMO_ADMIN.account_id))
        assert REPORT["name"] in _names(stack.forge_api(DEMO_ADMIN.account_id))
