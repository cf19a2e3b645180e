"""The issue view at `/browse/{key}` (where `AP.navigator.go('issue', ...)` lands): the issue's
main fields, read from the same stored issue the REST API serves."""

from __future__ import annotations

from html import escape
from typing import Any

from jirasim.api.v2 import adf_to_text


def _name(value: Any, attribute: str = "name") -> str:
    if isinstance(value, dict):
        return str(value.get(attribute) or "")
    return ""


def _names(values: Any) -> str:
    if not isinstance(values, list):
        return ""
    return ", ".join(str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in values)


def issue_content(issue: dict[str, Any]) -> str:
    fields = issue["fields"]
    status = fields.get("status") or {}
    category = (status.get("statusCategory") or {}).get("key", "new")
    rows = [
        ("Type", _name(fields.get("issuetype"))),
        ("Status", f'<span class="lozenge {escape(category)}">{escape(_name(status))}</span>'),
        ("Priority", escape(_name(fields.get("priority")))),
        ("Assignee", escape(_name(fields.get("assignee"), "displayName") or "Unassigned")),
        ("Reporter", escape(_name(fields.get("reporter"), "displayName"))),
        ("Labels", escape(_names(fields.get("labels")))),
        ("Components", escape(_names(fields.get("components")))),
        ("Fix versions", escape(_names(fields.get("fixVersions")))),
        ("Created", escape(str(fields.get("created") or ""))),
        ("Updated", escape(str(fields.get("updated") or ""))),
    ]
    table = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    project = fields.get("project") or {}
    description = adf_to_text(fields.get("description")) or "No description"
    return (
        f'<p><a href="/projects/{escape(str(project.get("key", "")))}">'
        f"{escape(str(project.get('name', '')))}</a> / {escape(issue['key'])}</p>"
        f'<h1 data-issue-key="{escape(issue["key"])}">{escape(str(fields.get("summary", "")))}</h1>'
        f'<table class="fields">{table}</table>'
        f'<h2>Description</h2><div class="description">{escape(description)}</div>'
    )
