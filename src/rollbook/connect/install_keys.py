"""Public keys for signed installs, fetched by kid from the install-keys server and cached.

A rotated key always gets a new kid (docs/platform.md#signed-install), so a kid's key never
changes."""

from __future__ import annotations

import re
import threading

import httpx

from rollbook.connect.exceptions import UnknownSigningKey
from rollbook.core.state import AppKey

# kids are UUID-like; refusing anything else keeps the fetch URL under our control.
_KID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{1,128}$")


class InstallKeyFetcher:
    def __init__(self, keys_url: str, *, timeout: float = 5.0) -> None:
        self._keys_url = keys_url.rstrip("/")
        self._timeout = timeout
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def __call__(self, kid: str) -> str:
        if not _KID_PATTERN.match(kid) or kid in {".", ".."}:
            raise UnknownSigningKey("install token kid is not acceptable")
        with self._lock:
            cached = self._cache.get(kid)
        if cached is not None:
            return cached
        try:
            response = httpx.get(f"{self._keys_url}/{kid}", timeout=self._timeout)
        except httpx.HTTPError as exc:
            raise UnknownSigningKey("install key server could not be reached") from exc
        if response.status_code != 200 or "BEGIN PUBLIC KEY" not in response.text:
            raise UnknownSigningKey("install key server does not know this kid")
        with self._lock:
            self._cache[kid] = response.text
        return response.text


INSTALL_KEYS: AppKey[InstallKeyFetcher] = AppKey("install_keys")
