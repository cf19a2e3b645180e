"""Project tags (the project page lists only its project's reports), the marks an import leaves
on its reports, and deleting a report in the trash forever."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from rollbook.core.db import Database
from rollbook.reports.models import Report, ReportProject
from support.reports import ADMIN, OUTSIDER, VIEWER, UserClient, editable, full_report


def _names(client: UserClient, **query: str) -> list[str]:
    response = client.get("/api/reports", params=query)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return sorted(item["name"] for item in body["items"])


def test_the_project_filter_lists_only_reports_tagged_with_the_project(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    admin.create(name="Roll only", projects=["ROLL"])
    admin.create(name="Roll and web", projects=["ROLL", "WEB"])
    admin.create(name="Untagged")
    assert _names(admin, project="ROLL") == ["Roll and web", "Roll only"]
    assert _names(admin, project="WEB") == ["Roll and web"]
    assert _names(admin, project="DATA") == []
    assert _names(admin) == ["Roll and web", "Roll only", "Untagged"]
    assert _names(admin, project="ROLL", search="web") == ["Roll and web"]


def test_the_project_filter_keeps_permissions(as_user: Any) -> None:
    as_user(ADMIN).create(
        name="Private", projects=["ROLL"], people={"access": "private", "administrators": [ADMIN]}
    )
    as_user(ADMIN).create(
        name="Open", projects=["ROLL"], people={"access": "open", "administrators": [ADMIN]}
    )
    assert _names(as_user(OUTSIDER), project="ROLL") == ["Open"]


def test_editing_the_tags_moves_the_report_between_project_pages(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Moving", projects=["ROLL"])
    saved = admin.put(
        f"/api/reports/{report['id']}", json=editable(report, projects=["WEB"], version=1)
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["projects"] == ["WEB"]
    assert _names(admin, project="ROLL") == []
    assert _names(admin, project="WEB") == ["Moving"]


@pytest.mark.parametrize(
    ("projects", "loc"),
    [
        pytest.param(["roll"], ["body", "projects", 0], id="lower case"),
        pytest.param(["1ROLL"], ["body", "projects", 0], id="starts with a digit"),
        pytest.param(["ROLL", "ROLL"], ["body", "projects", 1], id="listed twice"),
        pytest.param("ROLL", ["body", "projects"], id="not a list"),
        pytest.param([f"P{i}" for i in range(21)], ["body", "projects"], id="more than 20"),
    ],
)
def test_invalid_project_tags_are_refused_naming_the_field(
    as_user: Any, projects: object, loc: list[object]
) -> None:
    response = as_user(ADMIN).post("/api/reports", json=full_report(projects=projects))
    assert response.status_code == 422
    assert loc in [detail["loc"] for detail in response.json()["detail"]], response.text


def test_an_invalid_project_filter_is_refused(as_user: Any) -> None:
    assert as_user(ADMIN).get("/api/reports", params={"project": "roll'"}).status_code == 422


def test_export_and_import_carry_the_tags(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Tagged", projects=["ROLL"])
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    assert exported["reports"][0]["projects"] == ["ROLL"]
    (new_id,) = admin.post("/api/import", json={"file": exported}).json()["ids"]
    assert admin.get(f"/api/reports/{new_id}").json()["projects"] == ["ROLL"]
    assert _names(admin, project="ROLL") == ["Tagged", "Tagged"]


def test_an_import_marks_its_reports_with_the_time_and_source(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Twin")
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    before = datetime.now(UTC)
    options = {"source": "twin.rollbook.json"}
    (new_id,) = admin.post("/api/import", json={"file": exported, "options": options}).json()["ids"]
    items = {item["id"]: item for item in admin.get("/api/reports").json()["items"]}
    assert items[report["id"]]["imported_at"] is None
    assert items[report["id"]]["imported_from"] is None
    assert datetime.fromisoformat(items[new_id]["imported_at"]) >= before
    assert items[new_id]["imported_from"] == "twin.rollbook.json"


def test_an_import_without_a_source_is_marked_without_one(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Twin")
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    (new_id,) = admin.post("/api/import", json={"file": exported}).json()["ids"]
    (item,) = [i for i in admin.get("/api/reports").json()["items"] if i["id"] == new_id]
    assert item["imported_at"] is not None and item["imported_from"] is None


def test_delete_forever_removes_a_report_in_the_trash_with_its_tags(
    as_user: Any, database: Database
) -> None:
    # Its audit line: test_audit.py.
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Gone", projects=["ROLL"])
    assert admin.delete(f"/api/reports/{report['id']}").status_code == 204
    assert admin.delete(f"/api/trash/{report['id']}").status_code == 204
    assert admin.get("/api/trash").json()["items"] == []
    assert admin.post(f"/api/reports/{report['id']}/restore").status_code == 404
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 0
        assert session.scalar(select(func.count()).select_from(ReportProject)) == 0


@pytest.mark.parametrize(
    ("who", "trashed", "status"),
    [
        pytest.param(ADMIN, False, 409, id="a live report must go to the trash first"),
        pytest.param(VIEWER, True, 403, id="a viewer may not"),
        pytest.param(OUTSIDER, True, 403, id="an outsider may not"),
    ],
)
def test_delete_forever_is_refused(
    as_user: Any, database: Database, who: str, trashed: bool, status: int
) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(
        name="Kept",
        people={"access": "limited", "administrators": [ADMIN], "viewer_users": [VIEWER]},
    )
    if trashed:
        admin.delete(f"/api/reports/{report['id']}")
    assert as_user(who).delete(f"/api/trash/{report['id']}").status_code == status
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Report)) == 1


def test_delete_forever_of_another_sites_report_is_not_found(as_user: Any, tenant_b: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(name="Elsewhere")
    admin.delete(f"/api/reports/{report['id']}")
    assert as_user(ADMIN, tenant_b).delete(f"/api/trash/{report['id']}").status_code == 404
