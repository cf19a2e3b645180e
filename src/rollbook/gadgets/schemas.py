"""Dashboard gadget settings: which saved report a Jira dashboard item shows."""

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from rollbook.reports.schemas.base import AccountId, RollbookModel

DASHBOARD_OBJECT_ID_PATTERN = r"^[A-Za-z0-9_.-]{1,64}$"
DashboardObjectId = Annotated[
    str,
    Field(
        pattern=DASHBOARD_OBJECT_ID_PATTERN, description="A Jira dashboard or dashboard item id."
    ),
]


class GadgetSettingUpdate(RollbookModel):
    dashboard_id: DashboardObjectId
    report_id: UUID


class GadgetSetting(RollbookModel):
    dashboard_item_id: DashboardObjectId
    dashboard_id: DashboardObjectId
    report_id: UUID
    updated_at: datetime
    updated_by: AccountId
