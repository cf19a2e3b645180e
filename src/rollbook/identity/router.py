"""`/api/me`: the smallest API route, telling the client who it is signed in as."""

from __future__ import annotations

from fastapi import APIRouter

from rollbook.identity.dependencies import PrincipalDep
from rollbook.identity.schemas import Me

router = APIRouter(tags=["api"])


@router.get("/api/me")
def me(principal: PrincipalDep) -> Me:
    return Me(
        client_key=principal.tenant_key,
        base_url=principal.site_url,
        account_id=principal.account_id,
    )
