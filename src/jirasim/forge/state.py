"""What jirasim keeps as a Forge host, held by `SimState.forge`: the site's cloudId, the FIT
signing key, installations, app tokens, the resource origin and the CSP violations seen."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from jirasim.forge.app_tokens import AppTokenRegistry
from jirasim.forge.installations import ForgeInstallationRegistry
from jirasim.forge.keys import FitSigningKey

_CLOUD_NAMESPACE = uuid.UUID("7a1c9e52-3b0d-4f6e-8a41-2c5d9f0e1b37")
# The other name of the loopback host: pages on one, Custom UI resources on the other.
_LOOPBACK_TWIN = {"localhost": "127.0.0.1", "127.0.0.1": "localhost"}


def cloud_id_of(base_url: str) -> str:
    """A stable cloudId for a site: the same URL gives the same id across restarts."""
    return str(uuid.uuid5(_CLOUD_NAMESPACE, base_url.rstrip("/")))


def resource_origin_for(base_url: str) -> str:
    """The origin Custom UI resources are served from: the same server under its other
    loopback name, so the app frame is cross-origin to the pages as on a real site (where
    resources come from a Forge CDN domain)."""
    parts = urlsplit(base_url)
    host = parts.hostname or "localhost"
    twin = _LOOPBACK_TWIN.get(host, "127.0.0.1")
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{twin}{port}"


class CspViolationLog:
    """Content Security Policy violations reported by app frames (bridge script and
    `report-uri`), kept for tests to assert there were none."""

    def __init__(self, capacity: int = 500) -> None:
        self._entries: list[dict[str, Any]] = []
        self._capacity = capacity
        self._lock = threading.Lock()

    def record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._entries.append(entry)
            del self._entries[: -self._capacity]

    def entries(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


@dataclass
class ForgeState:
    base_url: str
    resource_origin: str
    cloud_id: str
    signing_key: FitSigningKey = field(default_factory=FitSigningKey)
    installations: ForgeInstallationRegistry = field(default_factory=ForgeInstallationRegistry)
    app_tokens: AppTokenRegistry = field(default_factory=AppTokenRegistry)
    csp_violations: CspViolationLog = field(default_factory=CspViolationLog)

    @classmethod
    def for_site(cls, base_url: str, resource_origin: str | None = None) -> ForgeState:
        return cls(
            base_url=base_url.rstrip("/"),
            resource_origin=(resource_origin or resource_origin_for(base_url)).rstrip("/"),
            cloud_id=cloud_id_of(base_url),
        )

    @property
    def api_base_url(self) -> str:
        """`app.apiBaseUrl` of FITs: where the remote calls Jira with the app token."""
        return f"{self.base_url}/ex/jira/{self.cloud_id}"

    @property
    def base_url_origin(self) -> str:
        """The origin of the Jira pages (the frame's only allowed ancestor)."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}"

    @property
    def site_ari(self) -> str:
        return f"ari:cloud:jira::site/{self.cloud_id}"
