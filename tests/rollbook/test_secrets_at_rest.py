"""Shared secrets at rest: sealed with ROLLBOOK_SECRET_KEY in the database (SQLite and
PostgreSQL), still verifying Connect JWTs, rotated with old+new keys, read from rows stored in
plain text before, refused clearly (never a 500, never in the log) under a wrong key, and
required outside dev mode."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from rollbook.app import create_app, create_app_from_environment
from rollbook.core.db import Database
from rollbook.core.keyring import SEALED_PREFIX, Keyring, keyring_for
from rollbook.core.serving_rules import UnsafeSettings
from rollbook.core.settings import Settings
from rollbook.tenancy.secrets import reseal_all
from support.cli import run_rollbook
from support.connect import InstallSigner, install_claims, install_payload, tenant_token
from support.logs import production_log

APP = "https://rollbook.test"
CLIENT_KEY = "9b0e8d7c-secrets-at-rest"
SECRET = "s3cret-at-rest-0123456789abcdefghijklmn"
OLD_KEY = base64.urlsafe_b64encode(b"old-key-for-the-at-rest-tests-32").decode()
NEW_KEY = base64.urlsafe_b64encode(b"new-key-for-the-at-rest-tests-32").decode()


@pytest.fixture
def captured_log() -> Iterator[io.StringIO]:
    """Everything logged, as the production handler writes it."""
    with production_log() as stream:
        yield stream


def _keyed(database: Database, *keys: str) -> Database:
    """The same database, opened with these keys (as a server configured with them would)."""
    return Database(database.url, keyring=Keyring(list(keys)))


def _client(settings: Settings, database: Database) -> TestClient:
    return TestClient(create_app(settings, database=database), base_url=APP)


def _install(client: TestClient, signer: InstallSigner, secret: str = SECRET) -> None:
    token = signer.token(install_claims(client_key=CLIENT_KEY, app_base_url=APP))
    response = client.post(
        "/installed",
        json=install_payload(CLIENT_KEY, secret),
        headers={"Authorization": f"JWT {token}"},
    )
    assert response.status_code == 204, response.text


def _installed_under(
    key: str, settings: Settings, database: Database, signer: InstallSigner
) -> Database:
    """The database opened with `key` alone, after a server with that key installed the site."""
    keyed = _keyed(database, key)
    with _client(settings, keyed) as client:
        _install(client, signer)
    return keyed


def _me(client: TestClient, secret: str = SECRET) -> Any:
    token = tenant_token(client_key=CLIENT_KEY, secret=secret)
    return client.get("/api/me", headers={"Authorization": f"JWT {token}"})


def _raw_secret(database: Database) -> str:
    with database.engine.connect() as connection:
        stored: str = connection.execute(
            text("SELECT shared_secret FROM tenants WHERE client_key = :key"), {"key": CLIENT_KEY}
        ).scalar_one()
    return stored


def test_the_stored_secret_is_sealed_and_jwts_still_verify(
    settings: Settings, database: Database, install_signer: InstallSigner
) -> None:
    keyed = _keyed(database, NEW_KEY)
    with _client(settings, keyed) as client:
        _install(client, install_signer)
        raw = _raw_secret(database)
        assert raw.startswith(SEALED_PREFIX)
        assert SECRET not in raw
        assert SECRET.encode() not in base64.urlsafe_b64decode(raw.removeprefix(SEALED_PREFIX))
        assert _me(client).status_code == 200
    keyed.dispose()


def test_rotation_with_old_and_new_keys_then_the_new_key_alone(
    settings: Settings, database: Database, install_signer: InstallSigner
) -> None:
    old = _installed_under(OLD_KEY, settings, database, install_signer)
    sealed_with_old = _raw_secret(database)

    # Step 1: every server runs with "new,old"; both keys open, the new one seals.
    both = _keyed(database, NEW_KEY, OLD_KEY)
    with _client(settings, both) as client:
        assert _me(client).status_code == 200
    # Step 2: the rotation command re-seals every row with the new key.
    result = reseal_all(both)
    assert (result.resealed, result.unreadable) == (1, [])
    assert _raw_secret(database) != sealed_with_old
    # Step 3: the old key is dropped; everything still verifies.
    new_only = _keyed(database, NEW_KEY)
    with _client(settings, new_only) as client:
        assert _me(client).status_code == 200
    for opened in (old, both, new_only):
        opened.dispose()


def test_a_secret_stored_in_plain_text_before_is_read_and_sealed_by_the_rotation(
    settings: Settings, database: Database, install_signer: InstallSigner
) -> None:
    keyed = _keyed(database, NEW_KEY)
    with _client(settings, keyed) as client:
        _install(client, install_signer)
        with database.engine.begin() as connection:  # as a release before encryption wrote it
            connection.execute(
                text("UPDATE tenants SET shared_secret = :secret WHERE client_key = :key"),
                {"secret": SECRET, "key": CLIENT_KEY},
            )
        assert _me(client).status_code == 200
        assert reseal_all(keyed).resealed == 1
        assert _raw_secret(database).startswith(SEALED_PREFIX)
        assert SECRET not in _raw_secret(database)
        assert _me(client).status_code == 200
    keyed.dispose()


def test_a_wrong_key_is_a_clear_error_for_that_site_and_the_secret_stays_out_of_the_log(
    settings: Settings,
    database: Database,
    install_signer: InstallSigner,
    captured_log: io.StringIO,
) -> None:
    old = _installed_under(OLD_KEY, settings, database, install_signer)
    wrong = _keyed(database, NEW_KEY)
    with _client(settings, wrong) as client:
        response = _me(client)
        assert response.status_code == 503
        assert response.json()["error"] == "tenant_secret_unreadable"
        # The site can still be reinstalled: Connect's signed `installed` needs no old secret.
        _install(client, install_signer, secret=SECRET + "-reinstalled")
        assert _me(client, SECRET + "-reinstalled").status_code == 200
    assert reseal_all(wrong).unreadable == []
    written = captured_log.getvalue()
    assert SECRET not in written
    assert "ROLLBOOK_SECRET_KEY" in written  # the operator is told what to fix
    for opened in (old, wrong):
        opened.dispose()


def test_the_rotation_command_reports_secrets_no_key_opens(
    settings: Settings, database: Database, install_signer: InstallSigner
) -> None:
    old = _installed_under(OLD_KEY, settings, database, install_signer)
    old.dispose()
    wrong = _keyed(database, NEW_KEY)
    result = reseal_all(wrong)
    wrong.dispose()
    assert (result.resealed, result.unreadable) == (0, [CLIENT_KEY])


def test_the_cli_rotation_reseals_with_the_first_key(
    settings: Settings,
    database: Database,
    install_signer: InstallSigner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = _installed_under(OLD_KEY, settings, database, install_signer)
    old.dispose()
    monkeypatch.setenv("ROLLBOOK_SECRET_KEY", f"{NEW_KEY}, {OLD_KEY}")
    output = run_rollbook(database.url, "secrets", "rotate")
    assert "re-sealed 1 shared secrets" in output
    new_only = _keyed(database, NEW_KEY)
    with _client(settings, new_only) as client:
        assert _me(client).status_code == 200
    new_only.dispose()


@pytest.mark.parametrize(
    ("environment", "refusal"),
    [
        pytest.param({}, "ROLLBOOK_SECRET_KEY is required outside dev mode", id="no-key"),
        pytest.param({"ROLLBOOK_SECRET_KEY": "  "}, "required outside dev mode", id="blank-key"),
        pytest.param(
            {"ROLLBOOK_SECRET_KEY": "not-a-fernet-key-but-a-password"},
            "entry 1 is not a Fernet key",
            id="malformed-key",
        ),
        pytest.param(
            {"ROLLBOOK_SECRET_KEY": f"{NEW_KEY},short-password"},
            "entry 2 is not a Fernet key",
            id="malformed-old-key",
        ),
    ],
)
def test_the_app_factory_refuses_to_start_without_a_usable_key_outside_dev_mode(
    monkeypatch: pytest.MonkeyPatch, environment: dict[str, str], refusal: str
) -> None:
    monkeypatch.setenv("ROLLBOOK_BASE_URL", "https://rollbook.example.com")
    monkeypatch.setenv("ROLLBOOK_DATABASE_URL", "sqlite://")
    monkeypatch.setenv("ROLLBOOK_DEV_MODE", "false")
    monkeypatch.delenv("ROLLBOOK_SECRET_KEY", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    # The serving rules refuse it first, with every other problem of the settings.
    with pytest.raises(UnsafeSettings, match=refusal) as refused:
        create_app_from_environment()
    # The message names the problem, never a key.
    assert "password" not in str(refused.value)


def test_dev_mode_seals_with_the_development_key_and_a_configured_key_wins() -> None:
    dev = Settings(base_url="http://localhost:8000", dev_mode=True)
    assert keyring_for(dev).actor_hash("x") == Keyring.development().actor_hash("x")
    configured = Settings(base_url="http://localhost:8000", dev_mode=True, secret_key=NEW_KEY)
    assert keyring_for(configured).actor_hash("x") == Keyring([NEW_KEY]).actor_hash("x")
