"""Typed dependencies of the report routes: the viewer, the database session, the directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rollbook.connect.dependencies import ContextUser
from rollbook.jira.directory import JiraDirectory
from rollbook.reports.permissions import Viewer
from rollbook.state import app_state


async def get_directory(request: Request) -> JiraDirectory:
    return app_state(request).jira_directory


DirectoryDep = Annotated[JiraDirectory, Depends(get_directory)]


async def get_viewer(principal: ContextUser, directory: DirectoryDep) -> Viewer:
    account_id = principal.account_id
    assert account_id is not None  # ContextUser guarantees a user
    return Viewer(
        client_key=principal.client_key,
        account_id=account_id,
        lookup_groups=lambda: directory.groups_of(principal.client_key, account_id),
    )


ViewerDep = Annotated[Viewer, Depends(get_viewer)]
