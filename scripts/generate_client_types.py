"""Generate the client's report types from the Pydantic schemas, in two files by role:

- `client/src/api/definition.gen.ts`: a report definition as the editor builds it
  (`ReportCreate`, `ReportUpdate`, columns, rules, formats and their vocabularies);
- `client/src/api/resources.gen.ts`: what the server sends and takes around definitions
  (`ReportPublic`, lists, the export file, import options, gadget settings, error bodies).

    python scripts/generate_client_types.py           # rewrite the files
    python scripts/generate_client_types.py --check   # exit 1 when a file is stale

All public models go into one JSON Schema namespace, so every sub-type (`Column`,
`FilterRule`, ...) has one name. Each file gets the types its roots reach; the resources file
names definition types through json2ts's `tsType` and imports them instead of declaring them
again. json-schema-to-typescript (client/node_modules) turns each schema into TypeScript.
"""

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema
from pydantic_core import CoreSchema, core_schema

from rollbook.reports.schemas import (
    ErrorBody,
    GadgetSetting,
    GadgetSettingUpdate,
    ImportOptions,
    RelativeDateUnit,
    ReportCreate,
    ReportExportFile,
    ReportList,
    ReportPublic,
    ReportSummary,
    ReportUpdate,
)

ROOT = Path(__file__).resolve().parents[1]
API_DIR = ROOT / "client" / "src" / "api"
SCRIPT = "scripts/generate_client_types.py"
JSON2TS = ROOT / "client" / "node_modules" / ".bin" / "json2ts"

DEFINITION_MODELS: tuple[type[BaseModel], ...] = (ReportCreate, ReportUpdate)
RESOURCE_MODELS: tuple[type[BaseModel], ...] = (
    ReportPublic,
    ReportSummary,
    ReportList,
    ReportExportFile,
    ImportOptions,
    GadgetSetting,
    GadgetSettingUpdate,
    ErrorBody,
)
# Named in the client although no model field refers to them (operands are untyped values).
EXTRA_ENUMS: tuple[type[Any], ...] = (RelativeDateUnit,)

BANNER = f"""\
/* eslint-disable */
// Generated — do not edit; run `python {SCRIPT}`.
// Source: src/rollbook/reports/schemas/ (docs/report-model.md)."""


class ClientSchemaGenerator(GenerateJsonSchema):
    """Client-facing schema: every field is required and properties carry no titles.

    Fields with defaults are required because the server always sends them and the client
    sends complete objects, so client code never has to tell a missing key from a default.
    Property titles would otherwise become stray type aliases in the TypeScript output.
    """

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        return True

    def field_title_should_be_set(self, schema: CoreSchema | Any) -> bool:
        return False


@dataclass(frozen=True)
class GeneratedFile:
    name: str
    schema: dict[str, Any]
    imports: tuple[str, ...]  # definition types it refers to


def _all_definitions() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (model, "serialization") for model in (*DEFINITION_MODELS, *RESOURCE_MODELS)
    ]
    _, schema = models_json_schema(models, schema_generator=ClientSchemaGenerator)
    definitions: dict[str, Any] = schema["$defs"]
    for enum in EXTRA_ENUMS:
        definitions[enum.__name__] = TypeAdapter(enum).json_schema()
    return definitions


def _refs(node: Any) -> set[str]:
    """Names of the `$defs` that a schema node refers to."""
    found: set[str] = set()
    if isinstance(node, list):
        for item in node:
            found |= _refs(item)
    elif isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[1])
        for child in node.values():
            found |= _refs(child)
    return found


