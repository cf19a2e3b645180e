/**
 * Plans a report's formula fields before any issue is loaded: parse, dependency order
 * (topological, cycles reported at the closing reference), type check against field types and
 * declared result types, and rollup checks. The result says which Jira fields formulas read.
 */

import type { FieldType } from "../columns/types";
import type { AggregationName, FormulaField } from "../model";
import { aggregationFns } from "../aggregation/aggregationFns";
import { createTimeZone } from "../time/timeZone";
import type { Diagnostic, Node } from "./ast";
import { expressionTypeFor, formulaTypeOf } from "./bindings";
import { collectReferences, compileFormula, type CompileEnvironment, type FieldBinding } from "./compile";
import { createFieldNameResolver, type FieldNameResolver, type NamedField } from "./fieldNames";
import { parseFormula } from "./parser";
import type { RollupFn } from "./rollupFns";
import type { FormulaType } from "./types";

export interface FormulaError {
  readonly formulaKey: string;
  /** Which expression the error is in. */
  readonly part: "expression" | "rollup";
  readonly message: string;
  readonly position: number;
  readonly length: number;
}

export interface RollupAggregate {
  readonly field: string | null;
  readonly aggregation: AggregationName;
}

export interface PlannedFormula {
  readonly field: FormulaField;
  /** null when the expression has errors: the column is then empty. */
  readonly ast: Node | null;
  readonly rollupAst: Node | null;
  readonly rollupType: FormulaType | null;
  readonly rollupAggregates: readonly RollupAggregate[];
}

export interface FormulaPlan {
  /** Dependencies first. */
  readonly ordered: readonly PlannedFormula[];
  readonly errors: readonly FormulaError[];
  /** Non-formula field keys read by expressions and rollups. */
  readonly fieldReferences: ReadonlySet<string>;
}

/** Type-only environment: planning and validation need types, not values. */
export const PLAN_RUNTIME = { now: 0, timeZone: createTimeZone("UTC") };
const NO_VALUE = (): null => null;

/** `namedFields`: Jira's fields by display name, for bracketed references (`[Story Points]`);
 * the report's formulas are named by their own names. */
export function planFormulas(
  formulas: readonly FormulaField[],
  fieldType: (key: string) => FieldType | undefined,
  namedFields: readonly NamedField[] = [],
): FormulaPlan {
  const errors: FormulaError[] = [];
  const resolveName = createFieldNameResolver([...namedFields, ...formulas.map((f) => ({ key: f.key, name: f.name }))]);
  const byKey = new Map(formulas.map((f) => [f.key, f]));
  const report = (formulaKey: string, part: FormulaError["part"], d: Diagnostic): void => {
    errors.push({ formulaKey, part, message: d.message, position: d.position, length: d.length });
  };

  const parsed = new Map<string, Node | null>();
  const fieldReferences = new Set<string>();
  for (const f of formulas) {
    const result = parseFormula(f.expression, resolveName);
    if ("error" in result) {
      report(f.key, "expression", result.error);
      parsed.set(f.key, null);
      continue;
    }
    parsed.set(f.key, result.ast);
  }

  const order = dependencyOrder(formulas, parsed, byKey, (key, d) => report(key, "expression", d));

  const binding = (name: string): FieldBinding | undefined => {
    const formula = byKey.get(name);
    if (formula) return { type: expressionTypeFor(formula.result_type), read: NO_VALUE };
    const type = fieldType(name);
    return type === undefined ? undefined : { type: formulaTypeOf(type), read: NO_VALUE };
  };

  const ordered: PlannedFormula[] = [];
  for (const f of order.sorted) {
    let ast = parsed.get(f.key) ?? null;
    if (ast && order.cyclic.has(f.key)) ast = null;
    if (ast) {
      for (const ref of collectReferences(ast)) if (!byKey.has(ref.name)) fieldReferences.add(ref.name);
      const checked = compileFormula(ast, { runtime: PLAN_RUNTIME, field: binding });
      for (const d of checked.diagnostics) report(f.key, "expression", d);
      const expected = expressionTypeFor(f.result_type);
      if (checked.type !== null && checked.type !== expected) {
        report(f.key, "expression", {
          message: `the expression gives ${checked.type}, but the result type is ${f.result_type}`,
          position: 0,
          length: f.expression.length,
        });
      }
      if (checked.type === null || checked.type !== expected) ast = null;
    }
    const rollup = planRollup(f, binding, fieldType, byKey, resolveName, (d) => report(f.key, "rollup", d));
    for (const a of rollup.aggregates) if (a.field !== null && !byKey.has(a.field)) fieldReferences.add(a.field);
    ordered.push({ field: f, ast, rollupAst: rollup.ast, rollupType: rollup.type, rollupAggregates: rollup.aggregates });
  }
  return { ordered, errors, fieldReferences };
}

