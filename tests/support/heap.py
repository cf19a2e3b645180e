"""What a browser frame's JavaScript heap holds, read from outside the page: a V8 heap snapshot
over the Chrome DevTools Protocol, so the privacy tests need no hook in the shipped bundle.

A snapshot covers the whole renderer process of the frame: on Connect the app frame shares its
process with the host page (same site), on Forge it runs in a process of its own (another site).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from playwright.sync_api import Error as PlaywrightError


def heap_snapshot(page: Any, frame: Any) -> str:
    """The JSON heap snapshot of the process running `frame`, taken after a full collection (so
    only what something still references is in it)."""
    try:
        session = page.context.new_cdp_session(frame)
    except PlaywrightError:
        # Not an out-of-process frame: it runs in the page's process, which the page's own
        # session snapshots.
        session = page.context.new_cdp_session(page)
    chunks: list[str] = []
    session.on("HeapProfiler.addHeapSnapshotChunk", lambda event: chunks.append(event["chunk"]))
    try:
        session.send("HeapProfiler.enable")
        session.send("HeapProfiler.collectGarbage")
        session.send("HeapProfiler.takeHeapSnapshot", {"reportProgress": False})
    finally:
        session.detach()
    snapshot = "".join(chunks)
    assert snapshot.endswith("]}") and '"strings":' in snapshot, "incomplete heap snapshot"
    return snapshot


def snapshot_strings(snapshot: str) -> str:
    """The snapshot's string table (every string value the heap holds, JSON-encoded; V8 keeps
    the first 1,024 characters of each): the part that can hold issue data."""
    return snapshot[snapshot.rindex('"strings":') :]


def issue_keys_in(text: str, keys: Iterable[str]) -> set[str]:
    """Which of `keys` occur in `text` as whole keys (ROLL-1 is not found in ROLL-12)."""
    wanted = sorted(set(keys))
    if not wanted:
        return set()
    pattern = re.compile(
        r"(?<![A-Za-z0-9-])(" + "|".join(re.escape(key) for key in wanted) + r")(?!\d)"
    )
    return {match.group(1) for match in pattern.finditer(text)}


def issue_keys_in_memory(page: Any, frame: Any, keys: Iterable[str]) -> set[str]:
    """Which of `keys` the heap of `frame`'s process still holds."""
    return issue_keys_in(snapshot_strings(heap_snapshot(page, frame)), keys)
