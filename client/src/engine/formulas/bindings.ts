/**
 * How formulas see typed columns: durations in hours, dates as instants (a date-only value is the
 * start of that day in the report's zone), options/users/issue links as their labels, multi-valued
 * fields as comma-separated labels. And back: formula results stored as typed columns.
 */

import type { Column, FieldType } from "../columns/types";
import type { FormulaResultType } from "../model";
import { MS_PER_DAY } from "../time/civil";
import type { TimeZone } from "../time/timeZone";
import type { FieldBinding } from "./compile";
import type { Compiled, FormulaRuntime, FormulaType } from "./types";

export function formulaTypeOf(fieldType: FieldType): FormulaType {
  switch (fieldType) {
    case "number":
    case "duration":
      return "number";
    case "date":
    case "datetime":
      return "date";
    case "boolean":
      return "boolean";
    default:
      return "text";
  }
}

/** The static type a formula's expression must have for its declared result type. */
export function expressionTypeFor(resultType: FormulaResultType): FormulaType {
  return resultType === "duration" ? "number" : resultType;
}

/** A stored number (not NaN) of a column of `type` in formula units: durations in hours, a date's day as its first instant in `tz`. */
export function toFormulaUnits(v: number, type: FieldType, tz: TimeZone): number {
  return type === "duration" ? v / 3600 : type === "date" ? tz.startOfDay(Math.floor(v / MS_PER_DAY)) : v;
}

/**
 * The inverse of `toFormulaUnits`: a formula number stored as a column of `type`. A date is stored
 * as its civil day in `tz`, like Jira's date fields.
 */
export function fromFormulaUnits(v: number, type: FieldType, tz: TimeZone): number {
  return type === "duration" ? v * 3600 : type === "date" ? tz.localDay(v) * MS_PER_DAY : v;
}

export function rowBinding(column: Column, runtime: FormulaRuntime): FieldBinding {
  const type = formulaTypeOf(column.type);
  return { type, read: rowReader(column, runtime) };
}

function rowReader(column: Column, runtime: FormulaRuntime): Compiled {
  switch (column.kind) {
    case "numeric": {
      const { values, type } = column;
      if (type === "duration" || type === "date") {
        const tz = runtime.timeZone;
        return (i) => {
          const v = values[i]!;
          return v === v ? toFormulaUnits(v, type, tz) : null;
        };
      }
      return (i) => {
        const v = values[i]!;
        return v === v ? v : null;
      };
    }
    case "boolean": {
      const values = column.values;
      return (i) => (values[i]! < 0 ? null : values[i] === 1);
    }
    case "coded": {
      const { codes, dictionary } = column;
      return (i) => {
        const c = codes[i]!;
        return c < 0 ? null : dictionary.label(c);
      };
    }
    case "multi": {
      const { offsets, codes, dictionary } = column;
      return (i) => {
        const start = offsets[i]!;
        const end = offsets[i + 1]!;
        if (start === end) return null;
        let s = dictionary.label(codes[start]!);
        for (let k = start + 1; k < end; k++) s += `, ${dictionary.label(codes[k]!)}`;
        return s;
      };
    }
    case "text": {
      const values = column.values;
      return (i) => {
        const v = values[i];
        return v === undefined || v === "" ? null : v;
      };
    }
  }
}

/** Evaluates a compiled formula for rows `0..rowCount` into a column of its result type. */
export function evaluateToColumn(evaluate: Compiled, resultType: FormulaResultType, rowCount: number, runtime: FormulaRuntime): Column {
  switch (resultType) {
    case "number":
    case "duration":
    case "date": {
      const values = new Float64Array(rowCount);
      const tz = runtime.timeZone;
      for (let i = 0; i < rowCount; i++) {
        const v = evaluate(i);
        values[i] = typeof v === "number" ? fromFormulaUnits(v, resultType, tz) : NaN;
      }
      return { kind: "numeric", type: resultType, values };
    }
    case "boolean": {
      const values = new Int8Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const v = evaluate(i);
        values[i] = v === true ? 1 : v === false ? 0 : -1;
      }
      return { kind: "boolean", type: "boolean", values };
    }
    case "text": {
      const values: (string | null)[] = new Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const v = evaluate(i);
        values[i] = typeof v === "string" && v !== "" ? v : null;
      }
      return { kind: "text", type: "text", values };
    }
  }
}
