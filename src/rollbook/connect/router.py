"""Connect routes that are not lifecycle: the app descriptor."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from rollbook.connect.descriptor import build_descriptor
from rollbook.core.state import app_state

router = APIRouter()


@router.get("/atlassian-connect.json", tags=["connect"])
def descriptor(request: Request) -> dict[str, Any]:
    return build_descriptor(app_state(request).settings)
