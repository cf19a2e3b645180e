"""qsh against Atlassian's 78 interoperability vectors, plus the spec's sanity values."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from rollbook.connect.qsh import canonical_request, qsh_for_url

VECTORS: dict[str, Any] = json.loads(
    (Path(__file__).parents[2] / "fixtures/connect/connect-jwt-signed-urls.json").read_text()
)


def test_the_file_holds_all_78_vectors() -> None:
    assert len(VECTORS["tests"]) == 78


@pytest.mark.parametrize("vector", VECTORS["tests"], ids=[v["name"] for v in VECTORS["tests"]])
def test_canonical_request_matches_atlassian(vector: dict[str, str]) -> None:
    url = urlsplit(vector["signedUrl"])
    assert canonical_request("GET", url.path, url.query) == vector["canonicalUrl"]


@pytest.mark.parametrize("vector", VECTORS["tests"], ids=[v["name"] for v in VECTORS["tests"]])
def test_qsh_matches_the_token_claim(vector: dict[str, str]) -> None:
    import jwt

    token = dict(
        p.split("=", 1) for p in urlsplit(vector["signedUrl"]).query.split("&") if "=" in p
    )["jwt"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert qsh_for_url("GET", vector["signedUrl"]) == claims["qsh"]


@pytest.mark.parametrize(
    ("method", "path", "query", "base_path", "expected"),
    [
        ("post", "/installed", "", "", "POST&/installed&"),
        ("GET", "", "", "", "GET&/&"),
        ("GET", "/app/ui/reports/", "a=1", "/app", "GET&/ui/reports&a=1"),
        ("GET", "/p", "a=1&a=2&jwt=x", "", "GET&/p&a=1,2"),
        ("GET", "/a&b", "", "", "GET&/a%26b&"),
    ],
)
def test_canonical_request_rules(
    method: str, path: str, query: str, base_path: str, expected: str
) -> None:
    assert canonical_request(method, path, query, base_path) == expected


def test_sha256_sanity_value_from_the_reference() -> None:
    assert (
        hashlib.sha256(b"foo").hexdigest()
        == "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"
    )
