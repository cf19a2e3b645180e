"""Generate the client's types and vocabulary from the server's Pydantic schemas, by role:

- `client/src/api/definition.gen.ts`: a report definition as the editor builds it
  (`ReportCreate`, `ReportUpdate`, people), with its parts in files of their own, which it
  imports and re-exports (so every definition type is imported from it):
  `rules.gen.ts` (columns, sorting, grouping, filtering and formula rules, formats and their
  vocabularies), `history.gen.ts` (history settings), `views.gen.ts` (tables, pivots, charts);
- `client/src/api/resources.gen.ts`: what the server sends and takes around definitions
  (`ReportPublic`, lists, the export file, import, trash, purge, `Me`, gadget settings, errors);
- `client/src/engine/model.gen.ts`: the engine's input, a report definition as the server
  accepts it (keys with a default may be missing); inside the engine, which imports nothing
  from outside itself;
- `client/src/engine/vocabulary.gen.ts`: field types, system fields, the operators and
  aggregations each type allows and the field-key pattern (`reports/schemas/vocabulary.py`).

    python scripts/generate_client_types.py           # rewrite the files
    python scripts/generate_client_types.py --check   # exit 1 when a file is stale

All public models go into one JSON Schema namespace, so every sub-type (`Column`,
`FilterRule`, ...) has one name. Each file gets the types its roots reach that an earlier file
does not declare; it names those of other files through json2ts's `tsType` and imports them
instead of declaring them again. json-schema-to-typescript (client/node_modules) turns each
schema into TypeScript; the vocabulary is plain data and is written directly.
"""

import argparse
import functools
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, models_json_schema
from pydantic_core import CoreSchema, core_schema

from rollbook.admin.schemas import SecurityContact
from rollbook.gadgets.schemas import GadgetSetting, GadgetSettingUpdate
from rollbook.identity.schemas import Me
from rollbook.reports.schemas import (
    ErrorBody,
    RelativeDateUnit,
    ReportCreate,
    ReportList,
    ReportPublic,
    ReportSummary,
    ReportUpdate,
    TrashList,
    enums,
    views,
    vocabulary,
)
from rollbook.site.schemas import (
    ImportOptions,
    ImportRequest,
    ImportResult,
    PurgeRequest,
    PurgeResult,
    ReportExportFile,
)

ROOT = Path(__file__).resolve().parents[1]
API_DIR = ROOT / "client" / "src" / "api"
ENGINE_DIR = ROOT / "client" / "src" / "engine"
SCRIPT = "scripts/generate_client_types.py"
JSON2TS = ROOT / "client" / "node_modules" / ".bin" / "json2ts"

DEFINITION_MODELS: tuple[type[BaseModel], ...] = (ReportCreate, ReportUpdate)


@dataclass(frozen=True)
class DefinitionPart:
    """One file of the definition's types: those reachable from `roots` (schema names) that
    no earlier part declares. Split by role so that no file outgrows ~500 lines."""

    file: str  # under client/src/api
    title: str
    roots: tuple[str, ...]


# In dependency order: a part uses only the parts before it. The last is definition.gen.ts.
DEFINITION_PARTS: tuple[DefinitionPart, ...] = (
    DefinitionPart(
        "rules.gen.ts",
        "ReportRuleTypes",
        ("Column", "SortRule", "GroupRule", "FilterRule", "FormulaField", "RelativeDateUnit"),
    ),
    DefinitionPart("history.gen.ts", "ReportHistoryTypes", ("HistorySettings",)),
    DefinitionPart("views.gen.ts", "ReportViewTypes", ("View",)),
    DefinitionPart("definition.gen.ts", "ReportDefinitionTypes", ("ReportCreate", "ReportUpdate")),
)
RESOURCE_MODELS: tuple[type[BaseModel], ...] = (
    ReportPublic,
    ReportSummary,
    ReportList,
    ReportExportFile,
    ImportOptions,
    ImportRequest,
    ImportResult,
    TrashList,
    PurgeRequest,
    PurgeResult,
    Me,
    SecurityContact,
    GadgetSetting,
    GadgetSettingUpdate,
    ErrorBody,
)
# The engine reads a definition as the server accepts it: `ReportCreate` in validation mode.
ENGINE_MODELS: tuple[type[BaseModel], ...] = (ReportCreate,)
# Named in the client although no model field refers to them (operands are untyped values).
EXTRA_ENUMS: tuple[type[Any], ...] = (RelativeDateUnit,)


