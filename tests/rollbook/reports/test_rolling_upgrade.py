"""Reads during a rolling upgrade: a row written by the release before views (model v1) is
served as version 2, with the default table view. Not part of the API cases that
tests/topology re-runs through nginx: it edits the stored row directly."""

from __future__ import annotations

from typing import Any

from rollbook.core.db import Database
from support.reports import ADMIN, Tenant, UserClient


def test_a_report_stored_without_views_is_served_with_its_table(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    # As an instance of the release before views may write one during a rolling upgrade.
    from rollbook.reports.schemas import ReportPublic
    from rollbook.reports.store import ReportStore

    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    with database.session() as session:
        row = ReportStore(session, tenant_a.client_key).get(report["id"])
        assert row is not None
        row.definition = {key: value for key, value in row.definition.items() if key != "views"}

    served = admin.get(f"/api/reports/{report['id']}").json()

    assert served["views"] == [
        {"kind": "table", "id": "table", "name": "Table", "conditional_formats": []}
    ]
    assert served == ReportPublic.model_validate(served).model_dump(mode="json")
