"""The issue navigator page (`/issues/?jql=`): the same search as `/search/jql`, for the signed-in
user (permissions and time zone), showing the query, the count and the keys."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from tests.jirasim.host.test_pages import MEMBER_ID, sign_in


def navigator(client, jql: str) -> str:
    response = client.get(f"/issues/?jql={quote(jql)}")
    assert response.status_code == 200
    return response.text


def count_of(html: str) -> int:
    match = re.search(r'data-testid="navigator-count" data-count="(\d+)"', html)
    assert match, "no count on the page"
    return int(match.group(1))


def keys_of(html: str) -> list[str]:
    return re.findall(r'data-testid="navigator-issue">([^<]+)</a>', html)


def rest_keys(client, jql: str) -> list[str]:
    keys: list[str] = []
    token = None
    while True:
        params = {"jql": jql, "maxResults": "5000", "fields": "summary"}
        if token:
            params["nextPageToken"] = token
        body = client.get("/rest/api/3/search/jql", params=params).json()
        keys.extend(issue["key"] for issue in body["issues"])
        token = body.get("nextPageToken")
        if not token:
            return keys


@pytest.mark.parametrize(
    "jql",
    [
        "project = ROLL",
        "project = ROLL AND labels is EMPTY ORDER BY key",
        'project = ROLL AND created >= "2026-01-01 00:00" AND created < "2026-02-01 00:00"',
    ],
    ids=["project", "empty-labels", "date-range"],
)
def test_navigator_lists_what_rest_search_finds(sim_client, jql) -> None:
    sign_in(sim_client, MEMBER_ID)
    html = navigator(sim_client, jql)
    expected = rest_keys(sim_client, jql)
    assert count_of(html) == len(expected)
    assert keys_of(html) == expected[:1000]


def test_navigator_shows_the_query_escaped(sim_client) -> None:
    sign_in(sim_client, MEMBER_ID)
    html = navigator(sim_client, 'project = ROLL AND summary ~ "<b>x</b>"')
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_navigator_reports_invalid_jql(sim_client) -> None:
    sign_in(sim_client, MEMBER_ID)
    html = navigator(sim_client, "project = ROLL AND nosuchfield = 1")
    assert 'data-testid="navigator-error"' in html and "nosuchfield" in html


def test_navigator_respects_browse_permission(sim_client, sim_site) -> None:
    secret = sum(1 for i in sim_site.issues if i["fields"]["project"]["key"] == "SEC")
    assert secret > 0
    sign_in(sim_client, MEMBER_ID)
    assert count_of(navigator(sim_client, "project = SEC")) == 0


def test_navigator_asks_to_sign_in(sim_client) -> None:
    html = navigator(sim_client, "project = ROLL")
    assert "Choose a user" in html and "navigator-count" not in html
