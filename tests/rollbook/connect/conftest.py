"""Every Connect test runs with the production log handler attached, and fails if anything it
logged contains a token or a shared secret (privacy: secrets never appear in logs)."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator

import pytest

from support.logs import production_log

JWT_SHAPE = re.compile(r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
SECRET_SHAPE = re.compile(r"secret-of-|s3cret-|rotated-secret-|serve-test-secret-")


@pytest.fixture(autouse=True)
def logs_without_secrets() -> Iterator[io.StringIO]:
    with production_log() as stream:
        yield stream
    written = stream.getvalue()
    assert not JWT_SHAPE.search(written), "a JWT was written to the log"
    assert not SECRET_SHAPE.search(written), "a shared secret was written to the log"


def test_the_log_check_sees_refusals(logs_without_secrets: io.StringIO) -> None:
    logging.getLogger("rollbook.app").info(
        "request refused", extra={"error": "token_expired", "path": "/api/me?jwt=eyJa.eyJb.c"}
    )
    assert "token_expired" in logs_without_secrets.getvalue()
    assert "eyJa.eyJb.c" not in logs_without_secrets.getvalue()
