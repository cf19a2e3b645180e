"""The log holds no Atlassian account id: a report list that asks Jira for the caller's groups and
an admin check that asks Jira for the ADMINISTER permission are run with every logger at DEBUG,
and both the captured records and the JSON log lines are scanned for the account ids."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from support.fake_jira import GROUP_SHARED, FakeJira
from support.logs import production_log
from support.reports import ADMIN, Tenant, UserClient

# Shaped like real account ids, so that nothing could tell them from other hex strings.
MEMBER = "5b10a0effa615349cb0f00d1"
JIRA_ADMINISTRATOR = "5b10ac8d82e05b22cc7fade2"


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """Every record as the server's code writes it, before the redaction filter."""
    with production_log(level=None, redacting=False) as stream:
        yield stream


def test_group_and_admin_look_ups_log_no_account_id(
    make_app: Callable[..., FastAPI],
    site_a: Tenant,
    jira: FakeJira,
    caplog: pytest.LogCaptureFixture,
    json_log: io.StringIO,
) -> None:
    jira.groups.update({MEMBER: ["analysts"], JIRA_ADMINISTRATOR: ["jira-administrators"]})
    jira.jira_admins.add(JIRA_ADMINISTRATOR)
    caplog.set_level(logging.DEBUG)
    with TestClient(make_app(), base_url="https://rollbook.test") as api:
        UserClient(api, site_a, ADMIN).create(people=GROUP_SHARED)
        listed = UserClient(api, site_a, MEMBER).get("/api/reports")
        assert listed.json()["total"] == 1
        # The admin check: a wrong confirmation, so it is asked and nothing is purged.
        purge = UserClient(api, site_a, JIRA_ADMINISTRATOR).post(
            "/api/admin/purge", json={"confirm_site_url": "https://not-this-site.test"}
        )
        assert purge.json()["error"] == "purge_not_confirmed", purge.text
    assert jira.group_calls() == 1 and any("permissions" in call for call in jira.calls)
    # The scan would see the ids: the HTTP client did log the group look-up.
    assert any("user/groups" in record.getMessage() for record in caplog.records)
    for account_id in (MEMBER, JIRA_ADMINISTRATOR):
        assert account_id not in caplog.text
        assert account_id not in json_log.getvalue()
        for record in caplog.records:
            assert account_id not in str(vars(record))
