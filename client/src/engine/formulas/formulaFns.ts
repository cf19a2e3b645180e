/**
 * Formula functions, one registered entry each: arity, a static type check, and a compile step
 * that returns a closure over the already-compiled arguments. Empty (null) arguments give empty
 * results unless the function says otherwise; no function throws.
 */

import { defineRegistry } from "../registry";
import { isoDateOfDay, MS_PER_DAY, MS_PER_HOUR, pad2 } from "../time/civil";
import type { TimeZone } from "../time/timeZone";
import { type FormulaFn, finiteOrNull, nearlyEqual } from "./formulaFn";
import type { ArgumentError, FormulaType, Value } from "./types";
import { addLocalDays, dateFormulaFns } from "./dateFormulaFns";

export { addLocalDays, finiteOrNull, nearlyEqual };
export type { FormulaFn };

/** Every argument must have type `type`. */
function expectAll(types: readonly FormulaType[], type: FormulaType, from = 0): ArgumentError | undefined {
  for (let i = from; i < types.length; i++) if (types[i] !== type) return { message: `expects ${type}, got ${types[i]}`, arg: i };
  return undefined;
}

/** Arguments at `indices` must share one type. */
function sameType(types: readonly FormulaType[], indices: readonly number[]): FormulaType | ArgumentError {
  const first = types[indices[0]!]!;
  for (const i of indices)
    if (types[i] !== first) return { message: `all results must have the same type (${first} and ${types[i]})`, arg: i };
  return first;
}

/** Text of a value for CONCAT/TEXT: plain numbers, local ISO dates, true/false. */
export function valueToText(value: Value, type: FormulaType, timeZone: TimeZone): string {
  if (value === null) return "";
  if (type === "date" && typeof value === "number") {
    const local = timeZone.localMs(value);
    const day = Math.floor(local / MS_PER_DAY);
    const ms = local - day * MS_PER_DAY;
    if (ms === 0) return isoDateOfDay(day);
    return `${isoDateOfDay(day)} ${pad2(Math.floor(ms / MS_PER_HOUR))}:${pad2(Math.floor((ms % MS_PER_HOUR) / 60000))}`;
  }
  if (typeof value === "number") return Number(value.toPrecision(12)).toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  return value;
}

function numeric1(name: string, description: string, f: (x: number) => number): FormulaFn {
  return {
    name,
    signature: `${name}(number)`,
    description,
    minArgs: 1,
    maxArgs: 1,
    check: (types) => expectAll(types, "number") ?? "number",
    compile([a]) {
      return (i) => {
        const x = a!(i);
        return typeof x === "number" ? finiteOrNull(f(x)) : null;
      };
    },
  };
}

/**
 * Rounding at `digits` decimals. ROUND is half away from zero, with a one-ulp nudge so 1.005
 * (stored as 1.00499…) still rounds to 1.01; FLOOR and CEIL round toward −∞ and +∞.
 */
function roundWith(mode: "round" | "floor" | "ceil", name: string, description: string): FormulaFn {
  return {
    name,
    signature: `${name}(number, digits?)`,
    description,
    minArgs: 1,
    maxArgs: 2,
    check: (types) => expectAll(types, "number") ?? "number",
    compile([a, d]) {
      return (i) => {
        const x = a!(i);
        if (typeof x !== "number") return null;
        const digitsValue = d ? d(i) : 0;
        if (typeof digitsValue !== "number") return null;
        const digits = Math.max(-12, Math.min(12, Math.trunc(digitsValue)));
        const scale = 10 ** digits;
        const scaled = x * scale;
        let r: number;
        if (mode === "round") r = Math.sign(scaled) * Math.round(Math.abs(scaled) * (1 + Number.EPSILON));
        else r = mode === "floor" ? Math.floor(scaled) : Math.ceil(scaled);
        return finiteOrNull(r / scale + 0); // + 0 turns -0 into 0
      };
    },
  };
}

export const formulaFn_if: FormulaFn = {
  name: "IF",
  signature: "IF(condition, then, else?)",
  description: "`then` when the condition is true, else `else` (empty when omitted); an empty condition counts as false.",
  minArgs: 2,
  maxArgs: 3,
  check(types) {
    if (types[0] !== "boolean") return { message: `the condition must be boolean, got ${types[0]}`, arg: 0 };
    return types.length === 3 ? sameType(types, [1, 2]) : types[1]!;
  },
  compile([c, a, b]) {
    return (i) => (c!(i) === true ? a!(i) : b ? b(i) : null);
  },
};

