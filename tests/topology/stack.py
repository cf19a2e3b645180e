"""The production topology of docs/operations.md, started for tests: nginx terminating TLS in
front of two `rollbook serve` instances, started as deploy/systemd/rollbook@.service starts
them, on one PostgreSQL database, outside dev mode."""

from __future__ import annotations

import os
import shlex
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from cryptography.fernet import Fernet

from support.connect import (
    InstallSigner,
    install_claims,
    install_payload,
    serve_install_keys,
    tenant_token,
)
from support.databases import POSTGRES_URL, drop_postgres_database, fresh_postgres_database
from support.servers import free_port
from topology.nginx import Nginx, nginx_binary
from topology.served import ServedRollbook
from topology.tls import TestCertificates, make_certificates

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
INSTANCE_UNIT = DEPLOY / "systemd" / "rollbook@.service"


def unit_serve_arguments(port: int) -> list[str]:
    """The unit's `ExecStart` after the `rollbook` executable, for the instance on `port`."""
    for line in INSTANCE_UNIT.read_text().splitlines():
        if line.startswith("ExecStart="):
            executable, *arguments = shlex.split(line.removeprefix("ExecStart="))
            assert executable.endswith("/rollbook"), executable
            return [argument.replace("%i", str(port)) for argument in arguments]
    raise AssertionError(f"no ExecStart in {INSTANCE_UNIT}")


def require_topology_tools() -> str:
    """nginx's path; skips (fails under ./dev test, which installs everything) without the
    tools or a PostgreSQL server."""
    required = os.environ.get("ROLLBOOK_REQUIRE_POSTGRES") == "1"
    binary = nginx_binary()
    problems = []
    if binary is None:
        problems.append("nginx is not installed (Debian package nginx)")
    if not Path("/usr/bin/envsubst").exists():
        problems.append("envsubst is not installed (Debian package gettext-base)")
    if not POSTGRES_URL:
        problems.append("ROLLBOOK_TEST_POSTGRES_URL is not set")
    if problems:
        if required:
            pytest.fail("; ".join(problems))
        pytest.skip("; ".join(problems))
    assert binary is not None
    return binary


@dataclass
class Topology:
    nginx: Nginx
    instances: list[ServedRollbook]
    certificates: TestCertificates
    install_signer: InstallSigner

    @property
    def base_url(self) -> str:
        return self.nginx.url

    def client(self, base_url: str | None = None) -> httpx.Client:
        """A client of the public https URL (or of one instance's own URL)."""
        return httpx.Client(
            base_url=base_url or self.base_url,
            verify=self.certificates.client_context(),
            timeout=30,
        )

    def install(self, client_key: str, secret: str, *, via: str | None = None) -> None:
        """A signed install (or re-install) as Jira sends it, through nginx unless `via` names
        one instance."""
        token = self.install_signer.token(
            install_claims(client_key=client_key, app_base_url=self.base_url)
        )
        with self.client(via) as client:
            response = client.post(
                "/installed",
                json=install_payload(client_key, secret),
                headers={"Authorization": f"JWT {token}"},
            )
        assert response.status_code == 204, response.text

    def new_tenant(self) -> tuple[str, str]:
        client_key = f"topology-{uuid.uuid4()}"
        secret = f"topology-secret-{uuid.uuid4().hex}"
        self.install(client_key, secret)
        return client_key, secret


def bearer(
    client_key: str, secret: str, account_id: str = "557058:topology-user"
) -> dict[str, str]:
    token = tenant_token(client_key=client_key, secret=secret, account_id=account_id)
    return {"Authorization": f"JWT {token}"}


@contextmanager
def running_topology(directory: Path, install_signer: InstallSigner) -> Iterator[Topology]:
    binary = require_topology_tools()
    certificates = make_certificates(directory)
    database_name = f"rollbook_topology_{uuid.uuid4().hex[:8]}"
    with ExitStack() as stack:
        keys_url = stack.enter_context(
            serve_install_keys([install_signer], certificates.server_context())
        )
        database_url = fresh_postgres_database(database_name)
        stack.callback(drop_postgres_database, database_name)
        nginx_port = free_port()
        environment = {
            "ROLLBOOK_DEV_MODE": "false",
            "ROLLBOOK_BASE_URL": f"https://127.0.0.1:{nginx_port}",
            "ROLLBOOK_DATABASE_URL": database_url,
            "ROLLBOOK_INSTALL_KEYS_URL": keys_url,
            "ROLLBOOK_SECRET_KEY": Fernet.generate_key().decode(),
            "ROLLBOOK_FORWARDED_ALLOW_IPS": "127.0.0.1",
            # The server's own https calls (the install keys) trust the test CA.
            "SSL_CERT_FILE": str(certificates.ca_certificate),
        }
        instances = []
        for name in ("a", "b"):
            port = free_port()
            instance = ServedRollbook(
                env=environment,
                log_path=directory / f"rollbook-{name}.log",
                port=port,
                workers=2,
                arguments=unit_serve_arguments(port),
            )
            stack.callback(instance.stop)
            instances.append(instance.start())
        nginx = Nginx(
            directory / "nginx",
            certificates,
            upstream_ports=[instance.port for instance in instances],
            port=nginx_port,
        )
        nginx.directory.mkdir()
        stack.callback(nginx.stop)
        nginx.start(binary)
        yield Topology(nginx, instances, certificates, install_signer)
