"""Who may see and change a report (docs/report-model.md#who-may-view-and-change-a-report): pure
rules over the report's people, and
the Jira-administrator check.

private: administrators only; limited: administrators, listed users and members of listed
groups; open: any user of the site. Only administrators change, delete or restore a report.
Group membership is asked for only when it can change the answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rollbook.identity.exceptions import NotJiraAdministrator
from rollbook.identity.viewer import Viewer


async def require_jira_admin(viewer: Viewer) -> None:
    """Jira's ADMINISTER permission, asked of Jira on every call; refused (GroupCheckUnavailable)
    if Jira cannot say. Await it before any database work."""
    if not await viewer.is_jira_admin():
        raise NotJiraAdministrator("only Jira administrators can do this")


def is_administrator(people: Mapping[str, Any], viewer: Viewer) -> bool:
    return viewer.account_id in people.get("administrators", [])


def view_without_groups(access: str, people: Mapping[str, Any], viewer: Viewer) -> bool | None:
    """Whether the viewer may view the report, when that is decided without their Jira groups;
    None when only their groups can decide."""
    if access == "open" or is_administrator(people, viewer):
        return True
    if access != "limited":
        return False
    if viewer.account_id in people.get("viewer_users", []):
        return True
    return None if people.get("viewer_groups") else False


def can_view(access: str, people: Mapping[str, Any], viewer: Viewer) -> bool:
    """Needs the viewer's groups resolved when only groups decide (see `run_with_groups`)."""
    decided = view_without_groups(access, people, viewer)
    if decided is not None:
        return decided
    return not viewer.groups().isdisjoint(people["viewer_groups"])