export const formulaFn_ifs: FormulaFn = {
  name: "IFS",
  signature: "IFS(condition1, value1, condition2, value2, …, default?)",
  description: "The value of the first true condition; the optional last argument is the default.",
  minArgs: 2,
  maxArgs: Infinity,
  check(types) {
    const values: number[] = [];
    for (let k = 0; k + 1 < types.length; k += 2) {
      if (types[k] !== "boolean") return { message: `conditions must be boolean, got ${types[k]}`, arg: k };
      values.push(k + 1);
    }
    if (types.length % 2 === 1) values.push(types.length - 1);
    return sameType(types, values);
  },
  compile(args) {
    const pairs = Math.floor(args.length / 2);
    const fallback = args.length % 2 === 1 ? args[args.length - 1]! : null;
    return (i) => {
      for (let k = 0; k < pairs; k++) if (args[2 * k]!(i) === true) return args[2 * k + 1]!(i);
      return fallback ? fallback(i) : null;
    };
  },
};

export const formulaFn_case: FormulaFn = {
  name: "CASE",
  signature: "CASE(value, match1, result1, match2, result2, …, default?)",
  description: "The result paired with the first match equal to `value`; the optional last argument is the default.",
  minArgs: 3,
  maxArgs: Infinity,
  check(types) {
    const matches: number[] = [0];
    const results: number[] = [];
    for (let k = 1; k + 1 < types.length; k += 2) {
      matches.push(k);
      results.push(k + 1);
    }
    if (types.length % 2 === 0) results.push(types.length - 1);
    const m = sameType(types, matches);
    return typeof m === "string" ? sameType(types, results) : m;
  },
  compile(args) {
    const pairs = Math.floor((args.length - 1) / 2);
    const fallback = args.length % 2 === 0 ? args[args.length - 1]! : null;
    return (i) => {
      const v = args[0]!(i);
      if (v !== null) for (let k = 0; k < pairs; k++) if (args[1 + 2 * k]!(i) === v) return args[2 + 2 * k]!(i);
      return fallback ? fallback(i) : null;
    };
  },
};

export const formulaFn_round = roundWith(
  "round",
  "ROUND",
  "Rounds half away from zero to `digits` decimals (default 0; negative digits round to tens, hundreds…).",
);
export const formulaFn_floor = roundWith("floor", "FLOOR", "Rounds down: FLOOR(2.7) = 2, FLOOR(-2.7) = -3; optional `digits`.");
export const formulaFn_ceil = roundWith("ceil", "CEIL", "Rounds up: CEIL(2.1) = 3, CEIL(-2.1) = -2; optional `digits`.");
export const formulaFn_abs = numeric1("ABS", "Absolute value.", Math.abs);
export const formulaFn_sqrt = numeric1("SQRT", "Square root; empty for negative numbers.", Math.sqrt);

export const formulaFn_power: FormulaFn = {
  name: "POWER",
  signature: "POWER(base, exponent)",
  description: "`base` raised to `exponent`; empty when the result is not a finite number.",
  minArgs: 2,
  maxArgs: 2,
  check: (types) => expectAll(types, "number") ?? "number",
  compile([a, b]) {
    return (i) => {
      const x = a!(i);
      const y = b!(i);
      return typeof x === "number" && typeof y === "number" ? finiteOrNull(x ** y) : null;
    };
  },
};

function extreme(name: "MIN" | "MAX", pick: (a: number, b: number) => number): FormulaFn {
  return {
    name,
    signature: `${name}(value1, value2, …)`,
    description: `The ${name === "MIN" ? "smallest" : "largest"} of numbers or of dates, ignoring empty values. In a rollup, ${name}(field) is the ${name === "MIN" ? "minimum" : "maximum"} over the group's issues.`,
    minArgs: 1,
    maxArgs: Infinity,
    check(types) {
      const t = sameType(
        types,
        types.map((_, k) => k),
      );
      if (typeof t === "string" && t !== "number" && t !== "date") return { message: `expects numbers or dates, got ${t}`, arg: 0 };
      return t;
    },
    compile(args) {
      return (i) => {
        let best: number | null = null;
        for (const a of args) {
          const v = a(i);
          if (typeof v === "number") best = best === null ? v : pick(best, v);
        }
        return best;
      };
    },
  };
}

export const formulaFn_min = extreme("MIN", Math.min);
export const formulaFn_max = extreme("MAX", Math.max);

