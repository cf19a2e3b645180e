"""A report's `history` settings (issue 14, docs/report-model.md "History settings"): what is
accepted, where each error points, and that they survive create, read, update, export and
import on every database."""

# ruff: noqa: E501  (the case table keeps one case per line)

from typing import Any

import pytest
from pydantic import ValidationError

from rollbook.core.db import Database
from rollbook.reports.schemas import ReportCreate, ReportPublic
from rollbook.reports.schemas.base import Loc
from support.reports import ADMIN, DEFINITION_KEYS, Tenant, UserClient, editable

BERLIN_WEEK = {
    "weekdays": [1, 2, 3, 4, 5],
    "start_hour": 9,
    "end_hour": 17,
    "time_zone": "Europe/Berlin",
}
HISTORY = {
    "cycle_start": {"kind": "status", "id": "10001"},
    "cycle_end": {"kind": "category", "id": "done"},
    "working_time": BERLIN_WEEK,
}
DEFAULTS = {
    "cycle_start": {"kind": "category", "id": "indeterminate"},
    "cycle_end": {"kind": "category", "id": "done"},
    "working_time": None,
}


def _report(history: Any) -> dict[str, Any]:
    return {"name": "Cycle time", "jql": "project = EX", "history": history}


def _history(report: dict[str, Any]) -> Any:
    return ReportCreate.model_validate(report).model_dump(mode="json")["history"]


@pytest.mark.parametrize(
    ("history", "stored"),
    [
        pytest.param(None, None, id="null-is-the-defaults"),
        pytest.param({}, DEFAULTS, id="empty-fills-defaults"),
        pytest.param(HISTORY, HISTORY, id="everything-set"),
        pytest.param({"working_time": {**BERLIN_WEEK, "weekdays": [7, 1], "start_hour": 0, "end_hour": 24, "time_zone": "America/New_York"}}, {**DEFAULTS, "working_time": {**BERLIN_WEEK, "weekdays": [7, 1], "start_hour": 0, "end_hour": 24, "time_zone": "America/New_York"}}, id="whole-days-any-weekdays"),
        pytest.param({"cycle_start": {"kind": "category", "id": "new"}, "cycle_end": {"kind": "status", "id": "3"}}, {**DEFAULTS, "cycle_start": {"kind": "category", "id": "new"}, "cycle_end": {"kind": "status", "id": "3"}}, id="category-to-status"),
        pytest.param({"working_time": {**BERLIN_WEEK, "time_zone": "UTC"}}, {**DEFAULTS, "working_time": {**BERLIN_WEEK, "time_zone": "UTC"}}, id="utc"),
    ],
)  # fmt: skip
def test_valid_settings(history: Any, stored: Any) -> None:
    assert _history(_report(history)) == stored


def test_absent_settings_are_null() -> None:
    report = _report(None)
    del report["history"]
    assert _history(report) is None


