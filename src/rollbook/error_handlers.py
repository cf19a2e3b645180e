"""Every error answer is JSON `{"error": code, "message": ...}`. For Forge (Bearer) requests,
401 comes only from a failed FIT: Forge Remote shows any 401 as "could not verify the Forge
Invocation Token" (docs/platform.md#invokeremote-and-the-response-contract)."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from rollbook.connect.exceptions import ConnectAuthError
from rollbook.core.errors import ApiError
from rollbook.core.state import app_state
from rollbook.forge.exceptions import ForgeAuthError
from rollbook.identity.dependencies import AuthScheme, auth_scheme
from rollbook.reports.schemas import INVALID_REPORT, invalid_report_body
from rollbook.security_headers import security_headers
from rollbook.tenancy.cache import TENANT_CACHE
from rollbook.tenancy.presence import TenantGone

log = logging.getLogger("rollbook.app")


def _is_forge(request: Request) -> bool:
    return auth_scheme(request) is AuthScheme.BEARER


async def connect_auth_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ConnectAuthError)
    log.info("request refused", extra={"error": exc.code, "path": request.url.path})
    # A Connect failure inside a Forge request is not a FIT failure, so never a 401 there.
    status = 403 if _is_forge(request) and exc.status_code == 401 else exc.status_code
    return JSONResponse(
        {"error": exc.code, "message": exc.message},
        status_code=status,
        headers={"WWW-Authenticate": "JWT"} if status == 401 else None,
    )


async def tenant_gone(request: Request, exc: Exception) -> JSONResponse:
    """A tenant purged by another instance or the CLI while this one still had it cached: the
    answer an unknown tenant's token gets (Forge: 403, its 401 means a bad FIT), and the cached
    row is dropped so this instance's next request meets the purge at authentication."""
    assert isinstance(exc, TenantGone)
    app_state(request)[TENANT_CACHE].forget(exc.tenant_key)
    log.info("request refused", extra={"error": exc.code, "path": request.url.path})
    forge = _is_forge(request)
    return JSONResponse(
        {"error": exc.code, "message": exc.message},
        status_code=403 if forge else 401,
        headers=None if forge else {"WWW-Authenticate": "JWT"},
    )


async def forge_auth_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ForgeAuthError)
    log.info("Forge request refused", extra={"error": exc.code, "path": request.url.path})
    return JSONResponse(
        {"error": exc.code, "message": exc.message},
        status_code=exc.status_code,
        headers={"WWW-Authenticate": "Bearer"},
    )


async def api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return JSONResponse(
        {"error": exc.code, "message": exc.message, **exc.extra}, status_code=exc.status_code
    )


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    # A bad report body is `invalid_report`; a bad query or path parameter is a bad request.
    in_body = any(tuple(error["loc"][:1]) == ("body",) for error in errors)
    body = invalid_report_body(errors, error=INVALID_REPORT if in_body else "invalid_request")
    return JSONResponse(body.model_dump(mode="json"), status_code=422)


_HTTP_CODES = {404: "not_found", 405: "method_not_allowed"}


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Framework answers (unknown route, wrong method) in the same shape; `detail` is kept for
    clients that read FastAPI's own field."""
    assert isinstance(exc, HTTPException)
    status = 403 if exc.status_code == 401 and _is_forge(request) else exc.status_code
    return JSONResponse(
        {
            "error": _HTTP_CODES.get(status, "http_error"),
            "message": exc.detail,
            "detail": exc.detail,
        },
        status_code=status,
        headers=exc.headers,
    )


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error(
        "unexpected error",
        extra={"path": request.url.path, "error": type(exc).__name__},
    )
    response = JSONResponse(
        {"error": "internal_error", "message": "something went wrong on our side"},
        status_code=500,
    )
    # Starlette sends this answer from its outermost layer, past SecurityHeadersMiddleware, so
    # the headers are added here.
    for name, value in security_headers(app_state(request).settings):
        response.headers[name.decode("latin-1")] = value.decode("latin-1")
    return response
