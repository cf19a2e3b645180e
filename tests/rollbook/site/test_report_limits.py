"""The site's cap on live reports (409 `report_limit_reached` on create, duplicate, restore and
import, an import refused whole) and the cap on one definition's stored size (422 naming the
largest part, on create, update and import)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from rollbook.core.db import Database
from rollbook.core.settings import Settings
from rollbook.reports.models import Report
from support.reports import ADMIN, UserClient, editable, full_report

CAP = 3
DEFINITION_LIMIT = 8192


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(
        update={"max_reports_per_site": CAP, "max_definition_bytes": DEFINITION_LIMIT}
    )


def _live_count(database: Database) -> int:
    with database.session() as session:
        query = select(func.count()).select_from(Report).where(Report.deleted_at.is_(None))
        return int(session.scalar(query) or 0)


def _export_of(admin: UserClient, report: dict[str, Any]) -> dict[str, Any]:
    exported: dict[str, Any] = admin.get(f"/api/reports/{report['id']}/export").json()
    return exported


def _create(admin: UserClient, first: dict[str, Any]) -> Any:
    return admin.post("/api/reports", json=full_report("One more"))


def _duplicate(admin: UserClient, first: dict[str, Any]) -> Any:
    return admin.post(f"/api/reports/{first['id']}/duplicate")


def _restore(admin: UserClient, first: dict[str, Any]) -> Any:
    # Delete one, fill its place, then restore it: one over the cap.
    assert admin.delete(f"/api/reports/{first['id']}").status_code == 204
    admin.create(name="Took its place")
    return admin.post(f"/api/reports/{first['id']}/restore")


def _import(admin: UserClient, first: dict[str, Any]) -> Any:
    # Two reports into a site with room for none: nothing of the file is written.
    file = _export_of(admin, first)
    second = {**file["reports"][0], "id": "0b7f0c59-3c55-4f6e-9d3a-8c9e8b0c1d2e"}
    file["reports"].append(second)
    return admin.post("/api/import", json={"file": file})


@pytest.mark.parametrize(
    "add_one",
    [
        pytest.param(_create, id="create"),
        pytest.param(_duplicate, id="duplicate"),
        pytest.param(_restore, id="restore"),
        pytest.param(_import, id="import-whole-file"),
    ],
)
def test_site_report_cap(
    as_user: Any, database: Database, add_one: Callable[[UserClient, dict[str, Any]], Any]
) -> None:
    admin: UserClient = as_user(ADMIN)
    first = admin.create(name="First")
    for index in range(CAP - 1):
        admin.create(name=f"Filler {index}")
    assert _live_count(database) == CAP

    response = add_one(admin, first)

    assert response.status_code == 409, response.text
    body = response.json()
    assert body["error"] == "report_limit_reached"
    assert f"at most {CAP} reports" in body["message"]
    assert body["limit"] == CAP
    assert _live_count(database) == CAP


def test_import_that_fits_the_cap_is_accepted(as_user: Any, database: Database) -> None:
    admin: UserClient = as_user(ADMIN)
    first = admin.create(name="First")
    file = _export_of(admin, first)
    file["reports"].append({**file["reports"][0], "id": "0b7f0c59-3c55-4f6e-9d3a-8c9e8b0c1d2e"})
    assert admin.post("/api/import", json={"file": file}).status_code == 201
    assert _live_count(database) == CAP


# A definition within every field's own limit, yet over the stored-size limit as a whole.
_LONG_JQL = "project = ROLL AND summary ~ '" + "x" * DEFINITION_LIMIT + "'"


def _oversize_create(admin: UserClient) -> tuple[Any, list[str | int]]:
    return admin.post("/api/reports", json=full_report(jql=_LONG_JQL)), ["body", "jql"]


def _oversize_update(admin: UserClient) -> tuple[Any, list[str | int]]:
    report = admin.create()
    body = editable(report, jql=_LONG_JQL, version=report["version"])
    return admin.put(f"/api/reports/{report['id']}", json=body), ["body", "jql"]


def _oversize_import(admin: UserClient) -> tuple[Any, list[str | int]]:
    file = _export_of(admin, admin.create())
    file["reports"].insert(0, {**file["reports"][0], "id": "0b7f0c59-3c55-4f6e-9d3a-8c9e8b0c1d2e"})
    file["reports"][1]["jql"] = _LONG_JQL
    response = admin.post("/api/import", json={"file": file})
    return response, ["body", "file", "reports", 1, "jql"]


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(_oversize_create, id="create"),
        pytest.param(_oversize_update, id="update"),
        pytest.param(_oversize_import, id="import"),
    ],
)
def test_definition_size_cap(
    as_user: Any, database: Database, write: Callable[[UserClient], tuple[Any, list[str | int]]]
) -> None:
    admin: UserClient = as_user(ADMIN)
    response, loc = write(admin)

    assert response.status_code == 422, response.text
    body = response.json()
    assert body["error"] == "invalid_report"
    (detail,) = body["detail"]
    assert detail["loc"] == loc
    assert detail["type"] == "definition_too_large"
    assert str(DEFINITION_LIMIT) in body["message"]
    # The oversize definition was stored nowhere (the import wrote neither of its reports).
    items = admin.get("/api/reports").json()["items"]
    assert all(admin.get(f"/api/reports/{item['id']}").json()["jql"] != _LONG_JQL for item in items)
    assert len(items) == (0 if write is _oversize_create else 1)
