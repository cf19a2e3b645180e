"""Rollbook's server-side Jira REST clients, each calling Jira as the app
(docs/platform.md#calling-jira-as-the-app).

`BearerJiraClient` sends a Forge app token; Connect's client, which signs with the tenant's
shared secret, is `rollbook.connect.jira_client` (Connect's JWT stays inside `connect`). The
server only asks Jira who a user is allowed to be (groups, admin permission); never for issues."""

from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlencode

import httpx


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
