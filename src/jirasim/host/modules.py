"""The iframe modules of installed apps that the host page can show, read from their descriptors:
general pages, project pages, dashboard items, admin pages and dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jirasim.host.installations import Installation

MODULE_TYPES = ("generalPages", "jiraProjectPages", "jiraDashboardItems", "adminPages", "dialogs")


@dataclass(frozen=True)
class PageModule:
    app: Installation
    module_type: str
    key: str
    name: str
    url: str
    location: str
    descriptor: dict[str, Any]

    @property
    def admin_only(self) -> bool:
        conditions = self.descriptor.get("conditions") or []
        needs_admin = any(
            isinstance(c, dict) and c.get("condition") in {"user_is_admin", "user_is_sysadmin"}
            for c in conditions
        )
        return needs_admin or self.module_type == "adminPages"

    @property
    def in_top_bar(self) -> bool:
        return self.module_type == "generalPages" and self.location != "none"


def _name(value: Any, fallback: str) -> str:
    if isinstance(value, dict):
        return str(value.get("value") or fallback)
    return str(value or fallback)


def modules_of(app: Installation, module_type: str | None = None) -> list[PageModule]:
    modules = app.descriptor.get("modules") or {}
    found = []
    for kind in MODULE_TYPES:
        if module_type is not None and kind != module_type:
            continue
        for entry in modules.get(kind) or []:
            if not isinstance(entry, dict) or not entry.get("key") or not entry.get("url"):
                continue
            found.append(
                PageModule(
                    app=app,
                    module_type=kind,
                    key=str(entry["key"]),
                    name=_name(entry.get("name"), str(entry["key"])),
                    url=str(entry["url"]),
                    location=str(entry.get("location") or ""),
                    descriptor=entry,
                )
            )
    return found


def find_module(apps: list[Installation], app_key: str, module_key: str) -> PageModule | None:
    for app in apps:
        if app.key == app_key:
            return next((m for m in modules_of(app) if m.key == module_key), None)
    return None