def _banner(source: str) -> str:
    # Biome skips *.gen.ts (biome.jsonc), so the files need no linter directive.
    return f"""\
// Generated — do not edit; run `./dev gen` (python {SCRIPT}).
// Source: {source}."""


BANNER = _banner("src/rollbook/reports/schemas/ (docs/report-model.md)")


class ClientSchemaGenerator(GenerateJsonSchema):
    """Client-facing schema: in serialization mode every field is required; properties carry
    no titles.

    Fields with defaults are required in what the server sends (it always sends them) and the
    client sends complete objects, so client code never has to tell a missing key from a
    default. The engine's input (validation mode) keeps them optional, as the server does.
    Property titles would otherwise become stray type aliases in the TypeScript output.
    """

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        return self.mode == "serialization" or super().field_is_required(field, total)

    def field_title_should_be_set(self, schema: CoreSchema | Any) -> bool:
        return False


@dataclass(frozen=True)
class GeneratedFile:
    path: Path
    render: Callable[[], str]


def _definitions(models: Iterable[type[BaseModel]], mode: JsonSchemaMode) -> dict[str, Any]:
    _, schema = models_json_schema(
        [(model, mode) for model in models], schema_generator=ClientSchemaGenerator
    )
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
        "description": f"Report model v2, generated from {', '.join(roots)}.",
        "oneOf": [{"$ref": f"#/$defs/{name}"} for name in roots],
        "$defs": {
            name: _named(_for_typescript(definitions[name]), imported) for name in sorted(names)
        },
    }


def _definition_files(definitions: dict[str, Any]) -> list[GeneratedFile]:
    """The definition's types, one file per part; definition.gen.ts re-exports the others."""
    declared_in: dict[str, str] = {}  # type name -> the part's file that declares it
    files = []
    for part in DEFINITION_PARTS:
        earlier = frozenset(declared_in)
        names = _reachable(list(part.roots), definitions, earlier)
        used = set().union(*(_refs(definitions[name]) for name in names)) & earlier
        schema = _schema(part.title, list(part.roots), names, definitions, earlier)
        imports = _by_file(used, declared_in)
        reexports = _by_file(earlier, declared_in) if part is DEFINITION_PARTS[-1] else {}
        files.append(
            GeneratedFile(
                API_DIR / part.file, functools.partial(_render_part, schema, imports, reexports)
            )
        )
        declared_in.update(dict.fromkeys(names, part.file))
    roots = [m.__name__ for m in (*DEFINITION_MODELS, *EXTRA_ENUMS)]
    missing = _reachable(roots, definitions, frozenset()) - set(declared_in)
    if missing:
        raise SystemExit(f"no DEFINITION_PARTS entry declares {', '.join(sorted(missing))}")
    return files


def _render_part(
    schema: dict[str, Any], imports: dict[str, list[str]], reexports: dict[str, list[str]]
) -> str:
    return _with_imports(render_typescript(schema), imports, reexports)


