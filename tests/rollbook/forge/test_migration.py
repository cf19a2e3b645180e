"""The migration path for existing customers: a Connect site's export imports into the site's
Forge installation with reports, permissions (access and people) and gadget choices intact,
through the API (a Jira administrator with a FIT) and through `rollbook import`."""

from __future__ import annotations

import json
from typing import Any

from fastapi.testclient import TestClient

from rollbook.core.db import Database
from support.cli import run_rollbook
from support.forge_fit import ForgeSite, ForgeUserClient
from support.reports import (
    ADMIN,
    DEFINITION_KEYS,
    GROUP_MEMBER,
    JIRA_ADMIN,
    OUTSIDER,
    VIEWER,
    Tenant,
    UserClient,
)

SHARING = {
    "Private numbers": {
        "access": "private",
        "administrators": [ADMIN],
        "viewer_users": [VIEWER],
        "viewer_groups": ["analysts"],
    },
    "For Vera": {
        "access": "limited",
        "administrators": [ADMIN],
        "viewer_users": [VIEWER],
        "viewer_groups": [],
    },
    "For analysts": {
        "access": "limited",
        "administrators": [ADMIN, JIRA_ADMIN],
        "viewer_users": [],
        "viewer_groups": ["analysts"],
    },
    "Everyone": {
        "access": "open",
        "administrators": [ADMIN],
        "viewer_users": [],
        "viewer_groups": [],
    },
}
# Who sees which report, by name: the rules must come across unchanged.
EXPECTED_VISIBLE = {
    ADMIN: set(SHARING),
    VIEWER: {"For Vera", "Everyone"},
    GROUP_MEMBER: {"For analysts", "Everyone"},
    OUTSIDER: {"Everyone"},
}
COMPARED = DEFINITION_KEYS
AUTHORSHIP = ("created_at", "created_by", "updated_at", "updated_by")
GADGET_ITEM, DASHBOARD = "10000", "10100"


def _connect_site(as_user: Any) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """A Connect tenant with every kind of sharing and a gadget; returns reports by name and
    the site export."""
    admin: UserClient = as_user(ADMIN)
    reports = {name: admin.create(name=name, people=people) for name, people in SHARING.items()}
    chosen = admin.put(
        f"/api/gadgets/{GADGET_ITEM}",
        json={"dashboard_id": DASHBOARD, "report_id": reports["For analysts"]["id"]},
    )
    assert chosen.status_code == 200, chosen.text
    export = as_user(JIRA_ADMIN).get("/api/admin/export")
    assert export.status_code == 200, export.text
    body: dict[str, Any] = export.json()
    assert len(body["reports"]) == 4 and len(body["dashboard_gadgets"]) == 1
    return reports, body


def _visible(user: ForgeUserClient) -> set[str]:
    response = user.get("/api/reports")
    assert response.status_code == 200, response.text
    return {item["name"] for item in response.json()["items"]}


def _assert_migrated(
    as_forge_user: Any, connect_reports: dict[str, dict[str, Any]], *, author: str | None
) -> None:
    """`author`: who an API import records as the author; None for the operator's CLI import,
    which keeps the authors and dates of the file."""
    admin: ForgeUserClient = as_forge_user(ADMIN)
    listed = admin.get("/api/reports").json()["items"]
    forge_ids = {item["name"]: item["id"] for item in listed}
    assert set(forge_ids) == set(SHARING)
    for name, original in connect_reports.items():
        migrated = admin.get(f"/api/reports/{forge_ids[name]}").json()
        assert {k: migrated[k] for k in COMPARED} == {k: original[k] for k in COMPARED}
        if author is None:
            assert {k: migrated[k] for k in AUTHORSHIP} == {k: original[k] for k in AUTHORSHIP}
        else:
            assert (migrated["created_by"], migrated["updated_by"]) == (author, author)
        assert migrated["id"] != original["id"]  # new ids in the new tenant
    for account_id, expected in EXPECTED_VISIBLE.items():
        assert _visible(as_forge_user(account_id)) == expected, account_id
    gadget = as_forge_user(VIEWER).get(f"/api/gadgets/{GADGET_ITEM}")
    assert gadget.status_code == 200, gadget.text
    assert gadget.json()["report_id"] == forge_ids["For analysts"]
    assert gadget.json()["dashboard_id"] == DASHBOARD
    assert gadget.json()["updated_by"] == ADMIN


def test_a_connect_export_imports_into_the_forge_installation(
    as_user: Any, as_forge_user: Any
) -> None:
    connect_reports, export = _connect_site(as_user)
    imported = as_forge_user(JIRA_ADMIN).post("/api/import", json={"file": export})
    assert imported.status_code == 201, imported.text
    assert len(imported.json()["ids"]) == 4
    _assert_migrated(as_forge_user, connect_reports, author=JIRA_ADMIN)
    # The Connect tenant is untouched.
    assert len(as_user(ADMIN).get("/api/reports").json()["items"]) == 4


def test_only_a_jira_administrator_brings_the_gadget_choices(
    as_user: Any, as_forge_user: Any
) -> None:
    _, export = _connect_site(as_user)
    refused = as_forge_user(ADMIN).post("/api/import", json={"file": export})
    assert refused.status_code == 403
    assert refused.json()["error"] == "jira_admin_required"
    assert _visible(as_forge_user(ADMIN)) == set()


def test_the_cli_imports_into_a_forge_tenant(
    as_user: Any,
    as_forge_user: Any,
    forge_site: ForgeSite,
    tenant_a: Tenant,
    database: Database,
    api: TestClient,
) -> None:
    connect_reports, export = _connect_site(as_user)
    assert as_forge_user(ADMIN).get("/api/reports").status_code == 200  # registers the tenant

    def rollbook(*args: str, stdin: str | None = None) -> str:
        return run_rollbook(database.url, *args, stdin=stdin)

    # Same database as the Connect tenant, so the reports need new ids.
    out = rollbook(
        "import", "--tenant", forge_site.installation_id, "--new-ids", "-", stdin=json.dumps(export)
    )
    assert "imported 4 reports" in out
    _assert_migrated(as_forge_user, connect_reports, author=None)

    listed = {
        line.split("\t")[0]: line.split("\t") for line in rollbook("tenants", "list").splitlines()
    }
    assert listed[forge_site.installation_id] == [
        forge_site.installation_id,
        forge_site.site_url,
        "installed",
        "forge",
    ]
    assert listed[tenant_a.client_key][-1] == "connect"
    assert tenant_a.secret not in json.dumps(listed)
