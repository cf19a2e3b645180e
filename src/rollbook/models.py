"""Every ORM model, imported in one place so Alembic and tests see the whole schema."""

from rollbook.gadgets.models import DashboardGadget
from rollbook.reports.models import Report
from rollbook.tenancy.models import Tenant

__all__ = ["DashboardGadget", "Report", "Tenant"]
