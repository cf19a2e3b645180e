"""The site export streams page by page in the file format it always had: byte for byte the
model's own JSON for a small site, and any number of reports through the API and the CLI (it
answered 500 above 1,000 live reports)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from rollbook.core.db import Database
from rollbook.forge.response_limit import FORGE_RESPONSE_LIMIT
from rollbook.gadgets import service as gadgets
from rollbook.gadgets.schemas import GadgetSetting
from rollbook.reports.schemas import ReportBody
from rollbook.reports.service import insert_report, split_body
from rollbook.reports.store import NewReport, ReportStore
from rollbook.site.export import export_file, export_site_chunks
from rollbook.site.schemas import ReportExportFile
from support.cli import run_rollbook
from support.reports import JIRA_ADMIN, Tenant, UserClient, full_report, install_tenant

EXPORTED_AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _seed(database: Database, client_key: str, count: int, *, prefix: str = "Report") -> list[str]:
    people = {"access": "limited", "administrators": ["acc-1"], "viewer_users": ["acc-2"]}
    ids = []
    with database.session() as session:
        for index in range(count):
            body = ReportBody.model_validate(full_report(f"{prefix} {index}", people=people))
            row = insert_report(session, client_key=client_key, body=body, created_by="acc-1")
            ids.append(row.id)
    return ids


def _small_site(database: Database) -> str:
    """Five live reports (two with the same creation time, so ties go by id), one in the trash,
    a gadget on a live and one on a trashed report, and another site's report."""
    tenant = install_tenant(database, "stream-a").client_key
    other = install_tenant(database, "stream-b").client_key
    ids = _seed(database, tenant, 5)
    _seed(database, other, 1, prefix="Other")
    with database.session() as session:
        store = ReportStore(session, tenant)
        rows = store.by_ids(ids)
        rows[ids[4]].created_at = rows[ids[3]].created_at
        store.move_to_trash(rows[ids[2]], at=EXPORTED_AT, by="acc-1")
        gadgets.save_settings(
            session,
            tenant,
            [
                GadgetSetting.model_validate(
                    {
                        "dashboard_item_id": item,
                        "dashboard_id": "10100",
                        "report_id": report_id,
                        "updated_at": EXPORTED_AT,
                        "updated_by": "acc-1",
                    }
                )
                for item, report_id in (("20001", ids[1]), ("20002", ids[2]))
            ],
        )
    return tenant


@pytest.mark.parametrize(
    "indent", [pytest.param(None, id="compact"), pytest.param(2, id="indent2")]
)
@pytest.mark.parametrize("page_size", [1, 2, 500])
def test_stream_is_the_model_json_byte_for_byte(
    database: Database, indent: int | None, page_size: int
) -> None:
    tenant = _small_site(database)
    with database.session() as session:
        store = ReportStore(session, tenant)
        whole = export_file(
            store.live(), gadgets.settings_showing(session, tenant, store.live_ids())
        )
        expected = whole.model_copy(update={"exported_at": EXPORTED_AT}).model_dump_json(
            indent=indent
        )

    streamed = "".join(
        export_site_chunks(
            database, tenant, indent=indent, page_size=page_size, exported_at=EXPORTED_AT
        )
    )

    assert streamed == expected
    parsed = ReportExportFile.model_validate_json(streamed)
    assert len(parsed.reports) == 4 and len(parsed.dashboard_gadgets) == 1


def test_empty_site_streams_an_empty_file(database: Database) -> None:
    tenant = install_tenant(database, "stream-empty").client_key
    for indent in (None, 2):
        streamed = "".join(export_site_chunks(database, tenant, indent=indent))
        parsed = ReportExportFile.model_validate_json(streamed)
        assert parsed.reports == [] and parsed.dashboard_gadgets == []


OVER_THE_OLD_LIMIT = 1_001


def test_api_exports_more_than_a_thousand_reports(
    as_user: Any, tenant_a: Tenant, database: Database
) -> None:
    ids = _seed(database, tenant_a.client_key, OVER_THE_OLD_LIMIT)
    response = as_user(JIRA_ADMIN).get("/api/admin/export")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    parsed = ReportExportFile.model_validate_json(response.content)
    assert [str(report.id) for report in parsed.reports] == ids


def test_cli_exports_more_than_a_thousand_reports(tmp_path: Path) -> None:
    from rollbook.migrations import upgrade_database

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade_database(url)
    database = Database(url)
    tenant = install_tenant(database, "stream-cli")
    ids = _seed(database, tenant.client_key, OVER_THE_OLD_LIMIT)
    database.dispose()
    output = tmp_path / "export.json"
    run_rollbook(url, "export", "--tenant", tenant.client_key, "-o", str(output))
    parsed = ReportExportFile.model_validate_json(output.read_text())
    assert [str(report.id) for report in parsed.reports] == ids
    # The CLI's file stays indented for people to read.
    assert output.read_text().startswith('{\n  "format": "rollbook.report-export",\n')
    stdout = json.loads(run_rollbook(url, "export", "--tenant", tenant.client_key))
    assert stdout["reports"] == json.loads(output.read_text())["reports"]


def test_forge_export_is_answered_with_its_length(
    as_forge_user: Any, forge_site: Any, database: Database
) -> None:
    # Forge Remote needs a declared length to stay under its 5 MB limit (the middleware checks it).
    admin: UserClient = as_forge_user(JIRA_ADMIN)
    response = admin.get("/api/admin/export")
    assert response.status_code == 200, response.text
    assert int(response.headers["content-length"]) == len(response.content)
    ReportExportFile.model_validate_json(response.content)


def test_forge_export_over_five_megabytes_is_refused_with_a_json_413(
    as_forge_user: Any, forge_site: Any, database: Database
) -> None:
    # A stream declares no length, so the route itself keeps Forge's 5 MB contract.
    admin: UserClient = as_forge_user(JIRA_ADMIN)
    assert admin.get("/api/reports").status_code == 200  # registers the installation
    body = ReportBody.model_validate(full_report(people={"administrators": ["acc-1"]}))
    definition, people = split_body(body)
    access = people.pop("access")
    now = datetime.now(UTC)
    reports = [
        NewReport(
            id=str(uuid.uuid4()),
            name=f"Report {index}",
            access=access,
            definition=definition,
            people=people,
            created_at=now,
            created_by="acc-1",
            updated_at=now,
            updated_by="acc-1",
        )
        for index in range(FORGE_RESPONSE_LIMIT // 1500)
    ]
    with database.session() as session:
        ReportStore(session, forge_site.installation_id).add_many(reports)
    response = admin.get("/api/admin/export")
    assert response.status_code == 413
    assert response.json()["error"] == "response_too_large"
