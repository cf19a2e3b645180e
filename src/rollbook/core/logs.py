"""Structured (JSON lines) logging that never writes tokens or shared secrets."""

from __future__ import annotations

import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any

import orjson

# Compact JWTs (Connect tokens and FITs), jwt= query parameters, "JWT <token>" and
# "Bearer <token>" headers, Forge app-token headers and sharedSecret values.
_SECRET_PATTERNS = [
    (re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*"), "[jwt]"),
    (re.compile(r"(jwt=)[^&\s\"']+", re.IGNORECASE), r"\1[redacted]"),
    (re.compile(r"(JWT\s+)\S+"), r"\1[redacted]"),
    (re.compile(r"(Bearer\s+)[^\s\"',]+", re.IGNORECASE), r"\1[redacted]"),
    (
        re.compile(r"(x-forge-oauth-(?:system|user)[\"']?\s*[:=,]\s*[\"']?)[^\"',\s)]+", re.I),
        r"\1[redacted]",
    ),
    (re.compile(r"(\"?shared_?secret\"?\s*[:=]\s*\"?)[^\"',\s}]+", re.IGNORECASE), r"\1[redacted]"),
]
# Text without any of these (lowercased) cannot match a pattern above: most lines, such as the
# access log's, skip the six substitutions, which cost a third of a logged line.
_SECRET_MARKERS = ("eyj", "jwt", "bearer", "x-forge-oauth", "secret")
_STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def redact(text: str) -> str:
    lowered = text.lower()
    if not any(marker in lowered for marker in _SECRET_MARKERS):
        return text
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Scrubs secrets from the rendered message and extra fields of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = ()
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, key, redact(value))
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            # Which process wrote the line: with `serve --workers N` each worker logs itself.
            "pid": record.process,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        # orjson: a tenth of json.dumps's time, on every access line.
        return orjson.dumps(entry, default=str).decode()


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
