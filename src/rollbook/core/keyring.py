"""The server's secret keys (`ROLLBOOK_SECRET_KEY`): they seal tenants' shared secrets at rest
and key the audit log's actor hashes.

The setting is a comma-separated list of Fernet keys: the first seals, every one opens (so a
rotation adds the new key in front, re-seals with `rollbook secrets rotate`, then drops the old
one). A sealed value carries the `SEALED_PREFIX`, so a value stored in plain text before
encryption existed is still read, and is sealed by the next rotation."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

from rollbook.core.settings import Settings

SEALED_PREFIX = "rollbook-sealed:v1:"
# Public on purpose: what dev mode (the demo, the E2E stack) and the tests seal with when
# ROLLBOOK_SECRET_KEY is unset. Fixed rather than generated, so a restarted demo and the test
# helpers in other processes still read the database. Never accepted outside dev mode.
DEVELOPMENT_KEY = "cm9sbGJvb2stZGV2ZWxvcG1lbnQta2V5LW5vdC1zZWM="
_ACTOR_HASH_CONTEXT = b"rollbook audit actor v1"
ACTOR_HASH_HEX_DIGITS = 16


class SecretKeyError(ValueError):
    """ROLLBOOK_SECRET_KEY is missing or malformed; the message never contains a key."""


def is_sealed(stored: str) -> bool:
    return stored.startswith(SEALED_PREFIX)


class Keyring:
    """The configured Fernet keys, newest (the sealing one) first."""

    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise SecretKeyError("ROLLBOOK_SECRET_KEY holds no key")
        fernets = []
        for position, key in enumerate(keys, start=1):
            try:
                fernets.append(Fernet(key.encode("ascii")))
            except (ValueError, binascii.Error, UnicodeEncodeError) as exc:
                # Say which entry, never its value.
                raise SecretKeyError(
                    f"ROLLBOOK_SECRET_KEY entry {position} is not a Fernet key (32 url-safe "
                    "base64-encoded bytes); make one with `rollbook secrets generate-key`"
                ) from exc
        self._fernet = MultiFernet(fernets)
        self._actor_hash_keys = [
            hmac.new(base64.urlsafe_b64decode(key), _ACTOR_HASH_CONTEXT, hashlib.sha256).digest()
            for key in keys
        ]

    def __repr__(self) -> str:  # never include a key
        return f"Keyring({len(self._actor_hash_keys)} keys)"

    @classmethod
    def parse(cls, setting: str) -> Keyring:
        return cls([key.strip() for key in setting.split(",") if key.strip()])

    @classmethod
    def development(cls) -> Keyring:
        return cls([DEVELOPMENT_KEY])

    @staticmethod
    def generate_key() -> str:
        return Fernet.generate_key().decode("ascii")

    def seal(self, plaintext: str) -> str:
        if not plaintext or is_sealed(plaintext):
            return plaintext
        return SEALED_PREFIX + self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def open(self, stored: str) -> str | None:
        """The plaintext of a stored value: a plain one as it is, a sealed one opened with any
        key, or None when no configured key opens it."""
        if not is_sealed(stored):
            return stored
        try:
            return self._fernet.decrypt(stored.removeprefix(SEALED_PREFIX)).decode("utf-8")
        except InvalidToken:
            return None

    def reseal(self, stored: str) -> str | None:
        """The stored value sealed with the first key (a plain one sealed for the first time),
        or None when no configured key opens it."""
        if not is_sealed(stored):
            return self.seal(stored)
        try:
            token = self._fernet.rotate(stored.removeprefix(SEALED_PREFIX).encode("ascii"))
        except InvalidToken:
            return None
        return SEALED_PREFIX + token.decode("ascii")

    def actor_hashes(self, account_id: str) -> list[str]:
        """The audit log's pseudonym of an account id under each key, the current one first."""
        return [
            hmac.new(key, account_id.encode("utf-8"), hashlib.sha256).hexdigest()[
                :ACTOR_HASH_HEX_DIGITS
            ]
            for key in self._actor_hash_keys
        ]

    def actor_hash(self, account_id: str) -> str:
        return self.actor_hashes(account_id)[0]


def keyring_for(settings: Settings) -> Keyring:
    """The keyring the settings configure. Outside dev mode a key is required: a server that
    sealed with the public development key would protect nothing."""
    if settings.secret_key is not None and settings.secret_key.get_secret_value().strip():
        return Keyring.parse(settings.secret_key.get_secret_value())
    if settings.dev_mode:
        return Keyring.development()
    raise SecretKeyError(
        "ROLLBOOK_SECRET_KEY is required outside dev mode (it encrypts the tenants' shared "
        "secrets); make one with `rollbook secrets generate-key`"
    )


# The engine's dialect carries its database's keyring: a column type sees only the dialect.
_KEYRING_ATTRIBUTE = "rollbook_keyring"


def attach_keyring(dialect: Dialect, keyring: Keyring) -> None:
    setattr(dialect, _KEYRING_ATTRIBUTE, keyring)


def keyring_of(dialect: Dialect) -> Keyring:
    keyring = getattr(dialect, _KEYRING_ATTRIBUTE, None)
    return keyring if isinstance(keyring, Keyring) else Keyring.development()


class SealedText(TypeDecorator[str]):
    """Text sealed with the database's keyring on write and opened on read. A value no key opens
    is returned still sealed (`is_sealed`), so loading its row works (listing, reinstalling,
    purging) and only a use of the secret fails."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else keyring_of(dialect).seal(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        opened = keyring_of(dialect).open(value)
        return value if opened is None else opened
