"""The dashboard gadget's setting under /api/gadgets: either host's authentication, tenant-scoped.

Jira decides who may edit a dashboard and the app's READ scope cannot ask it, so the gadget
offers "Change" only where Jira's `AP.jira.isDashboardItemEditable` says so; the server insists
that the chooser may view the chosen report, and records who chose it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from rollbook.core.sessions import DatabaseDep
from rollbook.gadgets import service
from rollbook.gadgets.schemas import DASHBOARD_OBJECT_ID_PATTERN, GadgetSetting, GadgetSettingUpdate
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
def choose_gadget_report(
    dashboard_item_id: DashboardItemId,
    choice: GadgetSettingUpdate,
    database: DatabaseDep,
    viewer: ViewerDep,
) -> GadgetSetting:
    with database.session() as session:
        return service.choose_report(
            session, viewer=viewer, dashboard_item_id=dashboard_item_id, choice=choice
        )
