"""Fixtures for the JQL tests: one searcher over the hand-written site, shared per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from tests.jirasim.jql.jql_dataset import NOW, build_site

from jirasim.jql import JqlSearcher
from jirasim.site import Site

Keys = Callable[..., list[str]]


@pytest.fixture(scope="session")
def site() -> Site:
    return build_site()


@pytest.fixture(scope="session")
def searcher(site: Site) -> JqlSearcher:
    return JqlSearcher(site)


@pytest.fixture(scope="session")
def keys(searcher: JqlSearcher) -> Keys:
    """Issue keys found by a query, in order; Alice (who may browse both projects) by default."""

    def run(jql: str, user: str | None = "acc-alice", time_zone: str = "UTC") -> list[str]:
        found = searcher.search(jql, account_id=user, now=NOW, time_zone=time_zone)
        return [issue["key"] for issue in found]

    return run
