"""Schemathesis against the app's own OpenAPI: generated requests, valid and invalid, never
produce a server error, and invalid report bodies get a 422 naming the field."""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from support.connect import tenant_token
from support.reports import Tenant


def test_no_server_errors(api: Any, tenant_a: Tenant) -> None:
    app: FastAPI = api.app
    schema = schemathesis.openapi.from_dict(app.openapi())
    schema.app = app
    token = tenant_token(
        client_key=tenant_a.client_key, secret=tenant_a.secret, ttl=3600, account_id="acc-fuzzer"
    )
    headers = {"Authorization": f"JWT {token}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def exercise(case: Any) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])
            if response.status_code == 422:
                body = response.json()
                assert body["error"] in {"invalid_report", "invalid_request"} and body["detail"]
                assert all(detail["loc"] for detail in body["detail"])

        exercise()