def _by_file(names: Iterable[str], declared_in: dict[str, str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for name in sorted(names):
        grouped.setdefault(declared_in[name], []).append(name)
    return grouped


def client_files() -> list[GeneratedFile]:
    definitions = _definitions((*DEFINITION_MODELS, *RESOURCE_MODELS), "serialization")
    definition_roots = [m.__name__ for m in (*DEFINITION_MODELS, *EXTRA_ENUMS)]
    definition_names = frozenset(_reachable(definition_roots, definitions, frozenset()))
    resource_roots = [m.__name__ for m in RESOURCE_MODELS]
    resource_names = _reachable(resource_roots, definitions, definition_names)
    imports = set().union(*(_refs(definitions[n]) for n in resource_names)) & definition_names
    resource_schema = _schema(
        "ReportResourceTypes", resource_roots, resource_names, definitions, definition_names
    )

    engine_definitions = _definitions(ENGINE_MODELS, "validation")
    engine_roots = [m.__name__ for m in ENGINE_MODELS]
    engine_names = _reachable(engine_roots, engine_definitions, frozenset())
    engine_schema = _schema(
        "ReportInputTypes", engine_roots, engine_names, engine_definitions, frozenset()
    )
    return [
        *_definition_files(definitions),
        GeneratedFile(
            API_DIR / "resources.gen.ts",
            # definition.gen.ts declares or re-exports every definition type.
            lambda: _with_imports(
                render_typescript(resource_schema), {"definition.gen.ts": sorted(imports)}
            ),
        ),
        GeneratedFile(ENGINE_DIR / "model.gen.ts", lambda: render_typescript(engine_schema)),
        GeneratedFile(ENGINE_DIR / "vocabulary.gen.ts", render_vocabulary),
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


def _with_imports(
    typescript: str,
    imports: dict[str, list[str]],
    reexports: dict[str, list[str]] | None = None,
) -> str:
    """Imports the types that `typescript` names but does not declare, and re-exports others,
    each from the file (`x.gen.ts`) that declares it."""

    def statements(keyword: str, by_file: dict[str, list[str]]) -> list[str]:
        return [
            f'{keyword} type {{ {", ".join(names)} }} from "./{file.removesuffix(".ts")}";\n'
            for file, names in by_file.items()
            if names
        ]

    lines = statements("import", imports) + statements("export", reexports or {})
    if not lines:
        return typescript
    # After the banner (its last line names the source), before the first declaration.
    banner, _, declarations = typescript.partition("\n\n")
    return f"{banner}\n\n{''.join(lines)}\n{declarations}"


def _ts_strings(values: Iterable[StrEnum]) -> str:
    return "[" + ", ".join(json.dumps(value.value) for value in values) + "]"


def _in_order(members: Iterable[StrEnum], enum: type[StrEnum]) -> list[StrEnum]:
    order: list[StrEnum] = list(enum)
    return sorted(members, key=order.index)


def _ts_regex(pattern: str) -> str:
    # The patterns use only syntax Python and JavaScript read alike; a slash would end the literal.
    if "/" in pattern:
        raise ValueError(f"{pattern!r}: escape the slash for a JavaScript regex literal")
    return f"/{pattern}/"


def _ts_doc(text: str | None) -> str:
    return f"/** {' '.join((text or '').split())} */"


def render_vocabulary() -> str:
    """The vocabulary as TypeScript data, in the enums' order so the output is stable."""
    field_type, entry_kind = vocabulary.FieldType, vocabulary.EntryKind
    system_fields = "".join(
        f"  [{json.dumps(key)}, {{ type: {json.dumps(field.type.value)}, "
        f"entryKind: {json.dumps(field.entry_kind.value)} }}],\n"
        for key, field in vocabulary.SYSTEM_FIELDS.items()
    )

    def by_type(table: Any, enum: type[StrEnum]) -> str:
        return "".join(
            f"  {t.value}: {_ts_strings(_in_order(table[t], enum))},\n" for t in field_type
        )

    view_limits = "".join(
        f"  {name}: {limit},\n"
        for name, limit in (
            ("views", views.MAX_VIEWS),
            ("conditionalFormats", views.MAX_CONDITIONAL_FORMATS),
            ("thresholds", views.MAX_THRESHOLDS),
            ("measures", views.MAX_MEASURES),
            ("pivotRows", views.MAX_PIVOT_ROWS),
            ("pivotColumns", views.MAX_PIVOT_COLUMNS),
        )
    )

    history_fields = "".join(
        f"  [{json.dumps(name)}, {{ type: {json.dumps(kind.type.value)}, "
        f"parameter: {json.dumps(kind.parameter)} }}],\n"  # a StrEnum or None (null)
        for name, kind in vocabulary.HISTORY_FIELDS.items()
    )
    history_parameters = " | ".join(json.dumps(p.value) for p in vocabulary.HistoryParameter)
    history_kind_members = "readonly type: FieldType; readonly parameter: HistoryParameter | null;"
    category_keys = "[" + ", ".join(json.dumps(k) for k in vocabulary.STATUS_CATEGORY_KEYS) + "]"

    model_types = "Aggregation, ChartSeries, ChartType, Operator, PercentOf, ThresholdColor"
    one_measure = _ts_strings(_in_order(vocabulary.ONE_MEASURE_CHART_TYPES, enums.ChartType))
    shares = _ts_strings(_in_order(vocabulary.SHARE_AGGREGATIONS, vocabulary.Aggregation))

    return f"""{_banner("src/rollbook/reports/schemas/vocabulary.py (docs/engine.md)")}

import type {{ {model_types} }} from "./model.gen";

/** The engine's field types; every column holds values of one of them. */
export const FIELD_TYPES = {_ts_strings(field_type)} as const;
export type FieldType = (typeof FIELD_TYPES)[number];

{_ts_doc(entry_kind.__doc__)}
export const ENTRY_KINDS = {_ts_strings(entry_kind)} as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface SystemField {{
  readonly type: FieldType;
  readonly entryKind: EntryKind;
}}

/** Jira's system fields whose type is fixed, by field id (schemas alone are ambiguous). */
export const SYSTEM_FIELDS: ReadonlyMap<string, SystemField> = new Map([
{system_fields}]);

/** The filter operators each field type allows. */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {{
{by_type(vocabulary.OPERATORS_BY_TYPE, vocabulary.Operator)}}};

/** The aggregations each field type allows. */
export const AGGREGATIONS_BY_TYPE: Readonly<Record<FieldType, readonly Aggregation[]>> = {{
{by_type(vocabulary.AGGREGATIONS_BY_TYPE, vocabulary.Aggregation)}}};

/** A Jira field id: a system field id (`fixVersions`) or `customfield_<n>`. */
export const JIRA_FIELD_KEY_PATTERN = {_ts_regex(vocabulary.JIRA_FIELD_KEY_PATTERN)};

/** A formula field's key. */
export const FORMULA_KEY_PATTERN = {_ts_regex(vocabulary.FORMULA_KEY_PATTERN)};

/** What a column or rule may name: a Jira field id or a formula key. */
export const FIELD_KEY_PATTERN = {_ts_regex(vocabulary.FIELD_KEY_PATTERN)};

/** Prefix of every history field key (docs/engine.md, "History fields"). */
export const HISTORY_FIELD_PREFIX = {json.dumps(vocabulary.HISTORY_FIELD_PREFIX)};
export type HistoryParameter = {history_parameters};
export interface HistoryFieldKind {{ {history_kind_members} }}
/** History field kinds by name: key = prefix + name (+ "_" + parameter value when it has one). */
export const HISTORY_FIELDS: ReadonlyMap<string, HistoryFieldKind> = new Map([
{history_fields}]);
/** Jira's status category keys, the values of a `category` parameter. */
export const STATUS_CATEGORY_KEYS = {category_keys} as const;

/** A view's id, unique in its report. */
export const VIEW_ID_PATTERN = {_ts_regex(vocabulary.VIEW_ID_PATTERN)};

/** How many of each part of a view the server accepts (docs/report-model.md, "Views"). */
export const VIEW_LIMITS = {{
{view_limits}}} as const;

{_ts_doc(enums.ChartType.__doc__)}
export const CHART_TYPES: readonly ChartType[] = {_ts_strings(enums.ChartType)};

/** Pie and donut charts: one measure, no second-level series, no running totals. */
export const ONE_MEASURE_CHART_TYPES: readonly ChartType[] = {one_measure};

{_ts_doc(enums.ChartSeries.__doc__)}
export const CHART_SERIES: readonly ChartSeries[] = {_ts_strings(enums.ChartSeries)};

{_ts_doc(enums.PercentOf.__doc__)}
export const PERCENT_OF: readonly PercentOf[] = {_ts_strings(enums.PercentOf)};

/** The aggregations a pivot may show as shares of a total (`percent_of` other than none). */
export const SHARE_AGGREGATIONS: readonly Aggregation[] = {shares};

{_ts_doc(enums.ThresholdColor.__doc__)}
export const THRESHOLD_COLORS: readonly ThresholdColor[] = {_ts_strings(enums.ThresholdColor)};
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a generated file is out of date"
    )
    args = parser.parse_args(argv)

    stale = []
    for file in client_files():
        output = file.path
        generated = file.render()
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
