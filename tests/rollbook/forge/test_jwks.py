"""The JWKS key source: keys by kid, a refresh on an unknown kid at most once per window, and a
fetch failure that refuses (401 in the app), never crashes."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from rollbook.forge.exceptions import KeySetUnavailable, UnknownSigningKey
from rollbook.forge.jwks import JwksKeySource, parse_key_set
from support.forge_fit import JWKS_URL, ForgeSigner, JwksServer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def signer() -> ForgeSigner:
    return ForgeSigner()


def test_a_known_kid_is_fetched_once_then_served_from_the_cache(signer: ForgeSigner) -> None:
    server = JwksServer([signer])
    source = server.key_source()
    first = source(signer.kid)
    assert source(signer.kid) is first
    assert server.fetches == 1


def test_a_flood_of_unknown_kids_costs_one_fetch_per_window(signer: ForgeSigner) -> None:
    server, clock = JwksServer([signer]), Clock()
    source = server.key_source(refresh_seconds=30, clock=clock)
    source(signer.kid)
    for _ in range(200):
        with pytest.raises(UnknownSigningKey):
            source(f"random-{uuid.uuid4()}")
    assert server.fetches == 1  # the first fetch opened the window; no refresh inside it

    clock.now += 31
    for _ in range(200):
        with pytest.raises(UnknownSigningKey):
            source(f"random-{uuid.uuid4()}")
    assert server.fetches == 2


def test_a_rotated_key_is_found_by_the_refresh(signer: ForgeSigner) -> None:
    server, clock = JwksServer([signer]), Clock()
    source = server.key_source(refresh_seconds=30, clock=clock)
    source(signer.kid)
    rotated = ForgeSigner()
    server.signers = [rotated]
    clock.now += 30
    assert source(rotated.kid) is not None
    # Replaced, not merged: a key withdrawn from the set no longer verifies after a refresh.
    clock.now += 30
    with pytest.raises(UnknownSigningKey):
        source(f"random-{uuid.uuid4()}")
    with pytest.raises(UnknownSigningKey):
        source(signer.kid)


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(503, text="down"),
        httpx.Response(200, text="<html>not json</html>"),
        httpx.Response(200, json={"no": "keys"}),
        httpx.Response(200, json=["keys"]),
    ],
    ids=["503", "not json", "no keys member", "not an object"],
)
def test_a_failed_fetch_refuses_and_is_rate_limited_too(answer: httpx.Response) -> None:
    fetches = 0

    def handler(_request: httpx.Request) -> httpx.Response:
        nonlocal fetches
        fetches += 1
        return answer

    clock = Clock()
    source = JwksKeySource(
        JWKS_URL, refresh_seconds=30, transport=httpx.MockTransport(handler), clock=clock
    )
    for _ in range(5):
        with pytest.raises(KeySetUnavailable):
            source("any-kid")
    assert fetches == 1


def test_an_unreachable_jwks_host_refuses() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    source = JwksKeySource(JWKS_URL, transport=httpx.MockTransport(handler))
    with pytest.raises(KeySetUnavailable):
        source("any-kid")


def test_the_key_set_keeps_only_rs256_signing_keys(signer: ForgeSigner) -> None:
    good = signer.jwk()
    entries: list[Any] = [
        good,
        {**good, "kid": "enc-key", "use": "enc"},
        {**good, "kid": "ps256", "alg": "PS256"},
        {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
        {**good, "kid": "broken", "n": "!!"},
        {**good, "kid": ""},
        "not a key",
    ]
    assert list(parse_key_set({"keys": entries})) == [signer.kid]