export const formulaFn_coalesce: FormulaFn = {
  name: "COALESCE",
  signature: "COALESCE(value1, value2, …)",
  description: "The first argument that is not empty.",
  minArgs: 1,
  maxArgs: Infinity,
  check: (types) =>
    sameType(
      types,
      types.map((_, k) => k),
    ),
  compile(args) {
    return (i) => {
      for (const a of args) {
        const v = a(i);
        if (v !== null && v !== "") return v;
      }
      return null;
    };
  },
};

export const formulaFn_ifempty: FormulaFn = {
  name: "IFEMPTY",
  signature: "IFEMPTY(value, fallback)",
  description: "`value`, or `fallback` when `value` is empty: IFEMPTY([Time spent], 0) counts no time logged as 0.",
  minArgs: 2,
  maxArgs: 2,
  check: (types) => sameType(types, [0, 1]),
  compile([a, b]) {
    return (i) => {
      const v = a!(i);
      return v === null || v === "" ? b!(i) : v;
    };
  },
};

export const formulaFn_isempty: FormulaFn = {
  name: "ISEMPTY",
  signature: "ISEMPTY(value)",
  description: "True when the value is empty.",
  minArgs: 1,
  maxArgs: 1,
  check: () => "boolean",
  compile([a]) {
    return (i) => {
      const v = a!(i);
      return v === null || v === "";
    };
  },
};

function textFn(name: string, description: string, result: FormulaType, f: (s: string) => Value, onEmpty: Value): FormulaFn {
  return {
    name,
    signature: `${name}(text)`,
    description,
    minArgs: 1,
    maxArgs: 1,
    check: (types) => expectAll(types, "text") ?? result,
    compile([a]) {
      return (i) => {
        const v = a!(i);
        return typeof v === "string" && v !== "" ? f(v) : onEmpty;
      };
    },
  };
}

export const formulaFn_len = textFn("LEN", "Number of characters (0 when empty).", "number", (s) => [...s].length, 0);
export const formulaFn_upper = textFn("UPPER", "Upper-case text.", "text", (s) => s.toUpperCase(), null);
export const formulaFn_lower = textFn("LOWER", "Lower-case text.", "text", (s) => s.toLowerCase(), null);
export const formulaFn_trim = textFn("TRIM", "Text without leading and trailing spaces.", "text", (s) => s.trim() || null, null);

export const formulaFn_concat: FormulaFn = {
  name: "CONCAT",
  signature: "CONCAT(value1, value2, …)",
  description: "Joins values as text; empty values add nothing, numbers and dates are written plainly.",
  minArgs: 1,
  maxArgs: Infinity,
  check: () => "text",
  compile(args, types, runtime) {
    return (i) => {
      let out = "";
      for (let k = 0; k < args.length; k++) out += valueToText(args[k]!(i), types[k]!, runtime.timeZone);
      return out === "" ? null : out;
    };
  },
};

export const formulaFn_text: FormulaFn = {
  name: "TEXT",
  signature: "TEXT(value)",
  description: "The value as text (numbers plainly, dates as YYYY-MM-DD, booleans as true/false).",
  minArgs: 1,
  maxArgs: 1,
  check: () => "text",
  compile([a], types, runtime) {
    return (i) => {
      const s = valueToText(a!(i), types[0]!, runtime.timeZone);
      return s === "" ? null : s;
    };
  },
};

export const formulaFn_contains: FormulaFn = {
  name: "CONTAINS",
  signature: "CONTAINS(text, part)",
  description: "True when `text` contains `part` (case-insensitive).",
  minArgs: 2,
  maxArgs: 2,
  check: (types) => expectAll(types, "text") ?? "boolean",
  compile([a, b]) {
    return (i) => {
      const s = a!(i);
      const p = b!(i);
      if (typeof s !== "string" || typeof p !== "string") return null;
      return s.toLowerCase().includes(p.toLowerCase());
    };
  },
};

export const formulaFns = defineRegistry<FormulaFn>("formula function", [
  formulaFn_if,
  formulaFn_ifs,
  formulaFn_case,
  formulaFn_round,
  formulaFn_floor,
  formulaFn_ceil,
  formulaFn_abs,
  formulaFn_sqrt,
  formulaFn_power,
  formulaFn_min,
  formulaFn_max,
  formulaFn_coalesce,
  formulaFn_ifempty,
  formulaFn_isempty,
  ...dateFormulaFns,
  formulaFn_concat,
  formulaFn_text,
  formulaFn_len,
  formulaFn_upper,
  formulaFn_lower,
  formulaFn_trim,
  formulaFn_contains,
]);
