"""A log scan: Forge requests, good and bad, with every logger at DEBUG, write no FIT, no app
token and no Connect shared secret anywhere: not in the raw records (so nothing relies on the
redaction) and not in the production JSON lines."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from rollbook.app import create_app
from rollbook.core.db import Database
from rollbook.core.logs import JsonFormatter, RedactingFilter
from rollbook.core.settings import Settings
from support.forge_fit import (
    APP_TOKEN,
    ForgeSigner,
    ForgeSite,
    ForgeUserClient,
    JwksServer,
    fit_claims,
)
from support.logs import production_log
from support.reports import ADMIN, GROUP_MEMBER, JIRA_ADMIN, UserClient, full_report, install_tenant

_STANDARD = set(vars(logging.makeLogRecord({})))


class RawRecords(logging.Handler):
    """Every record as emitted, message and extra fields, before any redaction."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD}
        text = record.getMessage() + " " + json.dumps(extras, default=repr)
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


@pytest.fixture
def logs() -> Iterator[tuple[RawRecords, io.StringIO]]:
    raw, stream = RawRecords(), io.StringIO()
    production = logging.StreamHandler(stream)
    production.setFormatter(JsonFormatter())
    production.addFilter(RedactingFilter())
    root = logging.getLogger()
    previous = root.level
    # Raw first: the production filter rewrites records in place.
    root.handlers.insert(0, raw)
    root.addHandler(production)
    root.setLevel(logging.DEBUG)
    try:
        yield raw, stream
    finally:
        root.removeHandler(raw)
        root.removeHandler(production)
        root.setLevel(previous)


def _jira(request: httpx.Request) -> httpx.Response:
    if request.url.path.endswith("/user/groups"):
        return httpx.Response(200, json=[{"name": "analysts"}])
    if request.url.path.endswith("/permissions/check"):
        return httpx.Response(200, json={"globalPermissions": ["ADMINISTER"]})
    return httpx.Response(404, json={})


def test_no_token_or_secret_reaches_the_logs(
    logs: tuple[RawRecords, io.StringIO],
    forge_settings: Settings,
    database: Database,
    jwks: JwksServer,
    forge_signer: ForgeSigner,
    forge_site: ForgeSite,
) -> None:
    raw, stream = logs
    app = create_app(
        forge_settings,
        database=database,
        forge_keys=jwks.key_source(),
        jira_transport=httpx.MockTransport(_jira),
    )
    tokens: list[str] = []

    class Recorded(ForgeUserClient):
        def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
            headers = super().headers(extra)
            tokens.append(headers["Authorization"].removeprefix("Bearer "))
            return headers

    connect_tenant = install_tenant(database, "logged-site")
    with TestClient(app, base_url="https://rollbook.test") as client:
        admin = Recorded(client, forge_signer, forge_site, ADMIN)
        people = {"access": "limited", "administrators": [ADMIN], "viewer_groups": ["analysts"]}
        report = admin.post("/api/reports", json=full_report(people=people)).json()
        assert (
            Recorded(client, forge_signer, forge_site, GROUP_MEMBER)
            .get(f"/api/reports/{report['id']}")
            .status_code
            == 200
        )
        assert (
            Recorded(client, forge_signer, forge_site, JIRA_ADMIN)
            .get("/api/admin/export")
            .status_code
            == 200
        )
        trigger = forge_signer.sign(fit_claims(forge_site, ui=False))
        tokens.append(trigger)
        client.post(
            "/forge/events/installed",
            headers={"Authorization": f"Bearer {trigger}", "x-forge-oauth-system": APP_TOKEN},
        )
        # Refused ones: expired, wrong audience, unknown kid, and a broken JWKS.
        for claims, kid in [
            (fit_claims(forge_site, now=0), None),
            ({**fit_claims(forge_site), "aud": "ari:cloud:ecosystem::app/other"}, None),
            (fit_claims(forge_site), "kid-unknown"),
        ]:
            bad = forge_signer.sign(claims, kid=kid)
            tokens.append(bad)
            response = client.get(
                "/api/me",
                headers={"Authorization": f"Bearer {bad}", "x-forge-oauth-system": APP_TOKEN},
            )
            assert response.status_code == 401
        jwks.failing = True
        assert Recorded(client, forge_signer, forge_site, ADMIN).get("/api/me").status_code in (
            200,
            401,
        )
        # And Connect beside it, with its shared secret in play.
        assert (
            UserClient(client, connect_tenant, JIRA_ADMIN).get("/api/admin/export").status_code
            == 200
        )

    written = "\n".join(raw.lines) + "\n" + stream.getvalue()
    assert "Forge request refused" in written  # the scan sees the app's records
    assert "HTTP Request" in written  # and httpx's, which name the Jira URLs
    assert len(tokens) >= 7
    for token in tokens:
        for part in token.split("."):
            assert part not in written, "a FIT (or a part of one) was written to the log"
    assert APP_TOKEN not in written, "the Forge app token was written to the log"
    assert connect_tenant.secret not in written, "a Connect shared secret was written to the log"


def test_the_redaction_also_covers_bearer_tokens_and_app_token_headers() -> None:
    with production_log("rollbook.test.redaction") as stream:
        logging.getLogger("rollbook.test.redaction").warning(
            "headers %s",
            {"authorization": "Bearer opaque-token-1", "x-forge-oauth-system": APP_TOKEN},
            extra={"detail": "Authorization: Bearer opaque-token-2"},
        )
    written = stream.getvalue()
    assert "opaque-token-1" not in written and "opaque-token-2" not in written
    assert APP_TOKEN not in written
    assert "[redacted]" in written
