"""Blocking work (a database session on a worker thread) whose access rules may need the
viewer's Jira groups. The groups are looked up on the event loop, never while a worker thread
and a pooled connection wait: the work runs; if a rule needs groups that are not resolved yet,
it stops before writing anything (its transaction rolls back), the groups are resolved, and the
work runs again, once."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread

from rollbook.identity.exceptions import GroupsNotResolved
from rollbook.identity.viewer import Viewer

T = TypeVar("T")


async def run_with_groups(viewer: Viewer, work: Callable[[], T]) -> T:
    """`work` on a worker thread; raises `GroupCheckUnavailable` when its rules need groups and
    Jira cannot say. `work` must check access before it writes (every service function does)."""
    viewer.use_cached_groups()
    try:
        return await anyio.to_thread.run_sync(work)
    except GroupsNotResolved:
        await viewer.resolve_groups()
    return await anyio.to_thread.run_sync(work)
