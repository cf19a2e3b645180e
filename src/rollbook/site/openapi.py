"""A model's JSON Schema with every `$ref` written out, for a route that reads its own body
(the import) and so declares the body in `openapi_extra`, where `#/$defs/...` cannot point."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def _resolve(node: Any, definitions: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, list):
        return [_resolve(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str) and reference.startswith("#/$defs/"):
        name = reference.removeprefix("#/$defs/")
        if name in seen:
            raise ValueError(f"{name} refers to itself; it cannot be written out")
        rest = {key: value for key, value in node.items() if key != "$ref"}
        return {**_resolve(definitions[name], definitions, (*seen, name)), **rest}
    return {key: _resolve(value, definitions, seen) for key, value in node.items()}


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s validation schema without `$defs` (the report model has no recursive type)."""
    schema = model.model_json_schema(mode="validation")
    definitions = schema.pop("$defs", {})
    resolved: dict[str, Any] = _resolve(schema, definitions, ())
    return resolved
