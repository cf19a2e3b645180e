"""jirasim's Jira Cloud REST API (v2 and v3 paths): search, issues, changelogs, users,
permissions, metadata, with Jira's authentication, error bodies and fault injection."""

from __future__ import annotations

from fastapi import APIRouter

from jirasim.api import (
    changelogs,
    field_options,
    issue_edits,
    issues,
    jql_routes,
    meta,
    permissions,
    project_lists,
    reference_lists,
    search_routes,
    users,
)


def rest_router() -> APIRouter:
    """Every REST route, mounted by the app under both `/rest/api/2` and `/rest/api/3`."""
    router = APIRouter()
    for module in (
        search_routes,
        issues,
        issue_edits,
        users,
        meta,
        reference_lists,
        project_lists,
        field_options,
        permissions,
        jql_routes,
        changelogs,
    ):
        router.include_router(module.router)
    return router
