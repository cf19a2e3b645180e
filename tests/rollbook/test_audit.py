"""The audit log: exactly one `rollbook.audit` line per change (through the API and the operator
CLI), with the action, the tenant, the report id and the actor's keyed hash; never the report's
name or JQL, never an Atlassian account id; and nothing for a refused or rolled-back action."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rollbook.core.audit import AUDIT_LOGGER, OPERATOR
from rollbook.core.db import Database
from rollbook.core.keyring import Keyring
from rollbook.migrations import upgrade_database
from support.cli import run_rollbook
from support.logs import production_log
from support.reports import (
    ADMIN,
    JIRA_ADMIN,
    VIEWER,
    Tenant,
    UserClient,
    editable,
    full_report,
    install_tenant,
)

NAME = "Quarterly payroll of the night shift"
JQL = "project = PAYROLL AND labels = confidential-bonus"
ACCOUNT_IDS = [ADMIN, JIRA_ADMIN, VIEWER]


class AuditLines:
    """The JSON lines logged on `rollbook.audit`, formatted as in production."""

    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def lines(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def clear(self) -> None:
        self.stream.seek(0)
        self.stream.truncate()


@pytest.fixture
def audit_lines() -> Iterator[AuditLines]:
    with production_log(AUDIT_LOGGER, level=logging.INFO) as stream:
        yield AuditLines(stream)


def _report(user: UserClient, **people: Any) -> dict[str, Any]:
    return user.create(
        name=NAME,
        jql=JQL,
        people={"access": "open", "administrators": [user.account_id], **people},
    )


def _hash(account_id: str) -> str:
    # The test database seals with the development key (no ROLLBOOK_SECRET_KEY in tests).
    return Keyring.development().actor_hash(account_id)


Action = Callable[[UserClient, Any], tuple[str, str, str | None]]


def _create(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    return "report.create", ADMIN, _report(admin)["id"]


def _update(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    saved = admin.put(
        f"/api/reports/{report['id']}", json=editable(report, version=report["version"])
    )
    assert saved.status_code == 200, saved.text
    return "report.update", ADMIN, report["id"]


def _delete(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    assert admin.delete(f"/api/reports/{report['id']}").status_code == 204
    return "report.delete", ADMIN, report["id"]


def _restore(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    admin.delete(f"/api/reports/{report['id']}")
    assert admin.post(f"/api/reports/{report['id']}/restore").status_code == 200
    return "report.restore", ADMIN, report["id"]


def _delete_forever(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    admin.delete(f"/api/reports/{report['id']}")
    assert admin.delete(f"/api/trash/{report['id']}").status_code == 204
    return "report.delete_forever", ADMIN, report["id"]


def _duplicate(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    copy = as_user(VIEWER).post(f"/api/reports/{report['id']}/duplicate")
    assert copy.status_code == 201, copy.text
    return "report.duplicate", VIEWER, copy.json()["id"]


def _gadget(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    chosen = admin.put("/api/gadgets/1", json={"dashboard_id": "2", "report_id": report["id"]})
    assert chosen.status_code == 200, chosen.text
    return "gadget.choose", ADMIN, report["id"]


def _report_export(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    assert admin.get(f"/api/reports/{report['id']}/export").status_code == 200
    return "report.export", ADMIN, report["id"]


def _site_export(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    _report(admin)
    assert as_user(JIRA_ADMIN).get("/api/admin/export").status_code == 200
    return "site.export", JIRA_ADMIN, None


def _import(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    report = _report(admin)
    exported = admin.get(f"/api/reports/{report['id']}/export").json()
    imported = admin.post("/api/import", json={"file": exported})
    assert imported.status_code == 201, imported.text
    return "site.import", ADMIN, None


def _purge(admin: UserClient, as_user: Any) -> tuple[str, str, str | None]:
    _report(admin)
    purged = as_user(JIRA_ADMIN).post(
        "/api/admin/purge", json={"confirm_site_url": admin.tenant.base_url}
    )
    assert purged.status_code == 200, purged.text
    return "site.purge", JIRA_ADMIN, None


@pytest.mark.parametrize(
    "act",
    [
        pytest.param(_create, id="create"),
        pytest.param(_update, id="update"),
        pytest.param(_delete, id="delete"),
        pytest.param(_restore, id="restore"),
        pytest.param(_delete_forever, id="delete-forever"),
        pytest.param(_duplicate, id="duplicate"),
        pytest.param(_gadget, id="gadget-change"),
        pytest.param(_report_export, id="report-export"),
        pytest.param(_site_export, id="site-export"),
        pytest.param(_import, id="import"),
        pytest.param(_purge, id="purge"),
    ],
)
def test_each_api_action_writes_exactly_one_audit_line(
    as_user: Any, tenant_a: Tenant, audit_lines: AuditLines, act: Action
) -> None:
    admin: UserClient = as_user(ADMIN)
    action, actor, report_id = act(admin, as_user)

    mine = [line for line in audit_lines.lines() if line["action"] == action]
    assert len(mine) == 1, audit_lines.lines()
    (line,) = mine
    assert line["logger"] == AUDIT_LOGGER
    assert line["tenant_key"] == tenant_a.client_key
    assert line["actor"] == _hash(actor)
    if report_id is not None:
        assert line["report_id"] == report_id
    written = audit_lines.stream.getvalue()
    for content in [NAME, "PAYROLL", "confidential-bonus", *ACCOUNT_IDS]:
        assert content not in written


@pytest.mark.parametrize(
    "refused",
    [
        pytest.param(
            lambda admin, viewer, report: viewer.put(
                f"/api/reports/{report['id']}", json=editable(report, version=report["version"])
            ),
            id="update-by-a-non-administrator",
        ),
        pytest.param(
            lambda admin, viewer, report: admin.put(
                f"/api/reports/{report['id']}", json=editable(report, version=99)
            ),
            id="update-with-a-stale-version",
        ),
        pytest.param(
            lambda admin, viewer, report: viewer.delete(f"/api/reports/{report['id']}"),
            id="delete-by-a-non-administrator",
        ),
        pytest.param(
            lambda admin, viewer, report: viewer.get("/api/admin/export"),
            id="site-export-by-a-non-jira-administrator",
        ),
        pytest.param(
            lambda admin, viewer, report: viewer.post(
                "/api/admin/purge", json={"confirm_site_url": "https://wrong.example"}
            ),
            id="purge-refused",
        ),
    ],
)
def test_a_refused_action_writes_no_audit_line(
    as_user: Any, audit_lines: AuditLines, refused: Callable[..., Any]
) -> None:
    admin: UserClient = as_user(ADMIN)
    report = _report(admin)
    audit_lines.clear()
    response = refused(admin, as_user(VIEWER), report)
    assert response.status_code >= 400
    assert audit_lines.lines() == []


def _cli_audit_lines(database_url: str, *args: str) -> list[dict[str, Any]]:
    """`rollbook ARGS…` as an operator runs it; the audit lines of its log (stderr)."""
    env = {**os.environ, "ROLLBOOK_DATABASE_URL": database_url, "ROLLBOOK_DEV_MODE": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "rollbook.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = []
    for text in result.stderr.splitlines():
        if text.startswith("{"):
            line = json.loads(text)
            if line.get("logger") == AUDIT_LOGGER:
                lines.append(line)
    for content in [NAME, "PAYROLL", *ACCOUNT_IDS]:
        assert content not in result.stderr
    return lines


def test_the_operator_commands_write_one_audit_line_each(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    upgrade_database(url)
    database = Database(url)
    tenant = install_tenant(database, "cli")
    from rollbook.reports.schemas import ReportBody
    from rollbook.reports.service import insert_report

    with database.session() as session:
        body = ReportBody.model_validate(
            full_report(NAME, jql=JQL, people={"access": "open", "administrators": [ADMIN]})
        )
        insert_report(session, client_key=tenant.client_key, body=body, created_by=ADMIN)
    database.dispose()
    export_file = tmp_path / "export.json"

    steps = [
        (["export", "--tenant", tenant.client_key, "-o", str(export_file)], "site.export"),
        (["import", "--tenant", tenant.client_key, "--new-ids", str(export_file)], "site.import"),
        (["purge", "--tenant", tenant.client_key, "--yes"], "site.purge"),
    ]
    for args, action in steps:
        lines = _cli_audit_lines(url, *args)
        assert [(line["action"], line["tenant_key"], line["actor"]) for line in lines] == [
            (action, tenant.client_key, OPERATOR)
        ]


def test_the_operator_finds_an_accounts_lines_by_its_hash() -> None:
    # Dev mode: the development key, as the tests' databases use.
    printed = run_rollbook("sqlite://", "audit", "actor", ADMIN).split()
    assert printed == [_hash(ADMIN)]
    assert ADMIN not in printed[0]


def test_after_a_rotation_the_command_prints_the_hash_under_every_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    new, old = Keyring.generate_key(), Keyring.generate_key()
    monkeypatch.setenv("ROLLBOOK_SECRET_KEY", f"{new},{old}")
    printed = run_rollbook("sqlite://", "audit", "actor", ADMIN).split()
    assert printed == [Keyring([new]).actor_hash(ADMIN), Keyring([old]).actor_hash(ADMIN)]


def test_a_line_is_written_only_when_its_transaction_commits(
    database: Database, audit_lines: AuditLines
) -> None:
    from rollbook.core import audit

    with pytest.raises(RuntimeError), database.session() as session:
        audit.record(session, "report.create", tenant_key="t", actor=ADMIN, report_id="r1")
        raise RuntimeError("the write failed after the line was recorded")
    assert audit_lines.lines() == []

    with database.session() as session:
        audit.record(session, "report.create", tenant_key="t", actor=ADMIN, report_id="r2")
        assert audit_lines.lines() == []  # not before the commit
    assert [line["report_id"] for line in audit_lines.lines()] == ["r2"]
