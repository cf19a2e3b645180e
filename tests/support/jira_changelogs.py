"""Issues and their status changes, read from a Jira (jirasim) over REST by a test, apart from the
product's loader: the independent side of the history-field checks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

SEARCH_PATH = "/rest/api/3/search/jql"
BULK_CHANGELOG_PATH = "/rest/api/3/changelog/bulkfetch"
BULK_ISSUES = 1000  # bulkfetch's most issues per request

# Sends one POST with a JSON body and returns the response (a TestClient's or an httpx client's).
Post = Callable[..., Any]


def search_all(post: Post, jql: str, fields: list[str]) -> list[dict[str, Any]]:
    """Every issue `jql` matches, following `nextPageToken`."""
    found: list[dict[str, Any]] = []
    token = None
    while True:
        body: dict[str, Any] = {"jql": jql, "fields": fields, "maxResults": 100}
        if token:
            body["nextPageToken"] = token
        response = post(SEARCH_PATH, json=body)
        assert response.status_code == 200, response.text
        page = response.json()
        found += page["issues"]
        if page.get("isLast"):
            return found
        token = page["nextPageToken"]


def status_histories(post: Post, ids: list[str], page_size: int = 1000) -> dict[str, list[Any]]:
    """Status histories by issue id from `changelog/bulkfetch`, every page (an issue's histories
    may continue on the next one); issues with none are absent."""
    by_issue: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for first in range(0, len(ids), BULK_ISSUES):
        token = None
        while True:
            body: dict[str, Any] = {
                "issueIdsOrKeys": ids[first : first + BULK_ISSUES],
                "fieldIds": ["status"],
                "maxResults": page_size,
            }
            if token:
                body["nextPageToken"] = token
            response = post(BULK_CHANGELOG_PATH, json=body)
            assert response.status_code == 200, response.text
            page = response.json()
            for log in page["issueChangeLogs"]:
                by_issue[log["issueId"]] += log["changeHistories"]
            token = page.get("nextPageToken")
            if not token:
                break
    return dict(by_issue)
