"""REST API v2 views of v3 payloads. The simulator stores issues as v3 returns them; v2 differs in
rich text (plain wiki-style strings instead of Atlassian Document Format) and in `self` links.
Clients such as the `jira` package default to v2, so both versions are served."""

from __future__ import annotations

from typing import Any

_V3 = "/rest/api/3/"
_V2 = "/rest/api/2/"
_BLOCKS = {"paragraph", "heading", "blockquote", "listItem", "codeBlock", "rule", "panel"}


def adf_to_text(node: Any) -> str:
    """Plain text of an ADF document: text nodes joined, blocks separated by newlines."""
    if not isinstance(node, dict):
        return ""
    kind = node.get("type")
    if kind == "text":
        return str(node.get("text", ""))
    if kind == "hardBreak":
        return "\n"
    if kind in {"mention", "emoji"}:
        attrs = node.get("attrs") or {}
        return str(attrs.get("text") or attrs.get("shortName") or "")
    parts = [adf_to_text(child) for child in node.get("content", [])]
    if kind == "doc":
        return "\n".join(part for part in parts if part).strip("\n")
    text = "".join(parts)
    if kind == "listItem":
        return "* " + text
    return text + "\n" if kind in _BLOCKS else text


def _is_adf(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") == "doc" and "content" in value


def to_v2(value: Any) -> Any:
    """A deep copy of `value` with ADF documents as text and v3 `self` links pointing at v2."""
    if _is_adf(value):
        return adf_to_text(value)
    if isinstance(value, dict):
        return {
            key: (
                item.replace(_V3, _V2) if key == "self" and isinstance(item, str) else to_v2(item)
            )
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [to_v2(item) for item in value]
    return value
