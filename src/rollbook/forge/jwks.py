"""The public keys that sign FITs, fetched from Forge's JWKS URL and cached by `kid`.

An unknown kid refreshes the set, but at most once per `refresh_seconds`: a flood of tokens with
made-up kids costs one fetch per window, not one per token. A fetch that fails counts as the
window's fetch too, so an outage of the JWKS host is not hammered either."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import jwt as pyjwt

from rollbook.forge.exceptions import KeySetUnavailable, UnknownSigningKey

log = logging.getLogger(__name__)


def parse_key_set(document: Any) -> dict[str, Any]:
    """RS256 signing keys of a JWKS document by kid; other or broken entries are skipped."""
    if not isinstance(document, dict) or not isinstance(document.get("keys"), list):
        raise KeySetUnavailable("the JWKS is not a key set")
    keys: dict[str, Any] = {}
    for entry in document["keys"]:
        if not isinstance(entry, dict) or entry.get("kty") != "RSA":
            continue
        if entry.get("use", "sig") != "sig" or entry.get("alg", "RS256") != "RS256":
            continue
        kid = entry.get("kid")
        if not isinstance(kid, str) or not kid:
            continue
        try:
            keys[kid] = pyjwt.PyJWK(entry, algorithm="RS256").key
        except pyjwt.PyJWTError:
            log.warning("JWKS entry skipped: not a usable RSA key", extra={"kid": kid[:128]})
    return keys


class JwksKeySource:
    """`key_source(kid)` → the RSA public key, fetching the JWKS when the kid is new."""

    def __init__(
        self,
        url: str,
        *,
        refresh_seconds: float = 30.0,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = url
        self._refresh_seconds = refresh_seconds
        self._timeout = timeout
        self._transport = transport
        self._clock = clock
        self._keys: dict[str, Any] = {}
        self._last_fetch: float | None = None
        self._last_error: str | None = None
        self._lock = threading.Lock()

    def __call__(self, kid: str) -> Any:
        key = self._keys.get(kid)
        if key is not None:
            return key
        # One fetch at a time: the others wait, then find the kid or the closed window.
        with self._lock:
            key = self._keys.get(kid)
            if key is not None:
                return key
            now = self._clock()
            if self._last_fetch is None or now - self._last_fetch >= self._refresh_seconds:
                self._last_fetch = now
                self._refresh()
            key = self._keys.get(kid)
        if key is not None:
            return key
        if not self._keys and self._last_error:
            raise KeySetUnavailable(self._last_error)
        raise UnknownSigningKey("no Forge signing key has this kid")

    def _refresh(self) -> None:
        try:
            with httpx.Client(timeout=self._timeout, transport=self._transport) as client:
                response = client.get(self._url, headers={"Accept": "application/json"})
            if response.status_code != 200:
                raise KeySetUnavailable(f"the JWKS answered {response.status_code}")
            keys = parse_key_set(response.json())
        except (httpx.HTTPError, ValueError) as exc:
            self._last_error = "the JWKS could not be fetched"
            log.warning("Forge JWKS fetch failed", extra={"error": type(exc).__name__})
            raise KeySetUnavailable(self._last_error) from exc
        except KeySetUnavailable as exc:
            self._last_error = exc.message
            log.warning("Forge JWKS fetch failed", extra={"error": exc.message})
            raise
        # Replaced, not merged: a key Atlassian withdrew from the set stops verifying.
        self._keys = keys
        self._last_error = None
