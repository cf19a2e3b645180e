"""Reading and choosing the report (and view) a dashboard gadget shows, always within one
tenant."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from rollbook.core import audit
from rollbook.gadgets.exceptions import (
    GadgetChosenByAnotherUser,
    GadgetNotConfigured,
    GadgetViewNotFound,
)
from rollbook.gadgets.models import DashboardGadget
from rollbook.gadgets.schemas import GadgetSetting, GadgetSettingUpdate
from rollbook.identity.viewer import Viewer
from rollbook.reports.service import viewable_row
from rollbook.tenancy.presence import require_tenant


def to_setting(row: DashboardGadget) -> GadgetSetting:
    return GadgetSetting.model_validate(row, from_attributes=True)


def get_setting(session: Session, *, client_key: str, dashboard_item_id: str) -> GadgetSetting:
    row = session.get(DashboardGadget, (client_key, dashboard_item_id))
    if row is None:
        require_tenant(session, client_key)  # purged by another instance: 401, not "no report"
        raise GadgetNotConfigured("this gadget has no report chosen yet")
    return to_setting(row)


def choose_report(
    session: Session,
    *,
    viewer: Viewer,
    dashboard_item_id: str,
    choice: GadgetSettingUpdate,
    replace_others_choice: bool = False,
) -> GadgetSetting:
    """Point the gadget at a report the chooser may view (others still need their own access),
    and at one of its views if `choice.view_id` names one (`GadgetViewNotFound` otherwise).
    A gadget someone else set up is changed only with `replace_others_choice` (the caller
    checked that the chooser is a Jira administrator); otherwise `GadgetChosenByAnotherUser`."""
    report = viewable_row(session, viewer, str(choice.report_id))
    if choice.view_id is not None and choice.view_id not in view_ids(report.definition):
        raise GadgetViewNotFound(
            f"the report has no view {choice.view_id!r}; choose one of its views"
        )
    current = session.get(DashboardGadget, (viewer.tenant_key, dashboard_item_id))
    chosen_by_another = current is not None and current.updated_by != viewer.account_id
    if chosen_by_another and not replace_others_choice:
        raise GadgetChosenByAnotherUser(
            "another user chose this gadget's report; only they or a Jira administrator "
            "can change it"
        )
    setting = GadgetSetting(
        dashboard_item_id=dashboard_item_id,
        dashboard_id=choice.dashboard_id,
        report_id=choice.report_id,
        view_id=choice.view_id,
        updated_at=datetime.now(UTC),
        updated_by=viewer.account_id,
    )
    save_settings(session, viewer.tenant_key, [setting])
    audit.record(
        session,
        "gadget.choose",
        tenant_key=viewer.tenant_key,
        actor=viewer.account_id,
        report_id=str(choice.report_id),
        dashboard_item_id=dashboard_item_id,
    )
    return setting


def view_ids(definition: Mapping[str, Any]) -> set[str]:
    """The ids of a stored definition's views; one stored before views has the table."""
    views = definition.get("views") or [{"id": "table"}]
    return {view["id"] for view in views if isinstance(view, dict) and "id" in view}


def save_settings(session: Session, client_key: str, settings: Iterable[GadgetSetting]) -> None:
    """Insert or replace settings by dashboard item. An upsert, so two people choosing at once
    both succeed (the later one wins) instead of one failing on the primary key."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    for setting in settings:
        values = {**setting.model_dump(), "report_id": str(setting.report_id)}
        statement = dialect.insert(DashboardGadget).values(tenant_key=client_key, **values)
        session.execute(
            statement.on_conflict_do_update(
                index_elements=[DashboardGadget.tenant_key, DashboardGadget.dashboard_item_id],
                set_={name: statement.excluded[name] for name in values},
            )
        )


def settings_showing(
    session: Session, client_key: str, report_ids: Collection[str]
) -> list[GadgetSetting]:
    """The tenant's gadget settings that show one of these reports (the site export passes its
    live reports), by dashboard item."""
    rows = session.scalars(
        select(DashboardGadget)
        .where(DashboardGadget.tenant_key == client_key)
        .order_by(DashboardGadget.dashboard_item_id)
    )
    return [to_setting(row) for row in rows if row.report_id in report_ids]


def delete_all(session: Session, client_key: str) -> None:
    session.execute(delete(DashboardGadget).where(DashboardGadget.tenant_key == client_key))
