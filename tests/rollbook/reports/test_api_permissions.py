"""Who may see and change a report: each access level against each kind of user."""

from __future__ import annotations

from typing import Any

import pytest

from support.reports import (
    ADMIN,
    GROUP_MEMBER,
    OUTSIDER,
    VIEWER,
    FakeDirectory,
    UserClient,
    editable,
    unreachable,
)

PEOPLE = {
    "private": {
        "access": "private",
        "administrators": [ADMIN],
        "viewer_users": [VIEWER],
        "viewer_groups": ["analysts"],
    },
    "limited_user": {
        "access": "limited",
        "administrators": [ADMIN],
        "viewer_users": [VIEWER],
        "viewer_groups": [],
    },
    "limited_group": {
        "access": "limited",
        "administrators": [ADMIN],
        "viewer_users": [],
        "viewer_groups": ["analysts"],
    },
    "open": {"access": "open", "administrators": [ADMIN], "viewer_users": [], "viewer_groups": []},
}

# (sharing, user, may view)
VIEW_CASES = [
    ("private", ADMIN, True),
    ("private", VIEWER, False),
    ("private", GROUP_MEMBER, False),
    ("private", OUTSIDER, False),
    ("limited_user", ADMIN, True),
    ("limited_user", VIEWER, True),
    ("limited_user", GROUP_MEMBER, False),
    ("limited_user", OUTSIDER, False),
    ("limited_group", ADMIN, True),
    ("limited_group", VIEWER, False),
    ("limited_group", GROUP_MEMBER, True),
    ("limited_group", OUTSIDER, False),
    ("open", ADMIN, True),
    ("open", VIEWER, True),
    ("open", GROUP_MEMBER, True),
    ("open", OUTSIDER, True),
]


def _shared_report(as_user: Any, sharing: str) -> dict[str, Any]:
    return as_user(ADMIN).create(people=PEOPLE[sharing])


@pytest.mark.parametrize(("sharing", "user", "may_view"), VIEW_CASES)
def test_view_permission(sharing: str, user: str, may_view: bool, as_user: Any) -> None:
    report = _shared_report(as_user, sharing)
    client: UserClient = as_user(user)
    response = client.get(f"/api/reports/{report['id']}")
    assert response.status_code == (200 if may_view else 403), response.text
    listed = [item["id"] for item in client.get("/api/reports").json()["items"]]
    assert (report["id"] in listed) is may_view
    export = client.get(f"/api/reports/{report['id']}/export")
    assert export.status_code == (200 if may_view else 403)
    if may_view:
        assert response.json()["permissions"]["can_edit"] is (user == ADMIN)
    else:
        assert response.json()["error"] == "report_forbidden"


@pytest.mark.parametrize("sharing", list(PEOPLE))
@pytest.mark.parametrize("user", [VIEWER, GROUP_MEMBER, OUTSIDER])
def test_only_administrators_change_or_delete(sharing: str, user: str, as_user: Any) -> None:
    report = _shared_report(as_user, sharing)
    client: UserClient = as_user(user)
    body = editable(report, name="Taken over", version=1)
    assert client.put(f"/api/reports/{report['id']}", json=body).status_code == 403
    assert client.delete(f"/api/reports/{report['id']}").status_code == 403
    assert as_user(ADMIN).get(f"/api/reports/{report['id']}").json()["name"] == "Sprint burn"


def test_creator_becomes_the_first_administrator(as_user: Any) -> None:
    report = as_user(VIEWER).create()
    assert report["people"]["administrators"] == [VIEWER]
    assert report["created_by"] == VIEWER and report["version"] == 1


def test_a_report_cannot_lose_its_last_administrator(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    body = {**report, "people": {**report["people"], "administrators": []}}
    for key in (
        "id",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
        "deleted_at",
        "permissions",
    ):
        body.pop(key)
    response = admin.put(f"/api/reports/{report['id']}", json=body)
    assert response.status_code == 422
    assert ["body", "people", "administrators"] in [d["loc"] for d in response.json()["detail"]]


def test_group_check_fails_closed(as_user: Any, directory: FakeDirectory) -> None:
    report = _shared_report(as_user, "limited_group")
    member: UserClient = as_user(GROUP_MEMBER)
    with unreachable(directory):
        response = member.get(f"/api/reports/{report['id']}")
        assert response.status_code == 503
        assert response.json()["error"] == "group_check_unavailable"
        listing = member.get("/api/reports")
        assert listing.status_code == 200 and listing.json()["items"] == []
        assert "Rollbook-Warning" in listing.headers
        # Access that does not depend on groups still works.
        assert as_user(ADMIN).get(f"/api/reports/{report['id']}").status_code == 200
    assert member.get(f"/api/reports/{report['id']}").status_code == 200


def test_groups_are_not_asked_when_they_cannot_change_the_answer(
    as_user: Any, directory: FakeDirectory
) -> None:
    report = _shared_report(as_user, "open")
    as_user(OUTSIDER).get(f"/api/reports/{report['id']}")
    as_user(ADMIN).get(f"/api/reports/{report['id']}")
    assert directory.group_lookups == 0
