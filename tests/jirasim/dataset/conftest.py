"""Sites shared by the dataset tests; generating one is cheap, but not free."""

from __future__ import annotations

import pytest

from jirasim.dataset import generate_site
from jirasim.site import Site

BASE_URL = "https://rollbook-demo.atlassian.net"


@pytest.fixture(scope="session")
def small_site() -> Site:
    return generate_site(seed=1, issue_count=100, base_url=BASE_URL)


@pytest.fixture(scope="session")
def site() -> Site:
    return generate_site(seed=2, issue_count=600, base_url=BASE_URL)
