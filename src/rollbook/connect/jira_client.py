"""Connect's Jira REST client: calls Jira as the app with a JWT signed by the tenant's shared
secret, per request, sent through the app's one async HTTP client."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from rollbook.connect.jwt import encode_hs256
from rollbook.connect.qsh import query_string_hash
from rollbook.jira.client import request_url, send
from rollbook.jira.http import JiraHttp


class JiraAppClient:
    """Connect: a JWT with a real qsh, signed with the tenant's shared secret, per request."""

    def __init__(
        self,
        *,
        base_url: str,
        shared_secret: str,
        app_key: str,
        http: JiraHttp,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._secret = shared_secret
        self._app_key = app_key
        self._http = http

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
        headers = {
            "Authorization": f"JWT {self._token(method, path, query)}",
            "Accept": "application/json",
        }
        return await send(
            self._http,
            method,
            request_url(self._base_url, path, query),
            path=path,
            headers=headers,
            json=json,
            site=self._base_url,
            timeout=timeout,
        )
