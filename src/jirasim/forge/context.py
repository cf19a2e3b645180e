"""The context of one Forge module on one page: what `view.getContext()` answers in the frame
and what the FIT's `context` claim carries, built from the same values so they agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jirasim.forge.fit import ENVIRONMENT_TYPE
from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.manifest import UiModule
from jirasim.forge.state import ForgeState
from jirasim.site import Project, User

DASHBOARD_ID = "10000"
LOCALE = "en-US"


@dataclass(frozen=True)
class ModuleView:
    installation: ForgeInstallation
    module: UiModule
    project: Project | None = None
    gadget_id: str | None = None
    # "edit" in a gadget's edit view (its `edit.resource`), else None
    entry_point: str | None = None
    editable: bool = False

    @property
    def resource(self) -> str:
        if self.entry_point == "edit" and self.module.edit_resource:
            return self.module.edit_resource
        return self.module.resource

    @property
    def local_id(self) -> str:
        # Forge's extension ARI; a gadget instance adds its own id, as each has its own config.
        base = (
            f"ari:cloud:ecosystem::extension/{self.installation.app_uuid}/"
            f"{self.installation.environment_id}/static/{self.module.key}"
        )
        return f"{base}/{self.gadget_id}" if self.gadget_id else base

    def extension(self) -> dict[str, Any]:
        extension: dict[str, Any] = {"type": self.module.type}
        if self.project is not None:
            extension["project"] = {
                "id": self.project.id,
                "key": self.project.key,
                "type": "software",
            }
        if self.gadget_id is not None:
            configuration = self.installation.gadget_configurations.get(self.gadget_id, {})
            extension.update(
                gadget={"id": self.gadget_id},
                dashboard={"id": DASHBOARD_ID},
                gadgetConfiguration=dict(configuration),
                editable=self.editable,
            )
            if self.entry_point == "edit":
                extension["entryPoint"] = "edit"
        return extension


def bridge_context(forge: ForgeState, view: ModuleView, user: User) -> dict[str, Any]:
    """The answer to `getContext` in the frame."""
    return {
        "accountId": user.account_id,
        "cloudId": forge.cloud_id,
        "siteUrl": forge.base_url,
        "environmentId": view.installation.environment_id,
        "environmentType": ENVIRONMENT_TYPE,
        "localId": view.local_id,
        "moduleKey": view.module.key,
        "locale": LOCALE,
        "timezone": user.time_zone,
        "extension": view.extension(),
    }


def fit_context(forge: ForgeState, view: ModuleView) -> dict[str, Any]:
    """The `context` claim of a FIT for a call from this view."""
    return {
        "localId": view.local_id,
        "cloudId": forge.cloud_id,
        "moduleKey": view.module.key,
        "siteUrl": forge.base_url,
        "extension": view.extension(),
    }
