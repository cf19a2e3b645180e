"""Jira's error responses: the `ErrorCollection` body (`{"errorMessages": [...], "errors": {}}`)
for every refusal, raised as `JiraError` anywhere in a route and rendered by one handler.

Framework errors (unknown route, wrong method, body that fails validation) are rendered the same
way so a client never sees FastAPI's own `{"detail": ...}` shape.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

# Messages copied from Jira Cloud responses (docs/platform.md#removed-search-endpoints,
# docs/platform.md#error-bodies-and-jql-messages and the issues they cite).
REMOVED_SEARCH_API = (
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
    "A full migration guideline is available at "
    "https://developer.atlassian.com/changelog/#CHANGE-2046"
)
UNBOUNDED_JQL = (
    "Unbounded JQL queries are not allowed here. Please add a search restriction to your query."
)
MAX_RESULTS_RANGE = "The max results parameter has to be between 1 and 5,000."
ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it."
NOT_AUTHENTICATED = "You are not authenticated. Authentication required to perform this operation."
USER_NOT_FOUND = "Specified user does not exist or you do not have required permissions"


class JiraJSONResponse(Response):
    """JSON via orjson: search pages of 5,000 issues are serialized several times faster."""

    media_type = "application/json;charset=UTF-8"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


class JiraError(Exception):
    """A refusal with Jira's status code and ErrorCollection body."""

    def __init__(
        self,
        status_code: int,
        messages: list[str] | str,
        *,
        errors: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.errors = errors or {}
        self.headers = headers or {}
        super().__init__("; ".join(self.messages))

    def body(self) -> dict[str, Any]:
        return {"errorMessages": self.messages, "errors": self.errors}


class UnsupportedMediaType(JiraError):
    """Jira Cloud's gateway refuses a body-less or non-JSON POST with an RFC 7807 problem."""

    def __init__(self, content_type: str | None, path: str) -> None:
        self.content_type = content_type
        self.path = path
        super().__init__(415, f"Content-Type '{content_type or 'null'}' is not supported.")

    def body(self) -> dict[str, Any]:
        return {
            "title": "Unsupported Media Type",
            "detail": self.messages[0],
            "instance": self.path,
        }


def bad_request(message: str) -> JiraError:
    return JiraError(400, message)


def error_response(error: JiraError) -> JiraJSONResponse:
    response = JiraJSONResponse(error.body(), status_code=error.status_code, headers=error.headers)
    if isinstance(error, UnsupportedMediaType):
        response.headers["content-type"] = "application/problem+json"
    return response


async def _jira_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, JiraError)
    return error_response(exc)


async def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    # Jira's wording for an unknown REST path (Jersey's), in an ErrorCollection so clients'
    # error handling stays uniform.
    not_found = exc.status_code == 404
    message = f"null for uri: {_request.url}" if not_found else str(exc.detail)
    return JiraJSONResponse(
        {"errorMessages": [message], "errors": {}},
        status_code=exc.status_code,
        headers=dict(exc.headers or {}),
    )


INVALID_PAYLOAD = "Invalid request payload. Refer to the REST API documentation and try again."


async def _validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    # Jira's Jackson-based beans answer type mismatches with one sentence for the whole body.
    first = exc.errors()[0] if exc.errors() else {}
    location = ".".join(str(part) for part in first.get("loc", ()) if part != "body")
    message = f"{INVALID_PAYLOAD} ({location})"
    return JiraJSONResponse({"errorMessages": [message], "errors": {}}, status_code=400)


async def _client_gone(request: Request, exc: Exception) -> Response:
    """The client closed the connection before its request body arrived (a browser's fetch
    aborted as the page moved on): nobody is left to answer, and it is no fault of the server,
    so it is not logged as one (uvicorn would print a traceback). 499 is nginx's code for it."""
    return Response(status_code=499)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ClientDisconnect, _client_gone)
    app.add_exception_handler(JiraError, _jira_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
