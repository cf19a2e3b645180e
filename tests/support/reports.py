"""Report API helpers: example definitions, a stand-in Jira directory, per-user API clients."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from rollbook.connect.tenants import InstallPayload, save_installation
from rollbook.core.db import Database
from rollbook.jira.client import JiraUnavailable
from support.connect import tenant_token

ADMIN, VIEWER, GROUP_MEMBER, OUTSIDER, JIRA_ADMIN = (
    "acc-admin",
    "acc-viewer",
    "acc-group-member",
    "acc-outsider",
    "acc-jira-admin",
)


def full_report(name: str = "Sprint burn", **overrides: Any) -> dict[str, Any]:
    """A definition that uses every part of the report model."""
    report: dict[str, Any] = {
        "name": name,
        "description": "Story points by status and assignee",
        "jql": "project = ROLL AND created >= -52w ORDER BY created DESC",
        "columns": [
            {"field": "summary", "label": "Title", "width": 320},
            {
                "field": "customfield_10016",
                "label": "Points",
                "aggregation": "sum",
                "format": {"type": "number", "decimals": 1},
            },
            {
                "field": "timespent",
                "aggregation": "sum",
                "format": {"type": "duration", "duration_style": "jira"},
            },
            {"field": "created", "aggregation": "earliest", "format": {"type": "date"}},
            {"field": "formula_ratio", "aggregation": "average"},
        ],
        "sorting_rules": [{"field": "priority", "direction": "desc", "empties": "last"}],
        "grouping_rules": [
            {"field": "status"},
            {
                "field": "created",
                "bucket": {"kind": "date", "unit": "month"},
                "order": {
                    "by": "aggregate",
                    "direction": "desc",
                    "field": "customfield_10016",
                    "aggregation": "sum",
                },
            },
        ],
        "filtering_rules": [
            {"field": "summary", "operator": "contains", "operands": ["api"]},
            {"field": "created", "operator": "in_last", "operands": [30, "days"]},
        ],
        "formula_fields": [
            {
                "key": "formula_ratio",
                "name": "Spent per point",
                "result_type": "number",
                "expression": "IF(customfield_10016 > 0, timespent / customfield_10016, 0)",
                "rollup": "SUM(timespent) / SUM(customfield_10016)",
            },
        ],
        "views": [
            {
                "kind": "table",
                "id": "table",
                "name": "Table",
                "conditional_formats": [
                    {
                        "field": "timespent",
                        "thresholds": [
                            {"at_least": 0, "color": "green"},
                            {"at_least": 28800, "color": "red"},
                        ],
                    }
                ],
            },
            {
                "kind": "pivot",
                "id": "points-by-month",
                "name": "Points by status and month",
                "rows": [{"field": "status"}],
                "columns": [{"field": "created", "bucket": {"kind": "date", "unit": "month"}}],
                "values": [{"field": "customfield_10016", "aggregation": "sum"}],
                "percent_of": "row",
                "conditional_formats": [
                    {"value": 0, "thresholds": [{"at_least": 0.5, "color": "blue"}]}
                ],
            },
            {
                "kind": "chart",
                "id": "status-by-month",
                "name": "Points by status, per month",
                "chart_type": "stacked_bar",
                "series": "second_level",
                "measures": [{"field": "customfield_10016", "aggregation": "sum"}],
            },
        ],
        "people": {
            "access": "private",
            "administrators": [],
            "viewer_users": [],
            "viewer_groups": [],
        },
    }
    report.update(overrides)
    return report


DEFINITION_KEYS = (
    "name",
    "description",
    "jql",
    "columns",
    "sorting_rules",
    "grouping_rules",
    "filtering_rules",
    "formula_fields",
    "projects",
    "views",
    "history",
    "people",
)


def editable(report: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A stored report (ReportPublic JSON) as an update body, with changes."""
    return {**{key: report[key] for key in DEFINITION_KEYS}, **changes}


@dataclass
class FakeDirectory:
    """Jira's answers about users, held in memory for API tests that are not about Jira.

    The real HTTP directory is tested against jirasim."""

    groups: dict[str, set[str]] = field(default_factory=dict)
    jira_admins: set[str] = field(default_factory=set)
    reachable: bool = True
    group_lookups: int = 0

    def cached_groups_of(self, client_key: str, account_id: str) -> frozenset[str] | None:
        return None  # every look-up counts in `group_lookups`

    async def groups_of(
        self, client_key: str, account_id: str, *, budget: object = None
    ) -> frozenset[str]:
        self.group_lookups += 1
        if not self.reachable:
            raise JiraUnavailable("Jira is down (simulated)")
        return frozenset(self.groups.get(account_id, set()))

    async def is_jira_admin(
        self, client_key: str, account_id: str, *, budget: object = None
    ) -> bool:
        if not self.reachable:
            raise JiraUnavailable("Jira is down (simulated)")
        return account_id in self.jira_admins


@dataclass
class Tenant:
    client_key: str
    secret: str
    base_url: str


def install_tenant(database: Database, name: str) -> Tenant:
    tenant = Tenant(
        f"{name}-client-key",
        f"{name}-secret-0123456789abcdefghijklmnop",
        f"https://{name}.atlassian.net",
    )
    with database.session() as session:
        save_installation(
            session, InstallPayload(tenant.client_key, tenant.secret, tenant.base_url)
        )
    return tenant


class UserClient:
    """Calls the API as one user of one tenant, with a fresh context JWT per request."""

    def __init__(self, client: TestClient, tenant: Tenant, account_id: str) -> None:
        self.client, self.tenant, self.account_id = client, tenant, account_id

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        token = tenant_token(
            client_key=self.tenant.client_key, secret=self.tenant.secret, account_id=self.account_id
        )
        return {"Authorization": f"JWT {token}", **(extra or {})}

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def post(self, url: str, **kwargs: Any) -> Any:
        return self.client.post(url, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def put(self, url: str, **kwargs: Any) -> Any:
        return self.client.put(url, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def delete(self, url: str, **kwargs: Any) -> Any:
        return self.client.delete(url, headers=self._headers(kwargs.pop("headers", None)), **kwargs)

    def create(self, **overrides: Any) -> dict[str, Any]:
        response = self.post("/api/reports", json=full_report(**overrides))
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body


@contextmanager
def unreachable(directory: FakeDirectory) -> Iterator[None]:
    directory.reachable = False
    try:
        yield
    finally:
        directory.reachable = True
