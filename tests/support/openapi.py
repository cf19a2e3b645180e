"""Jira's OpenAPI 3.0 schemas as JSON Schema, for validating jirasim's responses."""

from __future__ import annotations

from typing import Any


def allow_null(node: Any) -> Any:
    """OpenAPI 3.0 `nullable: true` as JSON Schema (draft 4 has no nullable)."""
    if isinstance(node, list):
        return [allow_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: allow_null(value) for key, value in node.items()}
    if node.pop("nullable", False):
        return {"anyOf": [node, {"type": "null"}]}
    return node
