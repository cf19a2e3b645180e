"""The operator CLI: export, purge, import, and backup/restore while another process writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from rollbook.core.db import Database
from rollbook.migrations import upgrade_database
from rollbook.reports.models import Report
from support.cli import run_rollbook
from support.databases import database_params, drop_postgres_database, fresh_postgres_database
from support.reports import full_report, install_tenant

TESTS_DIR = Path(__file__).parents[1]


@pytest.fixture(params=database_params())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'live.db'}"
        upgrade_database(url)
        yield url
        return
    name = f"rollbook_c_{uuid.uuid4().hex[:8]}"
    url = fresh_postgres_database(name)
    upgrade_database(url)
    yield url
    drop_postgres_database(name)


def _seed(database: Database, client_key: str, count: int) -> None:
    from rollbook.reports.schemas import ReportBody
    from rollbook.reports.service import insert_report

    with database.session() as session:
        for index in range(count):
            people = {
                "access": "limited",
                "administrators": ["acc-1"],
                "viewer_users": ["acc-2"],
                "viewer_groups": ["analysts"],
            }
            body = ReportBody.model_validate(full_report(f"Report {index}", people=people))
            insert_report(session, client_key=client_key, body=body, created_by="acc-1")


def _rows(database: Database, client_key: str) -> list[dict[str, object]]:
    with database.session() as session:
        rows = session.scalars(
            select(Report).where(Report.tenant_key == client_key).order_by(Report.id)
        )
        return [
            {c.name: getattr(r, c.name) for c in Report.__table__.columns if c.name != "version"}
            for r in rows
        ]


def test_export_purge_import_round_trip(database_url: str, tmp_path: Path) -> None:
    database = Database(database_url)
    tenant = install_tenant(database, "cli-a")
    other = install_tenant(database, "cli-b")
    _seed(database, tenant.client_key, 3)
    _seed(database, other.client_key, 2)
    before = _rows(database, tenant.client_key)
    other_before = _rows(database, other.client_key)

    export_path = tmp_path / "export.json"
    run_rollbook(database_url, "export", "--tenant", tenant.client_key, "-o", str(export_path))
    assert len(json.loads(export_path.read_text())["reports"]) == 3
    stdout_export = json.loads(run_rollbook(database_url, "export", "--tenant", tenant.client_key))
    assert [r["id"] for r in stdout_export["reports"]] == [
        r["id"] for r in json.loads(export_path.read_text())["reports"]
    ]

    assert "3 reports removed" in run_rollbook(
        database_url, "purge", "--tenant", tenant.client_key, "--yes"
    )
    assert _rows(database, tenant.client_key) == []
    assert _rows(database, other.client_key) == other_before
    assert (
        "no tenant"
        in subprocess.run(
            [sys.executable, "-m", "rollbook.cli", "export", "--tenant", tenant.client_key],
            env={**os.environ, "ROLLBOOK_DATABASE_URL": database_url, "ROLLBOOK_DEV_MODE": "true"},
            capture_output=True,
            text=True,
            check=False,
        ).stderr
    )

    install_tenant(database, "cli-a")  # Jira installs the app again
    run_rollbook(database_url, "import", "--tenant", tenant.client_key, str(export_path))
    assert _rows(database, tenant.client_key) == before
    database.dispose()


def test_purge_asks_for_confirmation(database_url: str) -> None:
    database = Database(database_url)
    tenant = install_tenant(database, "cli-c")
    _seed(database, tenant.client_key, 1)
    env = {**os.environ, "ROLLBOOK_DATABASE_URL": database_url, "ROLLBOOK_DEV_MODE": "true"}
    refused = subprocess.run(
        [sys.executable, "-m", "rollbook.cli", "purge", "--tenant", tenant.client_key],
        env=env,
        input="n\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode != 0
    assert len(_rows(database, tenant.client_key)) == 1
    database.dispose()


def test_backup_while_another_process_writes(database_url: str, tmp_path: Path) -> None:
    database = Database(database_url)
    tenant = install_tenant(database, "cli-w")
    env = {**os.environ, "PYTHONPATH": str(TESTS_DIR)}
    writer = subprocess.Popen(
        [sys.executable, "-m", "support.report_writer", database_url, tenant.client_key, "6"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acknowledged: dict[str, str] = {}
    while len(acknowledged) < 40:
        _, report_id, name = writer.stdout.readline().split()
        acknowledged[report_id] = name
    # Everything acknowledged so far happened before the backup started.
    before_backup = dict(acknowledged)
    backup_path = tmp_path / "rollbook.backup"
    run_rollbook(database_url, "backup", str(backup_path))
    for line in writer.stdout:
        _, report_id, name = line.split()
        acknowledged[report_id] = name
    assert writer.wait(timeout=60) == 0
    assert len(acknowledged) > len(before_backup), "the writer kept writing during the backup"

    restored_url = database_url
    if database_url.startswith("sqlite"):
        restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
        upgrade_database(restored_url)
    else:
        with database.session() as session:  # lose the live data, then restore it
            session.execute(Report.__table__.delete())
    run_rollbook(restored_url, "restore", str(backup_path), "--yes")
    restored = Database(restored_url)
    with restored.session() as session:
        rows = {row.id: row for row in session.scalars(select(Report))}
    for report_id, name in before_backup.items():
        row = rows[report_id]
        assert row.name == name
        assert row.definition["jql"] == f"project = ROLL AND key = ROLL-{int(name[-6:])}"
        assert row.people == {"administrators": ["writer"], "viewer_users": [], "viewer_groups": []}
    restored.dispose()
    database.dispose()
    time.sleep(0)
