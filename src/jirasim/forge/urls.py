"""Jira's URL shapes of a Forge app's pages (docs/platform.md#forge-ui-modules-and-page-urls), in
one place for the install answer,
the site's menus and the frames' `navigate({target: 'module'})`."""

from __future__ import annotations

from jirasim.forge.installations import ForgeInstallation


def _tail(installation: ForgeInstallation) -> str:
    return f"{installation.app_uuid}/{installation.environment_id}"


def global_page(installation: ForgeInstallation) -> str:
    return f"/jira/apps/{_tail(installation)}"


def admin_page(installation: ForgeInstallation) -> str:
    return f"/jira/settings/apps/{_tail(installation)}"


def project_page(installation: ForgeInstallation, project_key: str) -> str:
    return f"/jira/software/projects/{project_key}/apps/{_tail(installation)}"


def page_of(installation: ForgeInstallation, module_type: str, project_key: str) -> str | None:
    """The page a page module lives at (None for other module types)."""
    if module_type == "jira:globalPage":
        return global_page(installation)
    if module_type == "jira:adminPage":
        return admin_page(installation)
    if module_type == "jira:projectPage":
        return project_page(installation, project_key)
    return None
