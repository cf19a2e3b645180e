"""The request body limit: refused with 413 before the body is read or the caller authenticated,
for a declared length and for a chunked body, on both hosts' API; bodies within the limit reach
the app; and a huge body is never buffered (the server pulls at most the limit and one chunk)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import anyio
import pytest
from fastapi.testclient import TestClient

from rollbook.core.settings import Settings
from support.connect import tenant_token
from support.reports import ADMIN, Tenant, UserClient

LIMIT = Settings.model_fields["max_request_body_bytes"].default
IMPORT_LIMIT = Settings.model_fields["max_import_body_bytes"].default
CHUNK = 64 * 1024


def _chunks(total: int, size: int = CHUNK) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        piece = min(size, total - sent)
        sent += piece
        yield b" " * piece


def _json_padded_to(size: int) -> bytes:
    """A valid JSON body of exactly `size` bytes (trailing whitespace is still JSON)."""
    body = b'{"name": "padded"}'
    return body + b" " * (size - len(body))


def _assert_refused(response: Any, limit: int) -> None:
    assert response.status_code == 413, response.text
    assert response.json()["error"] == "payload_too_large"
    assert str(limit) in response.json()["message"]
    # Outside the app, still inside the security headers.
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors" in response.headers["content-security-policy"]


OVERSIZE_CASES = [
    pytest.param("POST", "/api/reports", {}, LIMIT + 1, False, LIMIT, id="declared-no-token"),
    pytest.param("POST", "/api/reports", {}, LIMIT + 1, True, LIMIT, id="chunked-no-token"),
    pytest.param(
        "PUT",
        "/api/reports/00000000-0000-4000-8000-000000000000",
        {"Authorization": "JWT not-a-token"},
        LIMIT * 3,
        True,
        LIMIT,
        id="chunked-bad-connect-token",
    ),
    pytest.param(
        "POST",
        "/api/reports",
        {"Authorization": "Bearer not-a-fit"},
        LIMIT + 1,
        False,
        LIMIT,
        id="forge-bearer-declared",
    ),
    pytest.param(
        "POST",
        "/api/reports",
        {"Authorization": "Bearer not-a-fit"},
        LIMIT + 1,
        True,
        LIMIT,
        id="forge-bearer-chunked",
    ),
    pytest.param("POST", "/installed", {}, LIMIT + 1, False, LIMIT, id="connect-lifecycle"),
    pytest.param(
        "POST", "/api/import", {}, IMPORT_LIMIT + 1, False, IMPORT_LIMIT, id="import-declared"
    ),
]


@pytest.mark.parametrize(("method", "path", "headers", "size", "chunked", "limit"), OVERSIZE_CASES)
def test_oversize_body_is_refused_before_authentication(
    api: TestClient,
    method: str,
    path: str,
    headers: dict[str, str],
    size: int,
    chunked: bool,
    limit: int,
) -> None:
    content: Any = _chunks(size) if chunked else b" " * size
    response = api.request(method, path, headers=headers, content=content)
    _assert_refused(response, limit)


def test_body_at_the_limit_reaches_the_app(api: TestClient) -> None:
    # No token: the app reads the body (FastAPI parses it first), then refuses the caller.
    response = api.post("/api/reports", content=_json_padded_to(LIMIT))
    assert response.status_code == 401
    assert response.json()["error"] != "payload_too_large"


def test_report_write_at_the_limit_is_handled(as_user: Any) -> None:
    # Within the body limit, the report's own validation answers (the jql is too long).
    admin: UserClient = as_user(ADMIN)
    report = {"name": "Big", "jql": "x" * (LIMIT - 100)}
    response = admin.post("/api/reports", json=report)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_report"


@dataclass
class AsgiCall:
    """One request sent straight to the ASGI app, counting the body bytes the app pulls."""

    chunks: Iterator[bytes]
    pulled: int = 0
    status: int | None = None
    body: bytes = b""
    headers: dict[bytes, bytes] = field(default_factory=dict)

    async def receive(self) -> dict[str, Any]:
        chunk = next(self.chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        self.pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(self, message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = dict(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")


def _call(app: Any, path: str, headers: list[tuple[bytes, bytes]], total: int) -> AsgiCall:
    call = AsgiCall(_chunks(total))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"rollbook.test"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("rollbook.test", 443),
        "state": {},
    }
    anyio.run(app, scope, call.receive, call.send)
    return call


HUNDRED_MB = 100 * 1024 * 1024


def _connect_token(tenant: Tenant) -> bytes:
    token = tenant_token(client_key=tenant.client_key, secret=tenant.secret, account_id=ADMIN)
    return f"JWT {token}".encode()


@pytest.mark.parametrize(
    ("path", "authorization", "declared", "most_pulled", "status"),
    [
        pytest.param("/api/reports", None, False, LIMIT + CHUNK, 413, id="chunked-no-token"),
        pytest.param("/api/reports", None, True, 0, 413, id="declared-no-token"),
        pytest.param(
            "/api/reports", _connect_token, False, LIMIT + CHUNK, 413, id="chunked-with-token"
        ),
        pytest.param(
            "/api/reports",
            lambda _tenant: b"Bearer not-a-fit",
            False,
            LIMIT + CHUNK,
            413,
            id="chunked-forge",
        ),
        # The import's limit is larger, so its body is read only after authentication: a
        # caller without a token gets 401 and the server reads none of it.
        pytest.param("/api/import", None, False, 0, 401, id="import-chunked-no-token"),
        pytest.param("/api/import", None, True, 0, 413, id="import-declared-no-token"),
        pytest.param(
            "/api/import",
            _connect_token,
            False,
            IMPORT_LIMIT + CHUNK,
            413,
            id="import-chunked-with-token",
        ),
    ],
)
def test_huge_body_is_never_buffered(
    api: TestClient,
    tenant_a: Tenant,
    path: str,
    authorization: Callable[[Tenant], bytes] | None,
    declared: bool,
    most_pulled: int,
    status: int,
) -> None:
    headers = [(b"content-type", b"application/json")]
    if authorization is not None:
        headers.append((b"authorization", authorization(tenant_a)))
    if declared:
        headers.append((b"content-length", str(HUNDRED_MB).encode()))
    call = _call(api.app, path, headers, HUNDRED_MB)
    assert call.pulled <= most_pulled
    assert call.status == status
    if status == 413:
        assert b"payload_too_large" in call.body


def test_import_within_its_limit_is_read_after_authentication(as_user: Any) -> None:
    # Larger than any other body may be, and accepted: the import's own limit applies.
    admin: UserClient = as_user(ADMIN)
    file = {
        "format": "rollbook.report-export",
        "format_version": 1,
        "exported_at": "2026-01-01T00:00:00Z",
        "reports": [],
    }
    body = b'{"file": ' + str(file).replace("'", '"').encode() + b"}"
    padded = body + b" " * (LIMIT * 2)
    response = admin.post(
        "/api/import", content=padded, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201, response.text
    assert response.json() == {"ids": []}
