"""A tiny Jira REST client that signs each request as the app (PLATFORM.md §1.7).

The server only asks Jira who a user is allowed to be (groups, admin permission); it never asks
for issues."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx

from rollbook.connect.jwt import encode_hs256
from rollbook.connect.qsh import query_string_hash


class JiraUnavailable(Exception):
    """Jira did not answer, or answered with an error we cannot interpret."""


class JiraAppClient:
    def __init__(
        self,
        *,
        base_url: str,
        shared_secret: str,
        app_key: str,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._base_path = urlsplit(self._base_url).path
        self._secret = shared_secret
        self._app_key = app_key
        self._client = httpx.Client(timeout=timeout, transport=transport)

    def _token(self, method: str, path: str, query: str) -> str:
        now = int(time.time())
        claims = {
            "iss": self._app_key,
            "iat": now,
            "exp": now + 180,
            "qsh": query_string_hash(method, path, query),
        }
        return encode_hs256(claims, self._secret)

    def request(
        self, method: str, path: str, *, params: dict[str, str] | None = None, json: Any = None
    ) -> Any:
        query = urlencode(params or {})
        url = f"{self._base_url}{path}" + (f"?{query}" if query else "")
        headers = {
            "Authorization": f"JWT {self._token(method, path, query)}",
            "Accept": "application/json",
        }
        try:
            response = self._client.request(method, url, headers=headers, json=json)
        except httpx.HTTPError as exc:
            raise JiraUnavailable(f"Jira at {self._base_url} could not be reached") from exc
        if response.status_code >= 400:
            raise JiraUnavailable(f"Jira answered {response.status_code} to {method} {path}")
        try:
            return response.json()
        except ValueError as exc:
            raise JiraUnavailable(f"Jira answered {method} {path} with invalid JSON") from exc

    def close(self) -> None:
        self._client.close()
