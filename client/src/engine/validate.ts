/** Live formula validation for the editor: type, errors with positions, referenced fields. */

import type { FieldType } from "./columns/types";
import type { Diagnostic } from "./formulas/ast";
import { formulaTypeOf } from "./formulas/bindings";
import { collectReferences, compileFormula, type CompileEnvironment } from "./formulas/compile";
import { createFieldNameResolver } from "./formulas/fieldNames";
import { PLAN_RUNTIME, rollupAggregateType } from "./formulas/formulaPlan";
import { parseFormula } from "./formulas/parser";
import type { FormulaType } from "./formulas/types";

export interface AvailableField {
  readonly key: string;
  /** Engine type; for formula fields their result type. */
  readonly type: FieldType;
  /** Display name, for bracketed references (`[Story Points]`). */
  readonly name?: string;
}

export interface FormulaValidation {
  readonly ok: boolean;
  /** Static type of the expression (durations count as numbers, in hours), null when invalid. */
  readonly type: FormulaType | null;
  readonly errors: readonly Diagnostic[];
  /** Field keys the expression references, in order of appearance. */
  readonly references: readonly string[];
}

/**
 * Checks an expression (or, with `mode: "rollup"`, a rollup over aggregates) against the fields the
 * report can use. Never throws, whatever the input.
 */
export function validateFormula(
  expression: string,
  availableFields: readonly AvailableField[],
  options: { readonly mode?: "expression" | "rollup" } = {},
): FormulaValidation {
  const named = availableFields.flatMap((f) => (f.name ? [{ key: f.key, name: f.name }] : []));
  const parsed = parseFormula(expression, createFieldNameResolver(named));
  if ("error" in parsed) return { ok: false, type: null, errors: [parsed.error], references: [] };
  const types = new Map(availableFields.map((f) => [f.key, f.type]));
  const env: CompileEnvironment = {
    runtime: PLAN_RUNTIME,
    field: (name) => {
      const type = types.get(name);
      return type === undefined ? undefined : { type: formulaTypeOf(type), read: () => null };
    },
    ...(options.mode === "rollup"
      ? {
          aggregate: (fn, field) => {
            const t = rollupAggregateType(fn, field, (k) => types.get(k));
            return "error" in t ? t.error : { type: t.type, read: () => null };
          },
        }
      : {}),
  };
  const checked = compileFormula(parsed.ast, env);
  const references = [...new Set(collectReferences(parsed.ast).map((r) => r.name))];
  return { ok: checked.type !== null, type: checked.type, errors: checked.diagnostics, references };
}
