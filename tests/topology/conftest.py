"""The production topology (nginx, two instances, PostgreSQL), started once for every test
that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from support.connect import InstallSigner
from topology.stack import Topology, running_topology


@pytest.fixture(scope="session")
def topology(
    tmp_path_factory: pytest.TempPathFactory, install_signer: InstallSigner
) -> Iterator[Topology]:
    with running_topology(tmp_path_factory.mktemp("topology"), install_signer) as started:
        yield started
