"""The unmodified `jira` package (pycontribs) talks to a running jirasim over HTTP with Basic auth:
server info, JQL search paged with nextPageToken, single issues, counts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from jira import JIRA

from jirasim.jql import JqlSearcher
from jirasim.site import Site

JQL = "project in (ROLL, WEB) ORDER BY priority DESC"
MEMBER_ID = "5b10a0effa615349cb016cd8"


@pytest.fixture
def jirasim_url(sim_app, live_server, port_finder) -> Iterator[str]:
    with live_server(sim_app, port_finder()) as url:
        yield url


@pytest.fixture(params=["2", "3"])
def jira_client(request, jirasim_url) -> Iterator[JIRA]:
    client = JIRA(
        server=jirasim_url,
        basic_auth=("member@example.com", "demo-token-member"),
        options={"rest_api_version": request.param},
    )
    yield client
    client.close()


def _expected_keys(site: Site) -> list[str]:
    issues = JqlSearcher(site).search(JQL, account_id=MEMBER_ID, now=datetime.now(UTC))
    return [str(issue["key"]) for issue in issues]


def test_the_client_sees_a_cloud_site(jira_client: JIRA, jirasim_url: str) -> None:
    info = jira_client.server_info()
    assert info["deploymentType"] == "Cloud"
    assert jira_client.myself()["accountId"] == MEMBER_ID


def test_enhanced_search_fetches_every_page(jira_client: JIRA, sim_site: Site) -> None:
    # maxResults=0 makes the client follow nextPageToken until the last page (100 per page).
    issues = jira_client.enhanced_search_issues(JQL, maxResults=0, fields="summary,status,assignee")
    expected = _expected_keys(sim_site)
    assert len(expected) > 100
    assert [issue.key for issue in issues] == expected
    first = issues[0]
    assert first.fields.summary
    assert first.fields.status.name


def test_enhanced_search_pages_by_hand(jira_client: JIRA, sim_site: Site) -> None:
    keys: list[str] = []
    token = None
    while True:
        page = jira_client.enhanced_search_issues(
            JQL, nextPageToken=token, maxResults=40, fields=["summary"], json_result=True
        )
        assert isinstance(page, dict)
        keys += [issue["key"] for issue in page["issues"]]
        if page["isLast"]:
            break
        token = page["nextPageToken"]
    assert keys == _expected_keys(sim_site)


def test_issue_and_count(jira_client: JIRA, sim_site: Site) -> None:
    key = _expected_keys(sim_site)[0]
    issue = jira_client.issue(key, fields="summary,description")
    assert issue.key == key
    description = issue.raw["fields"]["description"]
    if jira_client._options["rest_api_version"] == "2":
        assert description is None or isinstance(description, str)
    else:
        assert description is None or description["type"] == "doc"
    assert jira_client.approximate_issue_count("project = ROLL") > 0
