"""`reports/store/` is the only package that touches the reports table and `report_grants` (who
may view each report): every other module reaches reports through a store bound to one tenant, so
no query can forget the tenant, and no write can leave a report's grants behind."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from support.imports import imported_modules

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "rollbook"
# The store; the model itself; the schema registry Alembic reads; migrations change the schema.
ALLOWED = {"reports/models.py", "models.py"}
ALLOWED_PACKAGE = "reports/store/"
MODEL_IMPORTS = {
    "rollbook.reports.models",
    "rollbook.reports.models.Report",
    "rollbook.reports.models.ReportGrant",
    "rollbook.reports.models.ReportGrantTotal",
    "rollbook.models.Report",
}
MODEL_CLASSES = {"Report", "ReportGrant", "ReportGrantTotal"}
# A string holding SQL that names either table.
TABLES = r"[\"`]?(?:reports|report_grants|report_grant_totals)\b"
SQL_ON_REPORTS = re.compile(
    rf"\bupdate\s+{TABLES}|\b(?:select|delete|insert)\b.*\b(?:from|join|into)\s+{TABLES}",
    re.IGNORECASE | re.DOTALL,
)
QUERY_CALLS = {"select", "update", "delete", "insert", "get", "query", "join", "select_from"}


def _queries_report_table(path: Path) -> bool:
    """SQL text naming the table, or a query built from the `Report` class (imported under any
    path): `select(Report)`, `session.get(Report, ...)`, `Report.__table__`."""
    for node in ast.walk(ast.parse(path.read_text())):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and SQL_ON_REPORTS.search(node.value):
            return True
        if (
            isinstance(node, ast.Attribute)
            and node.attr == "__table__"
            and isinstance(node.value, ast.Name)
            and node.value.id in MODEL_CLASSES
        ):
            return True
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            mentions = any(
                isinstance(sub, ast.Name) and sub.id in MODEL_CLASSES
                for argument in arguments
                for sub in ast.walk(argument)
            )
            if name in QUERY_CALLS and mentions:
                return True
    return False


def report_table_users(package: Path, source_root: Path) -> list[str]:
    """Modules under `package`, other than the allowed ones, that import the report model or
    query the reports table."""
    offenders = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative in ALLOWED or relative.startswith((ALLOWED_PACKAGE, "migrations/")):
            continue
        if imported_modules(path, source_root) & MODEL_IMPORTS or _queries_report_table(path):
            offenders.append(relative)
    return offenders


def test_only_the_store_touches_the_report_table() -> None:
    assert len(list(PACKAGE.rglob("*.py"))) > 50, "the scan found too few modules to mean anything"
    assert report_table_users(PACKAGE, SRC) == []


@pytest.mark.parametrize(
    "source",
    [
        "from rollbook.reports.models import Report\n",
        "from rollbook.models import Report\n",
        "from rollbook.reports import models\n",
        "from rollbook.reports.store import Report\nstatement = select(Report.id)\n",
        "from rollbook.reports.store import Report\nrow = session.get(Report, key)\n",
        "from rollbook.reports.store import Report\ntable = Report.__table__\n",
        'rows = session.execute(text("SELECT id FROM reports WHERE id = :id"))\n',
        'session.execute(text("DELETE FROM reports"))\n',
        'session.execute(text("UPDATE reports SET name = :name"))\n',
        "from rollbook.reports.models import ReportGrant\n",
        "from rollbook.reports.store import ReportGrant\nstatement = delete(ReportGrant)\n",
        "from rollbook.reports.store import ReportGrant\ntable = ReportGrant.__table__\n",
        'session.execute(text("SELECT report_id FROM report_grants WHERE kind = :k"))\n',
        'session.execute(text("DELETE FROM report_grants"))\n',
        'session.execute(text("INSERT INTO report_grants VALUES (:a, :b, :c, :d)"))\n',
        'session.execute(text("UPDATE report_grants SET principal = :p"))\n',
        'session.execute(text("UPDATE report_grant_totals SET total = total + 1"))\n',
        "from rollbook.reports.store import ReportGrantTotal\nquery = select(ReportGrantTotal)\n",
    ],
)
def test_the_scan_catches_a_module_that_queries_the_table(source: str, tmp_path: Path) -> None:
    package = tmp_path / "rollbook"
    (package / "gadgets").mkdir(parents=True)
    (package / "reports" / "store").mkdir(parents=True)
    (package / "reports" / "store" / "__init__.py").write_text(
        "from rollbook.reports.models import Report\n"
    )
    (package / "gadgets" / "service.py").write_text(source)
    assert report_table_users(package, tmp_path) == ["gadgets/service.py"]
