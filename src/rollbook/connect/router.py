"""Connect routes that are not lifecycle: the descriptor and the smallest API route, /api/me."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from rollbook.connect.dependencies import ContextUser
from rollbook.connect.descriptor import build_descriptor
from rollbook.state import app_state

router = APIRouter()


@router.get("/atlassian-connect.json", tags=["connect"])
def descriptor(request: Request) -> dict[str, Any]:
    return build_descriptor(app_state(request).settings)


class Me(BaseModel):
    client_key: str
    base_url: str
    account_id: str


@router.get("/api/me", tags=["api"])
def me(principal: ContextUser) -> Me:
    assert principal.account_id is not None  # guaranteed by ContextUser
    return Me(
        client_key=principal.client_key,
        base_url=principal.base_url,
        account_id=principal.account_id,
    )
