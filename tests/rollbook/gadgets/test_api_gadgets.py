"""Dashboard gadget settings: the report (and view) a dashboard item shows, per tenant; who may
choose."""

from __future__ import annotations

from typing import Any

import pytest

from support.reports import (
    ADMIN,
    JIRA_ADMIN,
    OUTSIDER,
    VIEWER,
    FakeDirectory,
    Tenant,
    UserClient,
    editable,
    unreachable,
)

ITEM = "10000"


def _choose(user: UserClient, report_id: str, item: str = ITEM, view_id: str | None = None) -> Any:
    choice = {"dashboard_id": "10100", "report_id": report_id}
    if view_id is not None:
        choice["view_id"] = view_id
    return user.put(f"/api/gadgets/{item}", json=choice)


def test_a_new_gadget_has_no_report(as_user: Any) -> None:
    response = as_user(ADMIN).get(f"/api/gadgets/{ITEM}")
    assert response.status_code == 404
    assert response.json()["error"] == "gadget_not_configured"


def test_the_chosen_report_is_remembered_for_every_viewer_of_the_dashboard(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    chosen = _choose(admin, report["id"])
    assert chosen.status_code == 200

    setting = as_user(VIEWER).get(f"/api/gadgets/{ITEM}").json()
    assert setting["report_id"] == report["id"]
    assert setting["dashboard_id"] == "10100"
    assert setting["updated_by"] == ADMIN
    # No view named: the report's first view.
    assert setting["view_id"] is None


@pytest.mark.parametrize(
    "view_id", ["table", "points-by-month", "status-by-month"], ids=["table", "pivot", "chart"]
)
def test_the_chosen_view_is_remembered_with_the_report(as_user: Any, view_id: str) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    chosen = _choose(admin, report["id"], view_id=view_id)
    assert (chosen.status_code, chosen.json()["view_id"]) == (200, view_id)
    setting = as_user(VIEWER).get(f"/api/gadgets/{ITEM}").json()
    assert (setting["report_id"], setting["view_id"]) == (report["id"], view_id)
    # Choosing again without a view goes back to the first view.
    _choose(admin, report["id"])
    assert admin.get(f"/api/gadgets/{ITEM}").json()["view_id"] is None


def test_a_view_the_report_does_not_have_is_refused_and_nothing_changes(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    _choose(admin, report["id"], view_id="status-by-month")
    refused = _choose(admin, report["id"], view_id="no-such-view")
    assert (refused.status_code, refused.json()["error"]) == (422, "gadget_view_not_found")
    assert admin.get(f"/api/gadgets/{ITEM}").json()["view_id"] == "status-by-month"


def test_a_view_removed_from_the_report_stays_stored_for_the_gadget_to_fall_back(
    as_user: Any,
) -> None:
    """The gadget shows the report's first view in place of a view deleted since; the server
    does not rewrite gadget settings when a report changes."""
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    _choose(admin, report["id"], view_id="status-by-month")
    body = editable(report, views=report["views"][:1], version=report["version"])
    updated = admin.put(f"/api/reports/{report['id']}", json=body)
    assert updated.status_code == 200, updated.text
    setting = admin.get(f"/api/gadgets/{ITEM}").json()
    assert (setting["report_id"], setting["view_id"]) == (report["id"], "status-by-month")


@pytest.mark.parametrize(
    ("changer", "status", "code"),
    [
        pytest.param(ADMIN, 200, None, id="the-user-who-chose-it"),
        pytest.param(JIRA_ADMIN, 200, None, id="a-jira-administrator"),
        pytest.param(VIEWER, 403, "gadget_chosen_by_another_user", id="another-user"),
        pytest.param(OUTSIDER, 403, "gadget_chosen_by_another_user", id="another-user-no-admin"),
    ],
)
def test_only_the_user_who_chose_the_report_or_a_jira_admin_changes_it(
    as_user: Any, changer: str, status: int, code: str | None
) -> None:
    admin: UserClient = as_user(ADMIN)
    first = admin.create(name="First", people={"access": "open", "administrators": [ADMIN]})
    second = admin.create(name="Second", people={"access": "open", "administrators": [ADMIN]})
    assert _choose(admin, first["id"]).status_code == 200

    response = _choose(as_user(changer), second["id"])
    assert response.status_code == status, response.text
    setting = admin.get(f"/api/gadgets/{ITEM}").json()
    if code is None:
        assert response.json()["updated_by"] == changer
        assert setting["report_id"] == second["id"] and setting["updated_by"] == changer
    else:
        assert response.json()["error"] == code
        assert setting["report_id"] == first["id"] and setting["updated_by"] == ADMIN


def test_a_change_over_another_users_choice_fails_closed_when_jira_cannot_say(
    as_user: Any, directory: FakeDirectory
) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    _choose(admin, report["id"])
    with unreachable(directory):
        response = _choose(as_user(JIRA_ADMIN), report["id"])
        # The chooser themself needs no answer from Jira.
        assert _choose(admin, report["id"]).status_code == 200
    assert (response.status_code, response.json()["error"]) == (503, "group_check_unavailable")
    assert admin.get(f"/api/gadgets/{ITEM}").json()["updated_by"] == ADMIN


@pytest.mark.parametrize(
    ("access", "status", "code"),
    [
        ("private", 403, "report_forbidden"),
        ("limited", 403, "report_forbidden"),
    ],
)
def test_only_a_report_the_chooser_may_view_can_be_chosen(
    as_user: Any, access: str, status: int, code: str
) -> None:
    report = as_user(ADMIN).create(people={"access": access, "administrators": [ADMIN]})
    response = _choose(as_user(OUTSIDER), report["id"])
    assert (response.status_code, response.json()["error"]) == (status, code)
    assert as_user(ADMIN).get(f"/api/gadgets/{ITEM}").status_code == 404


def test_a_report_in_the_trash_cannot_be_chosen(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    admin.delete(f"/api/reports/{report['id']}")
    response = _choose(admin, report["id"])
    assert (response.status_code, response.json()["error"]) == (404, "report_not_found")


def test_tenants_do_not_see_each_others_gadgets(as_user: Any, tenant_b: Tenant) -> None:
    admin_a: UserClient = as_user(ADMIN)
    report_a = admin_a.create()
    _choose(admin_a, report_a["id"])
    admin_b: UserClient = as_user(ADMIN, tenant_b)
    assert admin_b.get(f"/api/gadgets/{ITEM}").status_code == 404
    # Nor can another site point its gadget at this site's report.
    response = _choose(admin_b, report_a["id"])
    assert (response.status_code, response.json()["error"]) == (404, "report_not_found")
    report_b = admin_b.create()
    _choose(admin_b, report_b["id"])
    assert admin_a.get(f"/api/gadgets/{ITEM}").json()["report_id"] == report_a["id"]


@pytest.mark.parametrize(
    ("item", "body", "location"),
    [
        ("10000", {"dashboard_id": "10100"}, ["body", "report_id"]),
        ("10000", {"dashboard_id": "10100", "report_id": "not-a-uuid"}, ["body", "report_id"]),
        ("10000", {"dashboard_id": "a/b", "report_id": ADMIN}, ["body", "dashboard_id"]),
        ("10000", {"dashboard_id": "1", "report_id": "x", "extra": 1}, ["body", "extra"]),
        ("10000", {"dashboard_id": "1", "report_id": ADMIN, "view_id": "A b"}, ["body", "view_id"]),
        ("10000", {"dashboard_id": "1", "report_id": ADMIN, "view_id": ""}, ["body", "view_id"]),
        ("x" * 65, {"dashboard_id": "1"}, ["path", "dashboard_item_id"]),
    ],
)
def test_a_bad_choice_is_a_422_naming_the_field(
    as_user: Any, item: str, body: dict[str, Any], location: list[str]
) -> None:
    response = as_user(ADMIN).put(f"/api/gadgets/{item}", json=body)
    assert response.status_code == 422
    assert location in [detail["loc"] for detail in response.json()["detail"]]


def test_site_export_carries_gadgets_and_import_points_them_at_the_new_reports(
    as_user: Any, tenant_b: Tenant
) -> None:
    admin: UserClient = as_user(JIRA_ADMIN)
    shown = admin.create(name="Shown", people={"access": "open", "administrators": [JIRA_ADMIN]})
    trashed = admin.create(name="Trashed")
    _choose(admin, shown["id"], item="1", view_id="points-by-month")
    _choose(admin, trashed["id"], item="2")
    admin.delete(f"/api/reports/{trashed['id']}")

    exported = admin.get("/api/admin/export").json()
    assert [g["dashboard_item_id"] for g in exported["dashboard_gadgets"]] == ["1"]

    other_site: UserClient = as_user(JIRA_ADMIN, tenant_b)
    (new_id,) = other_site.post("/api/import", json={"file": exported}).json()["ids"]
    imported = other_site.get("/api/gadgets/1").json()
    assert (imported["report_id"], imported["view_id"]) == (new_id, "points-by-month")


def test_only_a_jira_administrator_imports_gadget_settings(
    as_user: Any, directory: FakeDirectory
) -> None:
    admin: UserClient = as_user(JIRA_ADMIN)
    report = admin.create(people={"access": "open", "administrators": [ADMIN]})
    _choose(admin, report["id"])
    exported = admin.get("/api/admin/export").json()

    refused = as_user(ADMIN).post("/api/import", json={"file": exported})
    assert (refused.status_code, refused.json()["error"]) == (403, "jira_admin_required")
    assert as_user(ADMIN).get("/api/reports").json()["total"] == 1  # nothing was imported
    with unreachable(directory):
        assert admin.post("/api/import", json={"file": exported}).status_code == 503
    # Without gadget settings, anyone may import the reports.
    exported["dashboard_gadgets"] = []
    assert as_user(ADMIN).post("/api/import", json={"file": exported}).status_code == 201


def test_an_import_whose_gadget_names_a_missing_report_is_refused(as_user: Any) -> None:
    admin: UserClient = as_user(JIRA_ADMIN)
    report = admin.create()
    _choose(admin, report["id"])
    exported = admin.get("/api/admin/export").json()
    exported["reports"] = []
    response = admin.post("/api/import", json={"file": exported})
    assert response.status_code == 422
    assert ["body", "file", "dashboard_gadgets", 0, "report_id"] in [
        d["loc"] for d in response.json()["detail"]
    ]
