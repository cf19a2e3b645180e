"""The dashboard gadget's setting under /api/gadgets: either host's authentication, tenant-scoped.

Jira decides who may edit a dashboard and the app's READ scope cannot ask it, so the gadget
offers "Change" only where Jira's `AP.jira.isDashboardItemEditable` says so; the server insists
that the chooser may view the chosen report, records who chose it, and lets only that user or
a Jira administrator change it afterwards."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from rollbook.core.sessions import DatabaseDep
from rollbook.gadgets import service
from rollbook.gadgets.exceptions import GadgetChosenByAnotherUser
from rollbook.gadgets.schemas import DASHBOARD_OBJECT_ID_PATTERN, GadgetSetting, GadgetSettingUpdate
from rollbook.identity.blocking import run_with_groups
from rollbook.identity.dependencies import ViewerDep

router = APIRouter(prefix="/api/gadgets", tags=["gadgets"])

DashboardItemId = Annotated[str, Path(pattern=DASHBOARD_OBJECT_ID_PATTERN)]


@router.get("/{dashboard_item_id}")
def get_gadget(
    dashboard_item_id: DashboardItemId, database: DatabaseDep, viewer: ViewerDep
) -> GadgetSetting:
    with database.session() as session:
        return service.get_setting(
            session, client_key=viewer.tenant_key, dashboard_item_id=dashboard_item_id
        )


@router.put("/{dashboard_item_id}")
async def choose_gadget_report(
    dashboard_item_id: DashboardItemId,
    choice: GadgetSettingUpdate,
    database: DatabaseDep,
    viewer: ViewerDep,
) -> GadgetSetting:
    # The chooser must view the report, which may depend on their Jira groups (asked on the
    # event loop, not on the worker thread).
    def work(replace_others_choice: bool) -> GadgetSetting:
        with database.session() as session:
            return service.choose_report(
                session,
                viewer=viewer,
                dashboard_item_id=dashboard_item_id,
                choice=choice,
                replace_others_choice=replace_others_choice,
            )

    try:
        return await run_with_groups(viewer, lambda: work(False))
    except GadgetChosenByAnotherUser:
        # Jira is asked only now, when someone else's choice is in the way.
        if not await viewer.is_jira_admin():
            raise
    return await run_with_groups(viewer, lambda: work(True))
