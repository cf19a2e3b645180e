"""No Atlassian account id in the log: httpx logs every request's URL at INFO, and a group
look-up's URL carries `?accountId=…`. The query of every URL httpx and httpcore log is
replaced by `?[redacted]` before the record reaches any handler (docs/limits.md#jira-calls)."""

from __future__ import annotations

import logging
import re

# The loggers of the HTTP client stack (httpx at INFO, httpcore at DEBUG).
HTTP_CLIENT_LOGGERS = ("httpx", "httpcore")
_URL_QUERY = re.compile(r"(https?://[^\s?\"'#]*)\?[^\s\"'#]*")


def without_queries(text: str) -> str:
    return _URL_QUERY.sub(r"\1?[redacted]", text)


class UrlQueryRedaction(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg, record.args = without_queries(message), ()
        return True


def keep_account_ids_out_of_http_logs() -> None:
    """Idempotent: create_app calls it for every app."""
    for name in HTTP_CLIENT_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(existing, UrlQueryRedaction) for existing in logger.filters):
            logger.addFilter(UrlQueryRedaction())
