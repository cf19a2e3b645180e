"""Gadget errors, each with an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class GadgetNotConfigured(ApiError):
    status_code = 404
    code = "gadget_not_configured"
