"""Which module view a signed-in user may open: the installation by page URL ids, the module,
and the project or gadget it shows, with Jira's rules (admin page for administrators, project
pages for projects the user can browse, gadget edit view for those who may edit the dashboard)."""

from __future__ import annotations

from jirasim.api.errors import JiraError
from jirasim.api.state import SimState
from jirasim.forge.context import ModuleView
from jirasim.forge.installations import ForgeInstallation
from jirasim.forge.manifest import UiModule
from jirasim.site import User

GADGET_ID_BASE = 20000


def may_edit_dashboard(state: SimState, user: User) -> bool:
    # jirasim's one dashboard belongs to the Jira administrators: only they may edit it.
    return user.account_id in state.site.administrators


def gadget_ids(state: SimState) -> list[tuple[ForgeInstallation, UiModule, str]]:
    """Every Forge gadget on the dashboard with its stable id (one per gadget module)."""
    found: list[tuple[ForgeInstallation, UiModule, str]] = []
    for installation in state.forge.installations.installed():
        for module in installation.manifest.modules_of("jira:dashboardGadget"):
            found.append((installation, module, str(GADGET_ID_BASE + len(found))))
    return found


def _refuse(message: str = "This page does not exist or you cannot see it.") -> JiraError:
    return JiraError(404, message)


def resolve_view(
    state: SimState,
    user: User,
    *,
    app_uuid: str,
    environment_id: str,
    module_key: str | None = None,
    module_type: str | None = None,
    project_key: str | None = None,
    gadget_id: str | None = None,
    entry_point: str | None = None,
) -> ModuleView:
    installation = state.forge.installations.page(app_uuid, environment_id)
    if installation is None:
        raise _refuse("This app is not installed.")
    manifest = installation.manifest
    if module_key is not None:
        module = manifest.module(module_key)
    else:
        candidates = manifest.modules_of(module_type or "")
        module = candidates[0] if candidates else None
    if module is None or (module_type is not None and module.type != module_type):
        raise _refuse()
    if module.type == "jira:adminPage" and user.account_id not in state.site.administrators:
        raise _refuse("Only Jira administrators can see this page.")
    project = None
    if module.type == "jira:projectPage":
        project = state.lookups.project(project_key or "")
        if project is None or not state.site.can_browse(user.account_id, project.key):
            raise _refuse()
    editable = False
    if module.type == "jira:dashboardGadget":
        known = {
            gid for inst, mod, gid in gadget_ids(state) if inst is installation and mod is module
        }
        if gadget_id not in known:
            raise _refuse("No such gadget on the dashboard.")
        editable = may_edit_dashboard(state, user)
        if entry_point == "edit" and not editable:
            raise JiraError(403, "Only users who may edit the dashboard can configure a gadget.")
    else:
        gadget_id, entry_point = None, None
    return ModuleView(
        installation=installation,
        module=module,
        project=project,
        gadget_id=gadget_id,
        entry_point="edit" if entry_point == "edit" else None,
        editable=editable,
    )
