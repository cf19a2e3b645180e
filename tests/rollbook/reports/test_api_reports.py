"""Report CRUD: create, read, list with search and paging, optimistic concurrency, trash,
restore, duplicate."""

from __future__ import annotations

from typing import Any

import pytest

from support.reports import ADMIN, VIEWER, UserClient, editable, full_report


def test_create_then_read_returns_the_same_definition(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    created = admin.create()
    response = admin.get(f"/api/reports/{created['id']}")
    assert response.status_code == 200
    assert response.headers["etag"] == '"1"'
    read = response.json()
    expected = full_report()
    expected["people"]["administrators"] = [ADMIN]
    for key, value in expected.items():
        if key == "columns":
            assert [c["field"] for c in read[key]] == [c["field"] for c in value]
        elif key in ("name", "description", "jql", "people"):
            assert read[key] == value
    assert read["formula_fields"][0]["rollup"] == "SUM(timespent) / SUM(customfield_10016)"


def test_list_searches_by_name_and_pages(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    for index in range(5):
        admin.create(name=f"Velocity {index}")
    admin.create(name="100% done_ok")
    found = admin.get("/api/reports", params={"search": "veloc", "limit": 2, "offset": 1}).json()
    assert found["total"] == 5 and found["limit"] == 2 and found["offset"] == 1
    assert len(found["items"]) == 2
    assert all(item["name"].startswith("Velocity") for item in found["items"])
    # LIKE wildcards in the search are taken literally.
    assert admin.get("/api/reports", params={"search": "%"}).json()["total"] == 1
    assert admin.get("/api/reports", params={"search": "_ok"}).json()["total"] == 1


@pytest.mark.parametrize("how", ["body", "if_match"])
def test_update_with_the_current_version(how: str, as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    body = editable(report, name="Renamed")
    headers = {}
    if how == "body":
        body["version"] = 1
    else:
        headers["If-Match"] = '"1"'
    response = admin.put(f"/api/reports/{report['id']}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["version"] == 2 and response.json()["name"] == "Renamed"
    assert response.json()["updated_by"] == ADMIN


@pytest.mark.parametrize(("how", "status"), [("body", 409), ("if_match", 412)])
def test_stale_update_is_a_conflict_not_an_overwrite(how: str, status: int, as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    first = admin.put(
        f"/api/reports/{report['id']}", json=editable(report, name="First", version=1)
    )
    assert first.status_code == 200
    stale = editable(report, name="Second")
    headers = {}
    if how == "body":
        stale["version"] = 1
    else:
        headers["If-Match"] = '"1"'
    response = admin.put(f"/api/reports/{report['id']}", json=stale, headers=headers)
    assert response.status_code == status
    assert response.json()["error"] == "version_conflict"
    assert response.json()["current_version"] == 2
    assert admin.get(f"/api/reports/{report['id']}").json()["name"] == "First"


def test_update_without_any_version_is_refused(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    response = admin.put(f"/api/reports/{report['id']}", json=editable(report))
    assert response.status_code == 428


def test_trash_and_restore(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    assert admin.delete(f"/api/reports/{report['id']}").status_code == 204
    assert admin.get(f"/api/reports/{report['id']}").status_code == 404
    assert admin.get("/api/reports").json()["total"] == 0
    trash = admin.get("/api/trash").json()["items"]
    assert [item["id"] for item in trash] == [report["id"]]
    assert trash[0]["deleted_at"] is not None
    assert as_user(VIEWER).get("/api/trash").json()["items"] == []
    assert as_user(VIEWER).post(f"/api/reports/{report['id']}/restore").status_code == 403
    restored = admin.post(f"/api/reports/{report['id']}/restore")
    assert restored.status_code == 200 and restored.json()["deleted_at"] is None
    assert admin.get(f"/api/reports/{report['id']}").status_code == 200
    assert admin.get("/api/trash").json()["items"] == []


def test_duplicate_keeps_the_definition(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    copy = admin.post(f"/api/reports/{report['id']}/duplicate")
    assert copy.status_code == 201
    assert copy.json()["name"] == "Copy of Sprint burn" and copy.json()["id"] != report["id"]
    assert copy.json()["columns"] == report["columns"]
    assert copy.json()["people"]["access"] == "open"
    # A viewer's copy is private to them.
    viewer_copy = as_user(VIEWER).post(f"/api/reports/{report['id']}/duplicate").json()
    assert viewer_copy["people"] == {
        "access": "private",
        "administrators": [VIEWER],
        "viewer_users": [],
        "viewer_groups": [],
    }


@pytest.mark.parametrize("report_id", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_unknown_report_is_404(report_id: str, as_user: Any) -> None:
    assert as_user(ADMIN).get(f"/api/reports/{report_id}").status_code == 404


def test_fast_read_path_matches_the_validated_model(as_user: Any) -> None:
    from rollbook.reports.schemas import ReportPublic

    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    served = admin.get(f"/api/reports/{report['id']}").json()
    assert served == ReportPublic.model_validate(served).model_dump(mode="json")
    assert served == report


CHART = {"kind": "chart", "id": "chart", "name": "Chart", "chart_type": "bar"}


@pytest.mark.parametrize(
    ("view", "loc", "error_type"),
    [
        pytest.param(
            {**CHART, "measures": [{"field": "formula_nope", "aggregation": "sum"}]},
            ["body", "views", 1, "measures", 0, "field"],
            "unknown_formula_field",
            id="checked-against-the-report",
        ),
        pytest.param(
            {
                **CHART,
                "name": "x" * 81,
                "measures": [{"field": "issuekey", "aggregation": "count"}],
            },
            ["body", "views", 1, "name"],
            "string_too_long",
            id="checked-by-the-view",
        ),
    ],
)
def test_an_invalid_view_is_a_422_naming_its_path(
    view: dict[str, Any], loc: list[str | int], error_type: str, as_user: Any
) -> None:
    table = {"kind": "table", "id": "table", "name": "Table"}
    response = as_user(ADMIN).post("/api/reports", json=full_report(views=[table, view]))

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_report"
    assert [(d["loc"], d["type"]) for d in response.json()["detail"]] == [(loc, error_type)]


def test_nul_characters_are_refused_not_stored(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    response = admin.post("/api/reports", json=full_report(name="bad\x00name"))
    assert response.status_code == 422
    assert ["body", "name"] in [detail["loc"] for detail in response.json()["detail"]]
    response = admin.get("/api/reports", params={"search": "\x00"})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert response.json()["detail"][0]["loc"] == ["query", "search"]