function planRollup(
  f: FormulaField,
  binding: (name: string) => FieldBinding | undefined,
  fieldType: (key: string) => FieldType | undefined,
  byKey: ReadonlyMap<string, FormulaField>,
  resolveName: FieldNameResolver,
  report: (d: Diagnostic) => void,
): { ast: Node | null; type: FormulaType | null; aggregates: RollupAggregate[] } {
  const aggregates: RollupAggregate[] = [];
  if (f.rollup === null || f.rollup === undefined || f.rollup.trim() === "") return { ast: null, type: null, aggregates };
  const parsed = parseFormula(f.rollup, resolveName);
  if ("error" in parsed) {
    report(parsed.error);
    return { ast: null, type: null, aggregates };
  }
  const typeOfField = (name: string): FieldType | undefined => {
    const formula = byKey.get(name);
    return formula ? formula.result_type : fieldType(name);
  };
  const env: CompileEnvironment = {
    runtime: PLAN_RUNTIME,
    field: binding,
    aggregate: (fn, field) => {
      const check = rollupAggregateType(fn, field, typeOfField);
      if ("error" in check) return check.error;
      aggregates.push({ field, aggregation: fn.aggregation });
      return { type: check.type, read: NO_VALUE };
    },
  };
  const checked = compileFormula(parsed.ast, env);
  checked.diagnostics.forEach(report);
  return checked.type === null ? { ast: null, type: null, aggregates: [] } : { ast: parsed.ast, type: checked.type, aggregates };
}

/** Result type of an aggregate call in a rollup, or why the field cannot be aggregated that way. */
export function rollupAggregateType(
  fn: RollupFn,
  field: string | null,
  typeOfField: (key: string) => FieldType | undefined,
): { type: FormulaType } | { error: string } {
  if (field === null) return { type: "number" };
  const type = typeOfField(field);
  if (type === undefined) return { error: `unknown field '${field}'` };
  const aggregation = aggregationFns.get(fn.aggregation)!;
  if (!aggregation.types.includes(type)) return { error: `${fn.name} cannot aggregate ${type} field '${field}'` };
  return { type: formulaTypeOf(aggregation.resultType(type)) };
}

/**
 * Topological order (dependencies first, otherwise definition order). Every formula on a cycle is
 * reported at its reference to the next formula of the cycle.
 */
function dependencyOrder(
  formulas: readonly FormulaField[],
  parsed: ReadonlyMap<string, Node | null>,
  byKey: ReadonlyMap<string, FormulaField>,
  report: (key: string, d: Diagnostic) => void,
): { sorted: FormulaField[]; cyclic: Set<string> } {
  const edges = new Map<string, { name: string; start: number; end: number }[]>();
  for (const f of formulas) {
    const ast = parsed.get(f.key);
    const refs = ast ? collectReferences(ast).filter((r) => byKey.has(r.name)) : [];
    edges.set(
      f.key,
      refs.map((r) => ({ name: r.name, start: r.span.start, end: r.span.end })),
    );
  }
  const state = new Map<string, "visiting" | "done">();
  const sorted: FormulaField[] = [];
  const cyclic = new Set<string>();
  const stack: string[] = [];
  const visit = (key: string): void => {
    const s = state.get(key);
    if (s === "done") return;
    if (s === "visiting") {
      const cycle = stack.slice(stack.indexOf(key));
      const path = [...cycle, key].join(" → ");
      cycle.forEach((member, k) => {
        if (cyclic.has(member)) return;
        cyclic.add(member);
        const next = cycle[(k + 1) % cycle.length]!;
        const ref = edges.get(member)!.find((e) => e.name === next)!;
        report(member, { message: `circular reference: ${path}`, position: ref.start, length: ref.end - ref.start });
      });
      return;
    }
    state.set(key, "visiting");
    stack.push(key);
    for (const e of edges.get(key) ?? []) visit(e.name);
    stack.pop();
    state.set(key, "done");
    sorted.push(byKey.get(key)!);
  };
  for (const f of formulas) visit(f.key);
  return { sorted, cyclic };
}
