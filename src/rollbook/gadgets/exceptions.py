"""Gadget errors, each with an HTTP status and a stable code for the JSON body."""

from __future__ import annotations

from rollbook.core.errors import ApiError


class GadgetNotConfigured(ApiError):
    status_code = 404
    code = "gadget_not_configured"


class GadgetChosenByAnotherUser(ApiError):
    """Someone else chose the gadget's current report: only they or a Jira administrator may
    point it elsewhere (anyone could otherwise swap what a shared dashboard shows)."""

    status_code = 403
    code = "gadget_chosen_by_another_user"


class GadgetViewNotFound(ApiError):
    """The chosen view is not one of the report's views (removed meanwhile, or never there)."""

    status_code = 422
    code = "gadget_view_not_found"
