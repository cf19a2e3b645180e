"""A purge on one server instance is seen at once by every other instance sharing the database.

Two apps (two engines, two tenant caches) over one SQLite file or PostgreSQL database, as two
server processes would be. Instance B has the tenant in its cache when instance A purges it;
B's cache window is made long so "within the window" holds without timing. Every API route then
answers B's next request with 401 `tenant_unknown` (403 under Forge, whose 401 means a bad FIT):
never a 500 from the foreign key, never a 200 with the purged site's (empty) data."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import rollbook.app
from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.reports.models import Report
from rollbook.tenancy.cache import TenantCache
from rollbook.tenancy.models import Tenant as TenantRow
from support.forge_fit import ForgeSigner, ForgeSite, ForgeUserClient, JwksServer
from support.reports import (
    ADMIN,
    JIRA_ADMIN,
    FakeDirectory,
    Tenant,
    UserClient,
    editable,
    full_report,
)

APP_URL = "https://rollbook.test"
GADGET = "10000"


@dataclass
class Instances:
    first: TestClient
    second: TestClient


@pytest.fixture
def instances(
    forge_settings: Settings,
    database: Database,
    directory: FakeDirectory,
    jwks: JwksServer,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Instances]:
    # A cache window far longer than the test: every request below is "within the window".
    monkeypatch.setattr(
        rollbook.app, "TenantCache", functools.partial(TenantCache, ttl_seconds=3600)
    )
    second_database = Database(database.url)  # its own engine and pool, like another process
    apps = [
        create_app(
            forge_settings, database=db, jira_directory=directory, forge_keys=jwks.key_source()
        )
        for db in (database, second_database)
    ]
    with (
        TestClient(apps[0], base_url=APP_URL) as first,
        TestClient(apps[1], base_url=APP_URL) as second,
    ):
        yield Instances(first, second)
    second_database.dispose()


@dataclass
class Before:
    """What the site held before the purge."""

    report: dict[str, Any]
    export: dict[str, Any]


# A request to the second instance after the purge: (method, path, JSON body or None, user).
Call = Callable[[Before], tuple[str, str, Any, str]]

CALLS: dict[str, Call] = {
    "list reports": lambda b: ("GET", "/api/reports", None, ADMIN),
    "read a report": lambda b: ("GET", f"/api/reports/{b.report['id']}", None, ADMIN),
    "create a report": lambda b: ("POST", "/api/reports", editable(b.report, name="New"), ADMIN),
    "update a report": lambda b: (
        "PUT",
        f"/api/reports/{b.report['id']}",
        {**editable(b.report, name="Renamed"), "version": b.report["version"]},
        ADMIN,
    ),
    "delete a report": lambda b: ("DELETE", f"/api/reports/{b.report['id']}", None, ADMIN),
    "list the trash": lambda b: ("GET", "/api/trash", None, ADMIN),
    "restore a report": lambda b: ("POST", f"/api/reports/{b.report['id']}/restore", None, ADMIN),
    "duplicate a report": lambda b: (
        "POST",
        f"/api/reports/{b.report['id']}/duplicate",
        None,
        ADMIN,
    ),
    "export a report": lambda b: ("GET", f"/api/reports/{b.report['id']}/export", None, ADMIN),
    "import reports": lambda b: ("POST", "/api/import", {"file": b.export}, ADMIN),
    "read a gadget": lambda b: ("GET", f"/api/gadgets/{GADGET}", None, ADMIN),
    "choose a gadget's report": lambda b: (
        "PUT",
        f"/api/gadgets/{GADGET}",
        {"dashboard_id": "10100", "report_id": b.report["id"]},
        ADMIN,
    ),
    "export the site": lambda b: ("GET", "/api/admin/export", None, JIRA_ADMIN),
    "purge again": lambda b: (
        "POST",
        "/api/admin/purge",
        {"confirm_site_url": "https://site-a.atlassian.net"},
        JIRA_ADMIN,
    ),
}


def _prepare(first: UserClient, second: UserClient) -> Before:
    report = first.create(people={"access": "open", "administrators": [ADMIN]})
    gadget = {"dashboard_id": "10100", "report_id": report["id"]}
    chosen = first.put(f"/api/gadgets/{GADGET}", json=gadget)
    assert chosen.status_code == 200, chosen.text
    export = first.get(f"/api/reports/{report['id']}/export").json()
    # The second instance serves the site now, so its cache holds the tenant when the purge comes.
    assert second.get(f"/api/reports/{report['id']}").status_code == 200
    return Before(report, export)


def _send(user: UserClient | ForgeUserClient, method: str, path: str, body: Any) -> Any:
    # GET and DELETE take no JSON body.
    return getattr(user, method.lower())(path, **({} if body is None else {"json": body}))


def _assert_purged(database: Database, client_key: str) -> None:
    with database.session() as session:
        assert session.get(TenantRow, client_key) is None
        assert session.scalar(select(func.count()).select_from(Report)) == 0


@pytest.mark.parametrize("call", list(CALLS.values()), ids=list(CALLS))
def test_connect_requests_on_another_instance_are_refused_after_a_purge(
    instances: Instances, tenant_a: Tenant, database: Database, call: Call
) -> None:
    before = _prepare(
        UserClient(instances.first, tenant_a, ADMIN), UserClient(instances.second, tenant_a, ADMIN)
    )
    purge = UserClient(instances.first, tenant_a, JIRA_ADMIN).post(
        "/api/admin/purge", json={"confirm_site_url": tenant_a.base_url}
    )
    assert purge.status_code == 200, purge.text

    method, path, body, user = call(before)
    response = _send(UserClient(instances.second, tenant_a, user), method, path, body)
    assert response.status_code == 401, response.text
    assert response.json()["error"] == "tenant_unknown"
    assert response.headers["WWW-Authenticate"] == "JWT"
    # And the instance now knows: the next request is refused by authentication itself.
    assert UserClient(instances.second, tenant_a, ADMIN).get("/api/reports").status_code == 401
    _assert_purged(database, tenant_a.client_key)


FORGE_CALLS = {
    name: CALLS[name]
    for name in ("list reports", "read a report", "create a report", "import reports")
}


@pytest.mark.parametrize("call", list(FORGE_CALLS.values()), ids=list(FORGE_CALLS))
def test_forge_requests_on_another_instance_are_refused_then_reregister(
    instances: Instances,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
    database: Database,
    call: Call,
) -> None:
    def on(client: TestClient, account_id: str) -> ForgeUserClient:
        return ForgeUserClient(client, forge_signer, forge_site, account_id)

    first, second = on(instances.first, ADMIN), on(instances.second, ADMIN)
    open_report = full_report(people={"access": "open", "administrators": [ADMIN]})
    report = first.post("/api/reports", json=open_report)
    assert report.status_code == 201, report.text
    before = Before(report.json(), first.get(f"/api/reports/{report.json()['id']}/export").json())
    assert second.get(f"/api/reports/{before.report['id']}").status_code == 200
    purge = on(instances.first, JIRA_ADMIN).post(
        "/api/admin/purge", json={"confirm_site_url": forge_site.site_url}
    )
    assert purge.status_code == 200, purge.text

    method, path, body, _user = call(before)
    response = _send(second, method, path, body)
    # Forge Remote takes a 401 for a bad FIT; a valid FIT of a purged site is a 403.
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "tenant_unknown"
    _assert_purged(database, forge_site.installation_id)
    # The installation itself still exists on Forge: the next FIT registers it again, empty.
    listed = second.get("/api/reports")
    assert listed.status_code == 200 and listed.json()["total"] == 0
