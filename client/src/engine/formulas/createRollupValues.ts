/**
 * Rollup stage: a formula's rollup expression (`FormulaField.rollup`), evaluated once per group
 * node over that node's aggregate values, e.g. `SUM(timespent) / SUM(timeoriginalestimate)`.
 * Aggregates read like fields in formulas: durations in hours, dates as instants. It lives with
 * the formulas because it is formula evaluation; the aggregates it reads come from `aggregation/`.
 */

import { aggregationFns } from "../aggregation/aggregationFns";
import type { FieldType } from "../columns/types";
import type { AggregationName } from "../model";
import { formulaTypeOf, toFormulaUnits } from "./bindings";
import { compileFormula, type CompileEnvironment } from "./compile";
import type { PlannedFormula } from "./formulaPlan";
import type { FormulaRuntime, Value } from "./types";

export function createRollupValues(
  planned: PlannedFormula,
  nodeCount: number,
  valuesOf: (field: string | null, aggregation: AggregationName) => Float64Array | undefined,
  typeOfField: (field: string) => FieldType | undefined,
  runtime: FormulaRuntime,
): Value[] {
  const out: Value[] = new Array(nodeCount).fill(null);
  if (!planned.rollupAst) return out;
  const tz = runtime.timeZone;
  const env: CompileEnvironment = {
    runtime,
    field: (name) => (typeOfField(name) === undefined ? undefined : { type: formulaTypeOf(typeOfField(name)!), read: () => null }),
    aggregate(fn, field) {
      const values = valuesOf(field, fn.aggregation);
      if (!values) return `${fn.name}(${field ?? ""}) is not available`;
      const fieldType = field === null ? "number" : typeOfField(field)!;
      const resultType = aggregationFns.get(fn.aggregation)!.resultType(fieldType);
      const read = (node: number): Value => {
        const v = values[node]!;
        return v === v ? toFormulaUnits(v, resultType, tz) : null;
      };
      return { type: formulaTypeOf(resultType), read };
    },
  };
  const compiled = compileFormula(planned.rollupAst, env);
  for (let node = 0; node < nodeCount; node++) out[node] = compiled.evaluate(node);
  return out;
}
