"""Dashboard gadget settings: which saved report a Jira dashboard item shows, and which of its
views."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from rollbook.reports.schemas.base import AccountId, RollbookModel
from rollbook.reports.schemas.views import ViewId

DASHBOARD_OBJECT_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"
DashboardObjectId = Annotated[
    str,
    Field(
        pattern=DASHBOARD_OBJECT_ID_PATTERN, description="A Jira dashboard or dashboard item id."
    ),
]


GadgetViewId = Annotated[
    ViewId | None,
    Field(
        description="One of the report's views, by id; null: its first view. A view removed "
        "from the report since is shown as its first view."
    ),
]


class GadgetSettingUpdate(RollbookModel):
    dashboard_id: DashboardObjectId
    report_id: UUID
    view_id: GadgetViewId = None


class GadgetSetting(RollbookModel):
    dashboard_item_id: DashboardObjectId
    dashboard_id: DashboardObjectId
    report_id: UUID
    view_id: GadgetViewId = None
    updated_at: datetime
    updated_by: AccountId
