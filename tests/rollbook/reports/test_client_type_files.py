"""The shape of the generated client files (scripts/generate_client_types.py): each stays under
the style's 500 lines, every definition type is importable from `api/definition.gen.ts`
whichever part declares it, and the vocabulary holds the history fields exactly as issue 14's
contract gives them (the engine and the editor are written against that text)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
API = ROOT / "client" / "src" / "api"
GENERATED = sorted([*API.glob("*.gen.ts"), *(ROOT / "client" / "src" / "engine").glob("*.gen.ts")])
# The parts of the definition that api/definition.gen.ts imports and re-exports.
DEFINITION_PARTS = ("rules.gen.ts", "history.gen.ts", "views.gen.ts")


@pytest.mark.parametrize("path", GENERATED, ids=lambda path: path.name)
def test_generated_file_stays_under_500_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").split("\n")) <= 500


def _declared(text: str) -> set[str]:
    return set(re.findall(r"^export (?:type|interface) (\w+)", text, re.MULTILINE))


def _reexported(text: str, part: str) -> set[str]:
    module = part.removesuffix(".ts")
    lists = re.findall(rf'^export type \{{ ([^}}]*) \}} from "\./{re.escape(module)}";', text, re.M)
    return {name.strip() for names in lists for name in names.split(",")}


@pytest.mark.parametrize("part", DEFINITION_PARTS)
def test_definition_types_are_all_importable_from_definition_gen(part: str) -> None:
    declared = _declared((API / part).read_text(encoding="utf-8"))
    # The part's own union of its roots (e.g. ReportViewTypes) is only json2ts's entry point.
    declared = {name for name in declared if not re.fullmatch(r"Report\w+Types", name)}
    definition = (API / "definition.gen.ts").read_text(encoding="utf-8")

    assert declared
    assert declared <= _reexported(definition, part)
    assert not declared & _declared(definition)  # declared once, in its part


def test_history_parts_are_where_the_contract_says() -> None:
    history = _declared((API / "history.gen.ts").read_text(encoding="utf-8"))
    assert {"HistorySettings", "HistoryPoint", "WorkingTime"} <= history
    views = _declared((API / "views.gen.ts").read_text(encoding="utf-8"))
    assert {"View", "TableView", "PivotView", "ChartView", "Measure"} <= views


# Issue 14's contract (contracts14.md, section 1), verbatim.
HISTORY_VOCABULARY = """\
/** Prefix of every history field key (docs/engine.md, "History fields"). */
export const HISTORY_FIELD_PREFIX = "history_";
export type HistoryParameter = "status" | "category";
export interface HistoryFieldKind { readonly type: FieldType; readonly parameter: HistoryParameter | null; }
/** History field kinds by name: key = prefix + name (+ "_" + parameter value when it has one). */
export const HISTORY_FIELDS: ReadonlyMap<string, HistoryFieldKind> = new Map([
  ["time_in_status", { type: "duration", parameter: "status" }],
  ["time_in_category", { type: "duration", parameter: "category" }],
  ["transitions", { type: "number", parameter: null }],
  ["transitions_into", { type: "number", parameter: "status" }],
  ["first_entered", { type: "datetime", parameter: "status" }],
  ["last_left", { type: "datetime", parameter: "status" }],
  ["cycle_time", { type: "duration", parameter: null }],
  ["lead_time", { type: "duration", parameter: null }],
  ["status_age", { type: "duration", parameter: null }],
]);
/** Jira's status category keys, the values of a `category` parameter. */
export const STATUS_CATEGORY_KEYS = ["new", "indeterminate", "done"] as const;
"""  # noqa: E501


def test_vocabulary_holds_the_contracts_history_fields() -> None:
    vocabulary = (ROOT / "client" / "src" / "engine" / "vocabulary.gen.ts").read_text("utf-8")

    assert HISTORY_VOCABULARY in vocabulary
    aggregations = vocabulary.split("export const AGGREGATIONS_BY_TYPE", 1)[1]
    durations = re.search(r"^  duration: \[(.*)\],$", aggregations, re.MULTILINE)
    assert durations is not None
    assert all(f'"{p}"' in durations.group(1) for p in ("p50", "p85", "p95"))
