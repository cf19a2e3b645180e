"""Forge lifecycle events sent to the remote by triggers: `avi:forge:installed:app`."""

from __future__ import annotations

import logging

import anyio.to_thread
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from rollbook.core.state import app_state
from rollbook.forge.exceptions import EventMismatch, InvalidEvent
from rollbook.forge.gate import FORGE_GATE

log = logging.getLogger(__name__)
router = APIRouter(prefix="/forge/events", tags=["forge"])


class InstalledEvent(BaseModel):
    # Forge sends more than we use; unknown fields are ignored, not stored.
    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    event_type: str | None = Field(default=None, alias="eventType", max_length=128)
    installation_id: str | None = Field(default=None, alias="installationId", max_length=255)


class EventAccepted(BaseModel):
    status: str


def _event(raw: bytes) -> InstalledEvent:
    try:
        return InstalledEvent.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        raise InvalidEvent("the event body is not a Forge installed event") from exc


@router.post("/installed")
async def installed(request: Request) -> EventAccepted:
    """Registers the installation named by the FIT (no user: a trigger has no principal). The
    FIT is checked before the body is read, so an unauthenticated caller only ever gets 401."""
    gate = app_state(request)[FORGE_GATE]
    authorization = request.headers.get("authorization", "")
    invocation = await anyio.to_thread.run_sync(gate.verify, authorization)
    event = _event(await request.body())
    if event.installation_id and event.installation_id != invocation.installation_id:
        raise EventMismatch("the event names another installation than its token")
    await anyio.to_thread.run_sync(gate.register, invocation)
    log.info("Forge install event", extra={"client_key": invocation.installation_id})
    return EventAccepted(status="registered")
