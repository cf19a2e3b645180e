"""Forge installations on the simulated site: one per app (a reinstall replaces it with a new
installation id, as on Forge), with the interpolated manifest, environment and the gadget
configurations Jira stores for the app's dashboard gadgets (`view.submit`)."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from jirasim.forge.manifest import Manifest

APP_ARI_PREFIX = "ari:cloud:ecosystem::app/"
INSTALLATION_ARI_PREFIX = "ari:cloud:ecosystem::installation/"


@dataclass
class ForgeInstallation:
    installation_id: str
    environment_id: str
    manifest: Manifest
    installer_account_id: str
    app_version: str = "1.0.0"
    # gadget id -> gadgetConfiguration saved by view.submit in the edit view
    gadget_configurations: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def app_id(self) -> str:
        return self.manifest.app_id

    @property
    def app_uuid(self) -> str:
        """The app id as Jira puts it in page URLs (`/jira/apps/{appUuid}/{envId}`)."""
        return self.app_id.removeprefix(APP_ARI_PREFIX)

    @property
    def key(self) -> str:
        # The request log and the REST scope errors name an app by this.
        return self.app_id

    @property
    def name(self) -> str:
        """A label that tells the Forge app apart from a Connect app of the same product."""
        pages = self.manifest.modules
        title = pages[0].title if pages else self.app_uuid
        return f"{title} (Forge)"

    def allows(self, scope: str) -> bool:
        """Whether the manifest declares this OAuth scope (Connect scope names never match)."""
        return scope in self.manifest.permissions.scopes


class ForgeInstallationRegistry:
    """Thread-safe map of app id → installation (routes run in threads and on the loop)."""

    def __init__(self) -> None:
        self._by_app: dict[str, ForgeInstallation] = {}
        self._lock = threading.Lock()

    def create(
        self, manifest: Manifest, installer_account_id: str, cloud_id: str | None = None
    ) -> ForgeInstallation:
        """A new installation. Given the site's `cloud_id`, the first installation's ids are
        derived from the site and the app (like the cloudId from the site URL), so a restarted
        jirasim at the same URL (the demo) gives the app the installation its stored data is
        filed under; a reinstall in the same process gets new ids, as on Forge."""
        with self._lock:
            reinstall = manifest.app_id in self._by_app
        if cloud_id and not reinstall:
            seed = f"{cloud_id}/{manifest.app_id}"
            installation = uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}#installation")
            environment = uuid.uuid5(uuid.NAMESPACE_URL, f"{seed}#environment")
        else:
            installation, environment = uuid.uuid4(), uuid.uuid4()
        return ForgeInstallation(
            installation_id=f"{INSTALLATION_ARI_PREFIX}{installation}",
            environment_id=str(environment),
            manifest=manifest,
            installer_account_id=installer_account_id,
        )

    def save(self, installation: ForgeInstallation) -> None:
        with self._lock:
            self._by_app[installation.app_id] = installation

    def _find_by_app_uuid(self, app_uuid: str) -> ForgeInstallation | None:
        # Callers hold the lock.
        return next((i for i in self._by_app.values() if i.app_uuid == app_uuid), None)

    def remove(self, app_uuid: str) -> ForgeInstallation | None:
        with self._lock:
            found = self._find_by_app_uuid(app_uuid)
            if found is not None:
                del self._by_app[found.app_id]
            return found

    def installed(self) -> list[ForgeInstallation]:
        with self._lock:
            return list(self._by_app.values())

    def by_app_uuid(self, app_uuid: str) -> ForgeInstallation | None:
        with self._lock:
            return self._find_by_app_uuid(app_uuid)

    def by_installation_id(self, installation_id: str) -> ForgeInstallation | None:
        with self._lock:
            return next(
                (i for i in self._by_app.values() if i.installation_id == installation_id), None
            )

    def page(self, app_uuid: str, environment_id: str) -> ForgeInstallation | None:
        found = self.by_app_uuid(app_uuid)
        return found if found is not None and found.environment_id == environment_id else None
