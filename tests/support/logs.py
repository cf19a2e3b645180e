"""What the server writes to its log, captured as the production handler writes it."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from rollbook.core.logs import JsonFormatter, RedactingFilter


@contextmanager
def production_log(
    logger_name: str | None = None, *, level: int | None = logging.DEBUG, redacting: bool = True
) -> Iterator[io.StringIO]:
    """JSON lines from `logger_name` (the root logger by default) at `level` and above (None:
    the logger's level as it is), through the production redaction filter unless `redacting` is
    off (to see what the code itself writes, before the filter's safety net)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    if redacting:
        handler.addFilter(RedactingFilter())
    logger = logging.getLogger(logger_name)
    previous_level = logger.level
    logger.addHandler(handler)
    if level is not None:
        logger.setLevel(level)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous_level)
