"""The report API tests (tests/rollbook/reports/test_api_reports.py), run unchanged against the
production topology: over https through nginx, each test on a tenant installed through it."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from support.reports import Tenant, UserClient
from topology.stack import Topology

pytestmark = [pytest.mark.topology, pytest.mark.postgres]

_CASES = Path(__file__).resolve().parents[1] / "rollbook" / "reports" / "test_api_reports.py"
_spec = importlib.util.spec_from_file_location("report_api_cases", _CASES)
assert _spec is not None and _spec.loader is not None
_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cases)
# Collected here as this module's tests, with this module's `as_user`.
globals().update({name: case for name, case in vars(_cases).items() if name.startswith("test_")})


@pytest.fixture
def as_user(topology: Topology) -> Callable[..., UserClient]:
    client_key, secret = topology.new_tenant()
    tenant = Tenant(client_key, secret, "https://acme.atlassian.net")
    client = topology.client()

    def make(account_id: str, on: Tenant = tenant) -> UserClient:
        return UserClient(client, on, account_id)  # type: ignore[arg-type]

    return make
