"""`/api/me`: the smallest API route, telling the client who it is signed in as."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from rollbook.identity.dependencies import PrincipalDep

router = APIRouter(tags=["api"])


class Me(BaseModel):
    client_key: str
    base_url: str
    account_id: str


@router.get("/api/me")
def me(principal: PrincipalDep) -> Me:
    return Me(
        client_key=principal.tenant_key,
        base_url=principal.site_url,
        account_id=principal.account_id,
    )
