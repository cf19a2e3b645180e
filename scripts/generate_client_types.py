"""Generate the client's report types (client/src/api/types.gen.ts) from the Pydantic schemas.

    python scripts/generate_client_types.py           # rewrite the file
    python scripts/generate_client_types.py --check   # exit 1 when the file is stale

The public models go into one JSON Schema whose `$defs` name every sub-type once (`Column`,
`FilterRule`, ...); json-schema-to-typescript (client/node_modules) turns it into TypeScript.
"""

import argparse
import json
import shutil
import subprocess
import sys
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
OUTPUT = ROOT / "client" / "src" / "api" / "types.gen.ts"
SCRIPT = "scripts/generate_client_types.py"
JSON2TS = ROOT / "client" / "node_modules" / ".bin" / "json2ts"

PUBLIC_MODELS: tuple[type[BaseModel], ...] = (
    ReportCreate,
    ReportUpdate,
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


def client_json_schema() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], JsonSchemaMode]] = [
        (model, "serialization") for model in PUBLIC_MODELS
    ]
    _, schema = models_json_schema(models, schema_generator=ClientSchemaGenerator)
    definitions: dict[str, Any] = schema["$defs"]
    for enum in EXTRA_ENUMS:
        definitions[enum.__name__] = TypeAdapter(enum).json_schema()
    # The root is a union of the top-level types only so that json2ts emits each of them
    # (and what they use) once, without "referenced by" comments.
    roots = [*(model.__name__ for model in PUBLIC_MODELS), *(e.__name__ for e in EXTRA_ENUMS)]
    return {
        "title": "RollbookReportModel",
        "description": "Report model v1: the bodies of the reports API and their vocabularies.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": {name: _for_typescript(definitions[name]) for name in sorted(definitions)},
    }


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the generated file is out of date"
    )
    args = parser.parse_args(argv)

    generated = render_typescript(client_json_schema())
    current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else None
    if args.check:
        if current != generated:
            stale = OUTPUT.relative_to(ROOT)
            print(f"{stale} is stale; run `python {SCRIPT}`", file=sys.stderr)
            return 1
        return 0
    if current != generated:
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        OUTPUT.write_text(generated, encoding="utf-8")
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