INVALID = [
    ("kind-unknown", {"cycle_start": {"kind": "resolution", "id": "1"}}, ("cycle_start", "kind"), "enum", "'status' or 'category'"),
    ("status-id-not-digits", {"cycle_start": {"kind": "status", "id": "In Progress"}}, ("cycle_start", "id"), "invalid_status_id", "'In Progress' is not a valid status id: must be a Jira status id (digits)"),
    ("status-id-negative", {"cycle_end": {"kind": "status", "id": "-3"}}, ("cycle_end", "id"), "invalid_status_id", "must be a Jira status id"),
    ("category-unknown", {"cycle_end": {"kind": "category", "id": "blue"}}, ("cycle_end", "id"), "invalid_category_id", "'blue' is not a valid category id: must be one of new, indeterminate, done"),
    ("category-by-name", {"cycle_end": {"kind": "category", "id": "Done"}}, ("cycle_end", "id"), "invalid_category_id", "must be one of new, indeterminate, done"),
    ("point-id-missing", {"cycle_end": {"kind": "category"}}, ("cycle_end", "id"), "missing", "Field required"),
    ("unknown-key", {"cycle": "x"}, ("cycle",), "extra_forbidden", "Extra inputs"),
    ("start-hour-negative", {"working_time": {**BERLIN_WEEK, "start_hour": -1}}, ("working_time", "start_hour"), "greater_than_equal", "greater than or equal to 0"),
    ("end-hour-past-midnight", {"working_time": {**BERLIN_WEEK, "end_hour": 25}}, ("working_time", "end_hour"), "less_than_equal", "less than or equal to 24"),
    ("hour-fraction", {"working_time": {**BERLIN_WEEK, "start_hour": 8.5}}, ("working_time", "start_hour"), "int_from_float", "integer"),
    ("start-equals-end", {"working_time": {**BERLIN_WEEK, "start_hour": 9, "end_hour": 9}}, ("working_time", "end_hour"), "end_hour_not_after_start", "end_hour 9 must be after start_hour 9"),
    ("start-after-end", {"working_time": {**BERLIN_WEEK, "start_hour": 18, "end_hour": 9}}, ("working_time", "end_hour"), "end_hour_not_after_start", "end_hour 9 must be after start_hour 18"),
    ("no-weekdays", {"working_time": {**BERLIN_WEEK, "weekdays": []}}, ("working_time", "weekdays"), "too_short", "at least 1 item"),
    ("eight-weekdays", {"working_time": {**BERLIN_WEEK, "weekdays": [1, 2, 3, 4, 5, 6, 7, 1]}}, ("working_time", "weekdays"), "too_long", "at most 7 items"),
    ("weekday-repeated", {"working_time": {**BERLIN_WEEK, "weekdays": [1, 2, 2]}}, ("working_time", "weekdays", 2), "duplicate_weekday", "weekday 2 is listed twice"),
    ("weekday-zero", {"working_time": {**BERLIN_WEEK, "weekdays": [0, 1]}}, ("working_time", "weekdays", 0), "weekday_out_of_range", "0 is not an ISO weekday (1 = Monday … 7 = Sunday)"),
    ("weekday-eight", {"working_time": {**BERLIN_WEEK, "weekdays": [1, 8]}}, ("working_time", "weekdays", 1), "weekday_out_of_range", "8 is not an ISO weekday"),
    ("zone-unknown", {"working_time": {**BERLIN_WEEK, "time_zone": "Europe/Atlantis"}}, ("working_time", "time_zone"), "unknown_time_zone", "'Europe/Atlantis' is not an IANA time zone"),
    ("zone-offset", {"working_time": {**BERLIN_WEEK, "time_zone": "+01:00"}}, ("working_time", "time_zone"), "unknown_time_zone", "is not an IANA time zone"),
    ("zone-wrong-case", {"working_time": {**BERLIN_WEEK, "time_zone": "europe/berlin"}}, ("working_time", "time_zone"), "unknown_time_zone", "is not an IANA time zone"),
    ("zone-a-file", {"working_time": {**BERLIN_WEEK, "time_zone": "localtime"}}, ("working_time", "time_zone"), "unknown_time_zone", "is not an IANA time zone"),
    ("zone-a-path", {"working_time": {**BERLIN_WEEK, "time_zone": "../zoneinfo/UTC"}}, ("working_time", "time_zone"), "unknown_time_zone", "is not an IANA time zone"),
    ("zone-missing", {"working_time": {k: v for k, v in BERLIN_WEEK.items() if k != "time_zone"}}, ("working_time", "time_zone"), "missing", "Field required"),
    ("not-an-object", "calendar", (), "model_type", "valid dictionary"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("history", "loc", "error_type", "message"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID],
)
def test_invalid_settings_name_the_path(
    history: Any, loc: Loc, error_type: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        ReportCreate.model_validate(_report(history))

    errors = caught.value.errors()
    assert [(error["loc"], error["type"]) for error in errors] == [(("history", *loc), error_type)]
    assert message in errors[0]["msg"]


def test_the_api_refuses_bad_settings_naming_the_field(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    body = {
        **_report({"working_time": {**BERLIN_WEEK, "time_zone": "Mars/Olympus"}}),
        "columns": [{"field": "history_time_in_category_blue"}],
    }

    response = admin.post("/api/reports", json=body)

    assert response.status_code == 422
    assert response.json()["error"] == "invalid_report"
    assert [(d["loc"], d["type"]) for d in response.json()["detail"]] == [
        (["body", "history", "working_time", "time_zone"], "unknown_time_zone")
    ]
    # With the settings right, the bad field key is what is left.
    body["history"] = HISTORY
    detail = admin.post("/api/reports", json=body).json()["detail"]
    assert [(d["loc"], d["type"]) for d in detail] == [
        (["body", "columns", 0, "field"], "unknown_history_field")
    ]
    assert "history_time_in_category_blue" in detail[0]["msg"]


CYCLE_TIME_REPORT = {
    "columns": [
        {"field": "issuekey"},
        {"field": "history_cycle_time", "aggregation": "p85"},
        {"field": "history_time_in_status_3", "aggregation": "p50"},
    ],
    "grouping_rules": [
        {"field": "history_last_left_3", "bucket": {"kind": "date", "unit": "month"}}
    ],
    "views": [
        {"kind": "table", "id": "table", "name": "Table"},
        {
            "kind": "chart",
            "id": "cycle-time",
            "name": "Cycle time (p85) by month",
            "chart_type": "line",
            "series": "aggregates",
            "measures": [{"field": "history_cycle_time", "aggregation": "p85"}],
        },
    ],
    "history": HISTORY,
}


def test_settings_survive_create_read_update_export_and_import(as_user: Any) -> None:
    # Runs on SQLite and PostgreSQL: the `database` fixture behind `as_user` takes both.
    admin: UserClient = as_user(ADMIN)
    created = admin.create(**CYCLE_TIME_REPORT)
    assert created["history"] == HISTORY
    assert [c["aggregation"] for c in created["columns"]] == [None, "p85", "p50"]

    read = admin.get(f"/api/reports/{created['id']}").json()
    assert read == created
    assert read == ReportPublic.model_validate(read).model_dump(mode="json")

    changed = {**HISTORY, "cycle_end": {"kind": "status", "id": "10002"}, "working_time": None}
    updated = admin.put(
        f"/api/reports/{created['id']}", json=editable(read, history=changed, version=1)
    )
    assert updated.status_code == 200, updated.text
    assert admin.get(f"/api/reports/{created['id']}").json()["history"] == changed

    # Unchanged when an update leaves them as they are (the editor sends the whole definition).
    kept = admin.put(
        f"/api/reports/{created['id']}", json=editable(updated.json(), name="Kept", version=2)
    )
    assert kept.status_code == 200 and kept.json()["history"] == changed

    exported = admin.get(f"/api/reports/{created['id']}/export").json()
    assert exported["reports"][0]["history"] == changed
    imported = admin.post("/api/import", json={"file": exported})
    assert imported.status_code == 201, imported.text
    (new_id,) = imported.json()["ids"]
    copy = admin.get(f"/api/reports/{new_id}").json()
    assert {key: copy[key] for key in DEFINITION_KEYS} == {
        key: kept.json()[key] for key in DEFINITION_KEYS
    }

    duplicate = admin.post(f"/api/reports/{created['id']}/duplicate").json()
    assert duplicate["history"] == changed


def test_settings_go_back_to_the_defaults_when_cleared(as_user: Any) -> None:
    admin: UserClient = as_user(ADMIN)
    created = admin.create(history=HISTORY)

    cleared = admin.put(
        f"/api/reports/{created['id']}", json=editable(created, history=None, version=1)
    )

    assert cleared.status_code == 200 and cleared.json()["history"] is None


def test_a_report_stored_without_settings_reads_as_null(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    # As stored before issue 14, or by the release before during a rolling upgrade.
    from rollbook.reports.store import ReportStore

    admin: UserClient = as_user(ADMIN)
    report = admin.create()
    with database.session() as session:
        row = ReportStore(session, tenant_a.client_key).get(report["id"])
        assert row is not None
        row.definition = {k: v for k, v in row.definition.items() if k != "history"}

    served = admin.get(f"/api/reports/{report['id']}").json()

    assert served["history"] is None
    assert served == ReportPublic.model_validate(served).model_dump(mode="json")
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    assert exported["reports"][0]["history"] is None
