"""The production topology under test: nginx terminating TLS in front of two instances on one
PostgreSQL. A signed install through nginx; one instance killed while writes are in flight
loses no acknowledged write; a secret rotated on one instance is seen by both within the
tenant cache's window."""

from __future__ import annotations

import inspect
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from rollbook.tenancy.cache import TenantCache
from support.reports import full_report
from topology.served import log_entries, wait_until
from topology.stack import Topology, bearer

pytestmark = [pytest.mark.topology, pytest.mark.postgres]

# docs/operations.md: another instance sees a rotated secret within the tenant cache's TTL.
TENANT_CACHE_WINDOW = inspect.signature(TenantCache).parameters["ttl_seconds"].default
# Room for the polling itself on a loaded machine; not a latency bound.
MARGIN_SECONDS = 5.0


def test_signed_install_and_api_calls_through_nginx(topology: Topology) -> None:
    client_key, secret = topology.new_tenant()
    with topology.client() as client:
        descriptor = client.get("/atlassian-connect.json")
        assert descriptor.json()["baseUrl"] == topology.base_url
        me = client.get("/api/me", headers=bearer(client_key, secret))
        assert me.status_code == 200, me.text
        # Outside dev mode the app itself sends HSTS; nginx passes it on.
        assert me.headers["strict-transport-security"].startswith("max-age=")
        # The Connect token is bound to the tenant, not to the instance that answers.
        for instance in topology.instances:
            with topology.client(instance.url) as direct:
                assert direct.get("/api/me", headers=bearer(client_key, secret)).is_success


