"""Installed Connect apps and the RSA key that signs their install callbacks.

An installation is what Jira keeps per app: the descriptor, a `clientKey` that stays the same
across reinstalls, and a `sharedSecret` that a reinstall replaces
(docs/platform.md#reinstall-and-uninstall).
"""

from __future__ import annotations

import secrets
import threading
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

# Connect scopes, each implying the ones before it (docs/platform.md#app-descriptor-and-scopes).
SCOPE_ORDER = ("READ", "WRITE", "DELETE", "PROJECT_ADMIN", "ADMIN")


@dataclass(frozen=True)
class Installation:
    key: str
    client_key: str
    shared_secret: str
    base_url: str
    descriptor: dict[str, Any]
    installed: bool = True

    @property
    def name(self) -> str:
        return str(self.descriptor.get("name") or self.key)

    @property
    def scopes(self) -> frozenset[str]:
        declared = {str(scope).upper() for scope in self.descriptor.get("scopes", [])}
        granted = set(declared)
        for scope in declared:
            if scope in SCOPE_ORDER:
                granted.update(SCOPE_ORDER[: SCOPE_ORDER.index(scope) + 1])
        return frozenset(granted)

    def allows(self, scope: str) -> bool:
        return scope in self.scopes


def new_shared_secret() -> str:
    # 48 URL-safe bytes of entropy: well above HS256's 32-byte minimum
    # (docs/platform.md#tokens-and-claims).
    return secrets.token_urlsafe(48)


@dataclass
class InstallKeys:
    """jirasim's stand-in for connect-install-keys.atlassian.com: one RSA key under a kid."""

    kid: str = field(default_factory=lambda: str(uuid.uuid4()))
    private_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )

    @property
    def public_pem(self) -> str:
        public = self.private_key.public_key()
        return public.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()


class InstallationRegistry:
    """Thread-safe map of app key → installation (routes run in threads and on the loop)."""

    def __init__(self) -> None:
        self._by_key: dict[str, Installation] = {}
        self._lock = threading.Lock()

    def get(self, app_key: str) -> Installation | None:
        with self._lock:
            found = self._by_key.get(app_key)
        return found if found is not None and found.installed else None

    def installed(self) -> list[Installation]:
        with self._lock:
            return [i for i in self._by_key.values() if i.installed]

    def prepare(self, descriptor: dict[str, Any], site_url: str | None = None) -> Installation:
        """The installation a (re)install would create: same clientKey, always a new secret.

        Given the `site_url`, the first clientKey is derived from it and the app key, as Jira
        keeps one clientKey per site and app for good: a restarted jirasim at the same URL (the
        demo) gives the app the key its stored data is filed under."""
        key = str(descriptor["key"])
        with self._lock:
            previous = self._by_key.get(key)
        if previous:
            client_key = previous.client_key
        elif site_url:
            client_key = str(
                uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url.rstrip('/')}#connect:{key}")
            )
        else:
            client_key = str(uuid.uuid4())
        return Installation(
            key=key,
            client_key=client_key,
            shared_secret=new_shared_secret(),
            base_url=str(descriptor["baseUrl"]).rstrip("/"),
            descriptor=descriptor,
        )

    def save(self, installation: Installation) -> None:
        with self._lock:
            self._by_key[installation.key] = installation

    def mark_uninstalled(self, app_key: str) -> Installation | None:
        with self._lock:
            found = self._by_key.get(app_key)
            if found is None:
                return None
            self._by_key[app_key] = replace(found, installed=False)
            return found
