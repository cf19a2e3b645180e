"""Security headers on every response: CSP (scripts only from us and the Connect JS origin),
frame-ancestors limited to Jira hosts, nosniff, referrer policy, and HSTS outside dev mode."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from rollbook.core.settings import Settings


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def jira_sources(settings: Settings) -> list[str]:
    sources = [f"https://{pattern}" for pattern in settings.allowed_jira_hosts]
    if settings.dev_mode:
        sources += ["http://localhost:*", "http://127.0.0.1:*"]
    return sources


def content_security_policy(settings: Settings) -> str:
    connect_js = _origin(settings.connect_js_url)
    jira = " ".join(jira_sources(settings))
    directives = [
        "default-src 'self'",
        f"script-src 'self' {connect_js}",
        # React sets style attributes; no external stylesheets or fonts are allowed.
        "style-src 'self' 'unsafe-inline'",
        # User avatars and status icons come from the Jira site.
        f"img-src 'self' data: {jira}",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors 'self' {jira}",
    ]
    return "; ".join(directives)


def security_headers(settings: Settings) -> list[tuple[bytes, bytes]]:
    """The headers every response carries, 500s included (`error_handlers.unexpected_error`
    adds them itself: Starlette answers an unhandled exception outside every middleware)."""
    headers = [
        (b"content-security-policy", content_security_policy(settings).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]
    if not settings.dev_mode:
        headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
    return headers


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (cheaper than BaseHTTPMiddleware on the hot path)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.headers = security_headers(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], *self.headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
