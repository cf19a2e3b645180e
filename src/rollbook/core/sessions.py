"""Database access from routes.

Every pooled connection is checked out and returned within one call: a route opens
`with database.session()` in its body (on a worker thread, or on the event loop for the hot
report read), and authentication opens its own short session. A session held across
FastAPI's thread hops (a yield dependency) deadlocks under load: requests holding connections
wait for threads while every thread waits for a connection."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from rollbook.core.db import Database
from rollbook.core.state import app_state


async def get_database(request: Request) -> Database:
    return app_state(request).database


DatabaseDep = Annotated[Database, Depends(get_database)]