def _reachable(roots: list[str], definitions: dict[str, Any], outside: frozenset[str]) -> set[str]:
    """Names reachable from `roots`, not following into `outside` (the other file's types)."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name not in seen and name not in outside:
            seen.add(name)
            pending.extend(_refs(definitions[name]))
    return seen


def _named(node: Any, names: frozenset[str]) -> Any:
    """`$ref`s to `names` become json2ts `tsType`s: the type is referred to, not declared."""
    if isinstance(node, list):
        return [_named(item, names) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node and node["$ref"].rsplit("/", 1)[1] in names:
        return {"tsType": node["$ref"].rsplit("/", 1)[1]}
    return {key: _named(child, names) for key, child in node.items()}


def _schema(
    title: str,
    roots: list[str],
    names: set[str],
    definitions: dict[str, Any],
    imported: frozenset[str],
) -> dict[str, Any]:
    # The root is a union of the top-level types only so that json2ts emits each of them
    # (and what they use) once, without "referenced by" comments.
    return {
        "title": title,
        "description": f"Report model v1, generated from {', '.join(roots)}.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": {
            name: _named(_for_typescript(definitions[name]), imported) for name in sorted(names)
        },
    }


def client_files() -> list[GeneratedFile]:
    definitions = _all_definitions()
    definition_roots = [m.__name__ for m in (*DEFINITION_MODELS, *EXTRA_ENUMS)]
    definition_names = frozenset(_reachable(definition_roots, definitions, frozenset()))
    resource_roots = [m.__name__ for m in RESOURCE_MODELS]
    resource_names = _reachable(resource_roots, definitions, definition_names)
    imports = set().union(*(_refs(definitions[n]) for n in resource_names)) & definition_names
    return [
        GeneratedFile(
            "definition.gen.ts",
            _schema(
                "ReportDefinitionTypes",
                definition_roots,
                set(definition_names),
                definitions,
                frozenset(),
            ),
            (),
        ),
        GeneratedFile(
            "resources.gen.ts",
            _schema(
                "ReportResourceTypes", resource_roots, resource_names, definitions, definition_names
            ),
            tuple(sorted(imports)),
        ),
    ]


_NAME_MAPS = frozenset({"properties", "$defs"})
_DROPPED = frozenset({"default", "minItems"})


def _for_typescript(node: Any) -> Any:
    """Drop what json2ts would turn into noise.

    A `$ref` with sibling keys (a field's default or description) becomes a numbered copy of
    the referenced type (`Access1`); `minItems` becomes a tuple type (`[string, ...string[]]`).
    """
    if isinstance(node, list):
        return [_for_typescript(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return {"$ref": node["$ref"]}
    return {
        key: (
            {name: _for_typescript(value) for name, value in child.items()}
            if key in _NAME_MAPS
            else _for_typescript(child)
        )
        for key, child in node.items()
        if key not in _DROPPED
    }


def render_typescript(schema: dict[str, Any]) -> str:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("node is required to run json-schema-to-typescript")
    result = subprocess.run(
        [
            node,
            str(JSON2TS),
            "--additionalProperties=false",
            "--maxItems=-1",
            "--unknownAny",
            f"--bannerComment={BANNER}",
        ],
        input=json.dumps(schema, indent=2),
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT / "client",
    )
    if result.returncode != 0:
        raise SystemExit(f"json2ts failed:\n{result.stderr}")
    return result.stdout


def render_file(file: GeneratedFile) -> str:
    typescript = render_typescript(file.schema)
    if not file.imports:
        return typescript
    # After the banner (its last line names the source), before the first declaration.
    banner, _, declarations = typescript.partition("\n\n")
    names = ", ".join(file.imports)
    return f'{banner}\n\nimport type {{ {names} }} from "./definition.gen";\n\n{declarations}'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a generated file is out of date"
    )
    args = parser.parse_args(argv)

    stale = []
    for file in client_files():
        output = API_DIR / file.name
        generated = render_file(file)
        current = output.read_text(encoding="utf-8") if output.exists() else None
        if current == generated:
            continue
        stale.append(output.relative_to(ROOT))
        if not args.check:
            output.write_text(generated, encoding="utf-8")
            print(f"wrote {output.relative_to(ROOT)}")
    if args.check and stale:
        print(f"{', '.join(map(str, stale))} stale; run `python {SCRIPT}`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
