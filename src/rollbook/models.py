"""Every ORM model, imported in one place so Alembic and tests see the whole schema."""

from rollbook.connect.models import Tenant
from rollbook.gadgets.models import DashboardGadget
from rollbook.reports.models import Report

__all__ = ["DashboardGadget", "Report", "Tenant"]
