/** Formula stage: evaluates every planned formula, in dependency order, into a typed column. */

import type { Table } from "../columns/table";
import type { Column, FieldSpec } from "../columns/types";
import type { FormulaField } from "../model";
import { evaluateToColumn, rowBinding } from "./bindings";
import { compileFormula } from "./compile";
import type { FormulaPlan } from "./formulaPlan";
import type { FormulaRuntime } from "./types";

export function formulaFieldSpec(field: FormulaField): FieldSpec {
  return { key: field.key, name: field.name, type: field.result_type, entryKind: "label", source: "formula", unknown: false };
}

const EMPTY = (): null => null;

/** A new table with one column per formula field; formulas with errors give empty columns. */
export function createFormulaColumns(table: Table, plan: FormulaPlan, runtime: FormulaRuntime): Table {
  if (plan.ordered.length === 0) return table;
  const extra = new Map<string, Column>();
  const specs = new Map<string, FieldSpec>();
  const env = {
    runtime,
    field(name: string) {
      const column = extra.get(name) ?? table.column(name);
      return column ? rowBinding(column, runtime) : undefined;
    },
  };
  for (const planned of plan.ordered) {
    const evaluate = planned.ast ? compileFormula(planned.ast, env).evaluate : EMPTY;
    extra.set(planned.field.key, evaluateToColumn(evaluate, planned.field.result_type, table.rowCount, runtime));
    specs.set(planned.field.key, formulaFieldSpec(planned.field));
  }
  return table.withColumns(extra, specs);
}
