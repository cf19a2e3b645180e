"""Rollbook's server-side Jira REST clients, each calling Jira as the app (PLATFORM.md §1.7).

`JiraAppClient` signs each request with the Connect tenant's shared secret; `BearerJiraClient`
sends a Forge app token. The server only asks Jira who a user is allowed to be (groups, admin
permission); it never asks for issues."""

from __future__ import annotations

import time
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

import httpx

from rollbook.connect.jwt import encode_hs256
from rollbook.connect.qsh import query_string_hash


class JiraUnavailable(Exception):
    """Jira did not answer, or answered with an error we cannot interpret."""


class JiraClient(Protocol):
    def request(
        self, method: str, path: str, *, params: dict[str, str] | None = None, json: Any = None
    ) -> Any: ...

    def close(self) -> None: ...


def send(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    path: str,
    headers: dict[str, str],
    json: Any,
    site: str,
) -> Any:
    """One request; any failure becomes `JiraUnavailable`, whose message names no credential."""
    try:
        response = client.request(method, url, headers=headers, json=json)
    except httpx.HTTPError as exc:
        raise JiraUnavailable(f"Jira at {site} could not be reached") from exc
    if response.status_code >= 400:
        raise JiraUnavailable(f"Jira answered {response.status_code} to {method} {path}")
    try:
        return response.json()
    except ValueError as exc:
        raise JiraUnavailable(f"Jira answered {method} {path} with invalid JSON") from exc


class JiraAppClient:
    """Connect: a JWT with a real qsh, signed with the tenant's shared secret, per request."""

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

    def __repr__(self) -> str:  # never include the shared secret
        return f"JiraAppClient(base_url={self._base_url!r})"

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
        return send(
            self._client, method, url, path=path, headers=headers, json=json, site=self._base_url
        )

    def close(self) -> None:
        self._client.close()


class BearerJiraClient:
    """Forge: the app token that came with this request (`x-forge-oauth-system`), sent as
    `Authorization: Bearer` to `{apiBaseUrl}/rest/api/3/...`. Lives for one request; the token
    is never stored elsewhere and never part of a message or a repr."""

    def __init__(
        self,
        *,
        api_base_url: str,
        token: str,
        timeout: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._api_base_url = api_base_url.rstrip("/")
        self._token = token
        self._client = httpx.Client(timeout=timeout, transport=transport)

    def __repr__(self) -> str:  # never include the token
        return f"BearerJiraClient(api_base_url={self._api_base_url!r})"

    def request(
        self, method: str, path: str, *, params: dict[str, str] | None = None, json: Any = None
    ) -> Any:
        query = urlencode(params or {})
        url = f"{self._api_base_url}{path}" + (f"?{query}" if query else "")
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        return send(
            self._client,
            method,
            url,
            path=path,
            headers=headers,
            json=json,
            site=self._api_base_url,
        )

    def close(self) -> None:
        self._client.close()
