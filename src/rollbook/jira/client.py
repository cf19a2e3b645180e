"""Rollbook's server-side Jira REST clients, each calling Jira as the app
(docs/platform.md#calling-jira-as-the-app).

`BearerJiraClient` sends a Forge app token; Connect's client, which signs with the tenant's
shared secret, is `rollbook.connect.jira_client` (Connect's JWT stays inside `connect`). The
server only asks Jira who a user is allowed to be (groups, admin permission); never for issues.
Both send through the app's one `JiraHttp` client and never wait on Jira longer than `timeout`."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol
from urllib.parse import urlencode

import httpx

from rollbook.jira.http import JiraHttp

# A Retry-After beyond this is treated as this: a wrong header must not shut a site out for hours.
MAX_RETRY_AFTER_SECONDS = 300


class JiraUnavailable(Exception):
    """Jira did not answer, or answered with an error we cannot interpret. `retry_after`:
    seconds after which asking again may help, when known."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class JiraRateLimited(JiraUnavailable):
    """Jira answered 429 (or 503 with Retry-After): no call to this site before `retry_after`."""


class JiraBusy(JiraUnavailable):
    """Rollbook's own limit: the tenant already has its cap of Jira calls in flight, or this
    request has spent its Jira time budget. Not remembered: it says nothing about the user."""


class JiraClient(Protocol):
    async def request(
        self,
        method: str,
        path: str,
        *,
        timeout: float,
        params: dict[str, str] | None = None,
        json: Any = None,
    ) -> Any: ...


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> int:
    """Retry-After as whole seconds (delta-seconds or an HTTP date), at least 1, at most
    MAX_RETRY_AFTER_SECONDS; 1 when absent or unreadable."""
    seconds: float = 1
    if value:
        try:
            seconds = float(value.strip())
        except ValueError:
            try:
                when = parsedate_to_datetime(value)
                seconds = (when - (now or datetime.now(UTC))).total_seconds()
            except (TypeError, ValueError):
                seconds = 1
    if math.isnan(seconds):
        seconds = 1
    # Clamped before rounding: "inf" and "-inf" parse as floats too.
    return math.ceil(max(1.0, min(float(MAX_RETRY_AFTER_SECONDS), seconds)))


def request_url(base_url: str, path: str, query: str) -> str:
    """`base_url` + `path`, with `?query` when there is one."""
    return f"{base_url}{path}" + (f"?{query}" if query else "")


async def send(
    http: JiraHttp,
    method: str,
    url: str,
    *,
    path: str,
    headers: dict[str, str],
    json: Any,
    site: str,
    timeout: float,
) -> Any:
    """One request; any failure becomes `JiraUnavailable`, whose message names no credential
    and no query (the query may hold an account id)."""
    try:
        async with http.client() as client:
            response = await client.request(
                method, url, headers=headers, json=json, timeout=timeout
            )
    except httpx.TimeoutException as exc:
        raise JiraUnavailable(f"Jira at {site} did not answer in time") from exc
    except httpx.HTTPError as exc:
        raise JiraUnavailable(f"Jira at {site} could not be reached") from exc
    status = response.status_code
    if status == 429 or (status == 503 and "retry-after" in response.headers):
        raise JiraRateLimited(
            f"Jira answered {status} to {method} {path}: asked to wait",
            retry_after=retry_after_seconds(response.headers.get("retry-after")),
        )
    if status >= 400:
        raise JiraUnavailable(f"Jira answered {status} to {method} {path}")
    try:
        return response.json()
    except ValueError as exc:
        raise JiraUnavailable(f"Jira answered {method} {path} with invalid JSON") from exc


class BearerJiraClient:
    """Forge: the app token that came with this request (`x-forge-oauth-system`), sent as
    `Authorization: Bearer` to `{apiBaseUrl}/rest/api/3/...`. Lives for one request; the token
    is never stored elsewhere and never part of a message or a repr."""

    def __init__(self, *, api_base_url: str, token: str, http: JiraHttp) -> None:
        self._api_base_url = api_base_url.rstrip("/")
        self._token = token
        self._http = http

    def __repr__(self) -> str:  # never include the token
        return f"BearerJiraClient(api_base_url={self._api_base_url!r})"

    async def request(
        self,
        method: str,
        path: str,
        *,
        timeout: float,
        params: dict[str, str] | None = None,
        json: Any = None,
    ) -> Any:
        query = urlencode(params or {})
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        return await send(
            self._http,
            method,
            request_url(self._api_base_url, path, query),
            path=path,
            headers=headers,
            json=json,
            site=self._api_base_url,
            timeout=timeout,
        )
