"""The Connect app descriptor (`/atlassian-connect.json`), built from settings."""

from __future__ import annotations

from typing import Any

from rollbook.core.settings import Settings


def _name(value: str) -> dict[str, str]:
    return {"value": value}


def build_descriptor(settings: Settings) -> dict[str, Any]:
    return {
        "key": settings.app_key,
        "name": settings.app_name,
        "description": "Table reports from JQL: columns, grouping, rollups and formulas.",
        "vendor": {"name": settings.vendor_name, "url": settings.vendor_url},
        "baseUrl": settings.base_url,
        "links": {"self": f"{settings.base_url}/atlassian-connect.json"},
        "authentication": {"type": "jwt"},
        "apiVersion": 1,
        "lifecycle": {
            "installed": "/installed",
            "uninstalled": "/uninstalled",
            "enabled": "/enabled",
            "disabled": "/disabled",
        },
        "scopes": ["READ"],
        "apiMigrations": {"signed-install": True, "context-qsh": True, "gdpr": True},
        "modules": {
            "generalPages": [
                {
                    "key": "reports",
                    "name": _name("Rollbook reports"),
                    "url": "/ui/reports",
                    "location": "system.top.navigation.bar",
                }
            ],
            "jiraProjectPages": [
                {
                    "key": "project-reports",
                    "name": _name("Rollbook reports"),
                    "url": "/ui/project?projectKey={project.key}&projectId={project.id}",
                    "iconUrl": "/static/icon.svg",
                    "weight": 100,
                }
            ],
            "jiraDashboardItems": [
                {
                    "key": "report-gadget",
                    "name": _name("Rollbook report"),
                    "description": _name("Grand totals and top groups of a saved report"),
                    "url": "/ui/gadget?dashboardItemId={dashboardItem.id}"
                    "&dashboardId={dashboard.id}&view={dashboardItem.viewType}",
                    "thumbnailUrl": "/static/icon.svg",
                    "configurable": True,
                    "refreshable": True,
                }
            ],
            # The app's confirmations open in Jira's own modal (AP.dialog.create), whose
            # backdrop covers the whole Jira page, not only the app's iframe.
            "dialogs": [
                {
                    "key": "confirm",
                    "url": "/ui/confirm",
                    "options": {"chrome": False, "width": "480px", "height": "220px"},
                }
            ],
            "webSections": [
                {
                    "key": "rollbook-admin-section",
                    "location": "admin_plugins_menu",
                    "name": _name("Rollbook"),
                }
            ],
            "adminPages": [
                {
                    "key": "rollbook-admin",
                    "name": _name("Rollbook data"),
                    "url": "/ui/admin",
                    "location": "admin_plugins_menu/rollbook-admin-section",
                    "conditions": [{"condition": "user_is_admin"}],
                }
            ],
        },
    }