def test_the_app_sees_the_public_scheme_and_host(topology: Topology) -> None:
    """X-Forwarded-Proto from nginx is believed: a redirect the app builds points at the
    public https URL, not at the instance's plain-HTTP address."""
    with topology.client() as client:
        response = client.get("/api/reports/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"{topology.base_url}/api/reports"


def test_a_client_cannot_choose_its_logged_address(topology: Topology) -> None:
    probe = uuid.uuid4().hex
    with topology.client() as client:
        client.get(
            f"/atlassian-connect.json?probe={probe}", headers={"X-Forwarded-For": "203.0.113.9"}
        )

    def probe_lines() -> list[str]:
        return [
            entry["message"]
            for instance in topology.instances
            for entry in log_entries(instance.log_path)
            if probe in entry["message"]
        ]

    wait_until(lambda: bool(probe_lines()), seconds=10, what="the probe's access log line")
    assert all(line.startswith("127.0.0.1:") for line in probe_lines()), probe_lines()
    assert "203.0.113.9" not in "".join(probe_lines())
    # nginx's access log leaves query strings (Connect's ?jwt= tokens) out.
    nginx_log = topology.nginx.access_log.read_text()
    assert '"GET /atlassian-connect.json HTTP/1.1" 200' in nginx_log
    assert "probe=" not in nginx_log


@dataclass
class WriteLog:
    """What each writer was told: only a 2xx is a promise."""

    created: dict[str, str] = field(default_factory=dict)  # id → name
    updated: dict[str, tuple[int, str]] = field(default_factory=dict)  # id → (version, name)
    refused_writes: list[int] = field(default_factory=list)
    failed_reads: list[int] = field(default_factory=list)
    acknowledged: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


TRANSPORT_ERROR = 0  # no HTTP answer at all (recorded in place of a status)


def _send(client: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response | int:
    try:
        return client.request(method, url, **kwargs)
    except httpx.HTTPError:
        return TRANSPORT_ERROR


def _writer(
    topology: Topology, tenant: tuple[str, str], writes: WriteLog, stop: threading.Event
) -> None:
    """Creates reports and renames its own, reading each before the update (If-Match)."""
    mine: list[str] = []
    with topology.client() as client:
        step = 0
        while not stop.is_set():
            step += 1
            name = f"w{threading.get_ident()}-{step}"
            if step % 3 == 1:
                created = _send(
                    client,
                    "POST",
                    "/api/reports",
                    json=full_report(name=name),
                    headers=bearer(*tenant),
                )
                if isinstance(created, httpx.Response) and created.status_code == 201:
                    with writes.lock:
                        writes.created[created.json()["id"]] = name
                        writes.acknowledged += 1
                    mine.append(created.json()["id"])
                else:
                    writes.refused_writes.append(getattr(created, "status_code", created))
                continue
            if not mine:
                continue
            report_id = mine[step % len(mine)]
            read = _send(client, "GET", f"/api/reports/{report_id}", headers=bearer(*tenant))
            if not isinstance(read, httpx.Response) or read.status_code != 200:
                writes.failed_reads.append(getattr(read, "status_code", read))
                continue
            updated = _send(
                client,
                "PUT",
                f"/api/reports/{report_id}",
                json={**{key: read.json()[key] for key in full_report()}, "name": name},
                headers={**bearer(*tenant), "If-Match": f'"{read.json()["version"]}"'},
            )
            if isinstance(updated, httpx.Response) and updated.status_code == 200:
                with writes.lock:
                    writes.updated[report_id] = (updated.json()["version"], name)
                    writes.acknowledged += 1
            else:
                # A PUT resent to the other instance after the first applied it gets 412:
                # refused, never applied twice.
                writes.refused_writes.append(getattr(updated, "status_code", updated))


@pytest.fixture
def victim(topology: Topology) -> Iterator[int]:
    """The instance to kill; started again afterwards for the next tests."""
    yield 0
    topology.instances[0].start()


def test_a_killed_instance_loses_no_acknowledged_write(topology: Topology, victim: int) -> None:
    tenant = topology.new_tenant()
    writes, stop = WriteLog(), threading.Event()
    writers = [
        threading.Thread(target=_writer, args=(topology, tenant, writes, stop)) for _ in range(4)
    ]
    for writer in writers:
        writer.start()
    try:
        wait_until(lambda: writes.acknowledged >= 40, seconds=120, what="40 acknowledged writes")
        topology.instances[victim].kill()
        killed_at = writes.acknowledged
        wait_until(
            lambda: writes.acknowledged >= killed_at + 40,
            seconds=120,
            what="40 more acknowledged writes after the kill",
        )
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=60)

    # Reads fail over to the other instance: none failed, even those in flight at the kill.
    assert writes.failed_reads == []
    # A POST in flight at the kill may be refused (502), never retried; nothing else fails.
    assert set(writes.refused_writes) <= {502, 412}, writes.refused_writes
    with topology.client() as client:
        for report_id, name in writes.created.items():
            stored = client.get(f"/api/reports/{report_id}", headers=bearer(*tenant))
            assert stored.status_code == 200, (report_id, stored.text)
            version, updated_name = writes.updated.get(report_id, (1, name))
            assert stored.json()["version"] >= version
            if stored.json()["version"] == version:
                assert stored.json()["name"] == updated_name
        listed = client.get("/api/reports", params={"limit": 1}, headers=bearer(*tenant))
        assert listed.json()["total"] >= len(writes.created)


def _answers(topology: Topology, url: str, headers: dict[str, str]) -> set[int]:
    """Statuses of several fresh connections to one instance (each may reach another worker)."""
    statuses = set()
    for _ in range(6):
        with topology.client(url) as client:
            statuses.add(client.get("/api/me", headers=headers).status_code)
    return statuses


def test_a_rotated_secret_is_seen_by_both_instances_within_the_window(
    topology: Topology,
) -> None:
    client_key, old_secret = topology.new_tenant()
    new_secret = f"rotated-{uuid.uuid4().hex}"
    first, second = topology.instances
    # Both instances (every worker) hold the old secret in their tenant cache.
    for instance in topology.instances:
        assert _answers(topology, instance.url, bearer(client_key, old_secret)) == {200}

    # The re-install lands on one worker of the first instance; its other worker, like the
    # second instance, learns of it from the database within the window.
    topology.install(client_key, new_secret, via=first.url)

    def both_see_the_rotation() -> bool:
        return all(
            _answers(topology, instance.url, bearer(client_key, new_secret)) == {200}
            and _answers(topology, instance.url, bearer(client_key, old_secret)) == {401}
            for instance in (first, second)
        )

    wait_until(
        both_see_the_rotation,
        seconds=TENANT_CACHE_WINDOW + MARGIN_SECONDS,
        what="both instances to refuse the old secret and accept the new one",
    )
    with topology.client() as client:
        assert client.get("/api/me", headers=bearer(client_key, old_secret)).status_code == 401
        assert client.get("/api/me", headers=bearer(client_key, new_secret)).status_code == 200
