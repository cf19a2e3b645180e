/**
 * Filter operators (`FilterRule.operator`), one registered function each. An operator validates
 * its operands for a field type and compiles to a row predicate over one typed column, with all
 * per-rule work (lower-casing the needle, date bounds, option look-ups) done once at compile time.
 *
 * Negative operators (not_equals, not_contains, ne, none_of) match empty values: an unassigned
 * issue "is none of" Alice and Bob.
 */

import type { Dictionary } from "../columns/dictionary";
import type { PriorityPosition } from "../columns/normalize";
import { isEmptyAt, type CodedColumn, type Column, type FieldType, type MultiColumn } from "../columns/types";
import { nearlyEqual } from "../formulas/formulaFns";
import type { FilterOperator, FilterRule, Operand } from "../model";
import { defineRegistry } from "../registry";
import { addMonthsToDay, MS_PER_DAY } from "../time/civil";
import { parseIsoDay } from "../time/parse";
import { instantOfLocal, type TimeZone } from "../time/timeZone";
import { OPERATORS_BY_TYPE } from "../vocabulary.gen";
import { typesAllowing } from "../vocabulary";

export interface FilterContext {
  readonly timeZone: TimeZone;
  /** Epoch ms of "now", from the injected clock. */
  readonly now: number;
  /** The site's priority order (0 = highest), for `at_least` / `at_most` thresholds that no
   * loaded issue has. */
  readonly priorityPosition?: PriorityPosition;
}

export type RowPredicate = (row: number) => boolean;

export interface FilterFn {
  readonly name: FilterOperator;
  /** Field types the operator accepts: the shared vocabulary's, never listed here. */
  readonly types: readonly FieldType[];
  /** Why the operands don't fit, or undefined when they do. */
  validate(operands: readonly Operand[], type: FieldType): string | undefined;
  compile(column: Column, rule: FilterRule, context: FilterContext): RowPredicate;
}

const typesOf = (name: FilterOperator): readonly FieldType[] => typesAllowing(OPERATORS_BY_TYPE, name);
const NEVER: RowPredicate = () => false;

const operandsOf = (rule: FilterRule): readonly Operand[] => rule.operands ?? [];
const asText = (o: Operand | undefined): string => (o === undefined ? "" : typeof o === "string" ? o : o.toString());

function asNumber(o: Operand | undefined): number {
  if (typeof o === "number") return o;
  if (typeof o === "string" && o.trim() !== "") return Number(o);
  return NaN;
}

// Lower-cased copies of text columns, extended as pages append (columns are append-only).
const loweredCache = new WeakMap<ReadonlyArray<string | null>, (string | null)[]>();
function lowered(values: ReadonlyArray<string | null>, rowCount: number): ReadonlyArray<string | null> {
  let cached = loweredCache.get(values);
  if (!cached) {
    cached = [];
    loweredCache.set(values, cached);
  }
  for (let i = cached.length; i < rowCount; i++) cached.push(values[i]?.toLowerCase() ?? null);
  return cached;
}

/** One flag per dictionary code, so rows test a code with one array read. */
function codesMatching(dictionary: Dictionary, test: (label: string, key: string) => boolean): Uint8Array {
  const out = new Uint8Array(dictionary.size);
  for (let code = 0; code < out.length; code++) {
    const entry = dictionary.entry(code)!;
    out[code] = test(entry.label, entry.key) ? 1 : 0;
  }
  return out;
}

/**
 * Rows with an entry (any entry, for multi) that passes `test`; `negated` flips it and makes empty
 * values match.
 */
function entryPredicate(column: CodedColumn | MultiColumn, test: (label: string, key: string) => boolean, negated: boolean): RowPredicate {
  const match = codesMatching(column.dictionary, test);
  if (column.kind === "coded") {
    const codes = column.codes;
    return (row) => {
      const c = codes[row]!;
      return c < 0 ? negated : (match[c] === 1) !== negated;
    };
  }
  const { offsets, codes } = column;
  return (row) => {
    for (let i = offsets[row]!; i < offsets[row + 1]!; i++) if (match[codes[i]!] === 1) return !negated;
    return negated;
  };
}

/** Positive match over labels/text; `negated` flips it and makes empty values match. */
function labelPredicate(
  column: Column,
  rowCount: number,
  caseSensitive: boolean,
  test: (value: string) => boolean,
  negated: boolean,
): RowPredicate {
  const fold = (s: string): string => (caseSensitive ? s : s.toLowerCase());
  switch (column.kind) {
    case "text": {
      const values = caseSensitive ? column.values : lowered(column.values, rowCount);
      return (row) => {
        const v = values[row];
        return v === null || v === undefined || v === "" ? negated : test(v) !== negated;
      };
    }
    case "coded":
    case "multi":
      return entryPredicate(column, (label) => test(fold(label)), negated);
    default:
      return NEVER;
  }
}

function textOperator(name: FilterOperator, negated: boolean, test: (value: string, needle: string) => boolean): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate: (operands) =>
      operands.length === 1 && (typeof operands[0] === "string" || typeof operands[0] === "number")
        ? undefined
        : "needs exactly one text operand",
    compile(column, rule, _context) {
      const caseSensitive = rule.case_sensitive === true;
      const raw = asText(operandsOf(rule)[0]);
      const needle = caseSensitive ? raw : raw.toLowerCase();
      return labelPredicate(column, rowCountOf(column), caseSensitive, (v) => test(v, needle), negated);
    },
  };
}

function rowCountOf(column: Column): number {
  switch (column.kind) {
    case "multi":
      return column.offsets.length - 1;
    case "coded":
      return column.codes.length;
    default:
      return column.values.length;
  }
}

export const filterFn_equals = textOperator("equals", false, (v, n) => v === n);
export const filterFn_not_equals = textOperator("not_equals", true, (v, n) => v === n);
export const filterFn_contains = textOperator("contains", false, (v, n) => v.includes(n));
export const filterFn_not_contains = textOperator("not_contains", true, (v, n) => v.includes(n));
export const filterFn_starts_with = textOperator("starts_with", false, (v, n) => v.startsWith(n));
export const filterFn_ends_with = textOperator("ends_with", false, (v, n) => v.endsWith(n));

function booleanOperand(o: Operand | undefined): number {
  if (typeof o === "boolean") return o ? 1 : 0;
  if (o === 1 || o === "true") return 1;
  if (o === 0 || o === "false") return 0;
  return -1;
}

function numberOperator(name: FilterOperator, emptyResult: boolean, test: (value: number, operand: number) => boolean): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate(operands, type) {
      if (operands.length !== 1) return "needs exactly one operand";
      if (type === "boolean") return booleanOperand(operands[0]) < 0 ? "needs true or false" : undefined;
      return Number.isFinite(asNumber(operands[0])) ? undefined : "needs a number";
    },
    compile(column, rule) {
      const operand = operandsOf(rule)[0];
      if (column.kind === "boolean") {
        const wanted = booleanOperand(operand);
        const values = column.values;
        return (row) => (values[row]! < 0 ? emptyResult : test(values[row]!, wanted));
      }
      if (column.kind !== "numeric") return NEVER;
      const x = asNumber(operand);
      const values = column.values;
      return (row) => {
        const v = values[row]!;
        return v !== v ? emptyResult : test(v, x);
      };
    },
  };
}

export const filterFn_eq = numberOperator("eq", false, nearlyEqual);
export const filterFn_ne = numberOperator("ne", true, (v, x) => !nearlyEqual(v, x));
export const filterFn_gt = numberOperator("gt", false, (v, x) => v > x);
export const filterFn_gte = numberOperator("gte", false, (v, x) => v >= x);
export const filterFn_lt = numberOperator("lt", false, (v, x) => v < x);
export const filterFn_lte = numberOperator("lte", false, (v, x) => v <= x);

/** First instant of a civil day for this column: UTC midnight for dates, the zone's midnight for datetimes. */
function dayStart(column: Column, day: number, timeZone: TimeZone): number {
  return column.type === "datetime" ? timeZone.startOfDay(day) : day * MS_PER_DAY;
}

/** lo ≤ v < hi over a numeric column. */
function rangePredicate(column: Column, lo: number, hi: number, hiInclusive: boolean): RowPredicate {
  if (column.kind !== "numeric") return NEVER;
  const values = column.values;
  return hiInclusive ? (row) => values[row]! >= lo && values[row]! <= hi : (row) => values[row]! >= lo && values[row]! < hi;
}

const isIsoDay = (o: Operand | undefined): boolean => typeof o === "string" && !Number.isNaN(parseIsoDay(o));

function dateOperator(name: FilterOperator, bounds: (day: number) => readonly [number, number]): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate: (operands) => (operands.length === 1 && isIsoDay(operands[0]) ? undefined : "needs one date YYYY-MM-DD"),
    compile(column, rule, context) {
      const day = parseIsoDay(asText(operandsOf(rule)[0]));
      const [fromDay, toDay] = bounds(day);
      const lo = Number.isFinite(fromDay) ? dayStart(column, fromDay, context.timeZone) : -Infinity;
      const hi = Number.isFinite(toDay) ? dayStart(column, toDay, context.timeZone) : Infinity;
      return rangePredicate(column, lo, hi, false);
    },
  };
}

export const filterFn_before = dateOperator("before", (d) => [-Infinity, d]);
export const filterFn_after = dateOperator("after", (d) => [d + 1, Infinity]);
export const filterFn_on = dateOperator("on", (d) => [d, d + 1]);

export const filterFn_between: FilterFn = {
  name: "between",
  types: typesOf("between"),
  validate(operands, type) {
    if (operands.length !== 2) return "needs two operands";
    if (type === "date" || type === "datetime")
      return isIsoDay(operands[0]) && isIsoDay(operands[1]) ? undefined : "needs two dates YYYY-MM-DD";
    return Number.isFinite(asNumber(operands[0])) && Number.isFinite(asNumber(operands[1])) ? undefined : "needs two numbers";
  },
  compile(column, rule, context) {
    const [a, b] = operandsOf(rule);
    if (column.type === "date" || column.type === "datetime") {
      const d1 = parseIsoDay(asText(a));
      const d2 = parseIsoDay(asText(b));
      // Both days are included: from the start of the first to the end of the last.
      return rangePredicate(
        column,
        dayStart(column, Math.min(d1, d2), context.timeZone),
        dayStart(column, Math.max(d1, d2) + 1, context.timeZone),
        false,
      );
    }
    const x = asNumber(a);
    const y = asNumber(b);
    return rangePredicate(column, Math.min(x, y), Math.max(x, y), true);
  },
};

const UNITS = new Set(["day", "days", "week", "weeks", "month", "months"]);

function shiftLocal(local: number, amount: number, unit: string): number {
  if (unit.startsWith("month")) {
    const day = Math.floor(local / MS_PER_DAY);
    return addMonthsToDay(day, amount) * MS_PER_DAY + (local - day * MS_PER_DAY);
  }
  return local + amount * (unit.startsWith("week") ? 7 : 1) * MS_PER_DAY;
}

/**
 * Relative ranges against the injected clock. Datetimes use a rolling window ([now − N, now]) like
 * JQL's `-7d`; dates use whole days ([today − N, today]), both in the report's time zone.
 */
function relativeOperator(name: FilterOperator, direction: -1 | 1): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate(operands) {
      const n = asNumber(operands[0]);
      if (operands.length !== 2 || !(n >= 0) || !Number.isFinite(n)) return 'needs [N, "days" | "weeks" | "months"]';
      return UNITS.has(asText(operands[1])) ? undefined : 'unit must be "days", "weeks" or "months"';
    },
    compile(column, rule, { timeZone, now }) {
      const [count, unitOperand] = operandsOf(rule);
      const n = Math.floor(asNumber(count));
      const unit = asText(unitOperand);
      if (column.type === "datetime") {
        const other = instantOfLocal(shiftLocal(timeZone.localMs(now), direction * n, unit), timeZone);
        return rangePredicate(column, Math.min(now, other), Math.max(now, other), true);
      }
      const today = timeZone.localDay(now) * MS_PER_DAY;
      const otherDay = shiftLocal(today, direction * n, unit);
      return rangePredicate(column, Math.min(today, otherDay), Math.max(today, otherDay), true);
    },
  };
}

export const filterFn_in_last = relativeOperator("in_last", -1);
export const filterFn_in_next = relativeOperator("in_next", 1);

/** An operand names an entry by key (id, account id, issue key) or by label, ignoring case. */
function operandMatcher(operand: string): (label: string, key: string) => boolean {
  const folded = operand.toLowerCase();
  return (label, key) => key === operand || label === operand || label.toLowerCase() === folded;
}

const validateChoices = (operands: readonly Operand[]): string | undefined =>
  operands.length >= 1 && operands.every((o) => typeof o === "string" || typeof o === "number") ? undefined : "needs at least one value";

function choiceOperator(name: FilterOperator, negated: boolean): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate: validateChoices,
    compile(column, rule) {
      const matchers = operandsOf(rule).map((o) => operandMatcher(asText(o)));
      const test = (label: string, key: string): boolean => matchers.some((m) => m(label, key));
      return column.kind === "coded" || column.kind === "multi" ? entryPredicate(column, test, negated) : NEVER;
    },
  };
}

export const filterFn_any_of = choiceOperator("any_of", false);
export const filterFn_none_of = choiceOperator("none_of", true);

export const filterFn_all_of: FilterFn = {
  name: "all_of",
  types: typesOf("all_of"),
  validate: validateChoices,
  compile(column, rule) {
    if (column.kind !== "multi") return NEVER;
    const perOperand = operandsOf(rule).map((o) => codesMatching(column.dictionary, operandMatcher(asText(o))));
    const { offsets, codes } = column;
    return (row) => {
      const start = offsets[row]!;
      const end = offsets[row + 1]!;
      for (const match of perOperand) {
        let found = false;
        for (let i = start; i < end && !found; i++) found = match[codes[i]!] === 1;
        if (!found) return false;
      }
      return true;
    };
  },
};

/**
 * The threshold's place in Jira's priority order (0 = highest): from a loaded entry with that id
 * or name, else from the site's order. Undefined when neither knows it.
 */
function thresholdPosition(dictionary: Dictionary, operand: string, context: FilterContext): number | undefined {
  const matches = operandMatcher(operand);
  for (let code = 0; code < dictionary.size; code++) {
    const entry = dictionary.entry(code)!;
    if (entry.order !== undefined && matches(entry.label, entry.key)) return entry.order;
  }
  return context.priorityPosition?.(operand, operand);
}

/**
 * Ordered comparisons over priorities ("at least High" = High or higher). Entries without a
 * place in the order (values of other option fields, unknown priorities) and empty values never
 * match; an unknown threshold matches nothing.
 */
function rankedOperator(name: FilterOperator, fits: (position: number, threshold: number) => boolean): FilterFn {
  return {
    name,
    types: typesOf(name),
    validate: (operands) =>
      operands.length === 1 && typeof operands[0] === "string" && operands[0] !== "" ? undefined : "needs exactly one priority",
    compile(column, rule, context) {
      if (column.kind !== "coded") return NEVER;
      const threshold = thresholdPosition(column.dictionary, asText(operandsOf(rule)[0]), context);
      if (threshold === undefined) return NEVER;
      const { codes, dictionary } = column;
      const match = new Uint8Array(dictionary.size);
      for (let code = 0; code < match.length; code++) {
        const order = dictionary.entry(code)!.order;
        match[code] = order !== undefined && fits(order, threshold) ? 1 : 0;
      }
      return (row) => {
        const c = codes[row]!;
        return c >= 0 && match[c] === 1;
      };
    },
  };
}

// Position 0 is the highest priority, so "at least" is a smaller or equal position.
export const filterFn_at_least = rankedOperator("at_least", (position, threshold) => position <= threshold);
export const filterFn_at_most = rankedOperator("at_most", (position, threshold) => position >= threshold);

export const filterFn_is_empty: FilterFn = {
  name: "is_empty",
  types: typesOf("is_empty"),
  validate: () => undefined,
  compile: (column) => (row) => isEmptyAt(column, row),
};

export const filterFn_is_not_empty: FilterFn = {
  name: "is_not_empty",
  types: typesOf("is_not_empty"),
  validate: () => undefined,
  compile: (column) => (row) => !isEmptyAt(column, row),
};

export const filterFns = defineRegistry<FilterFn>("filter operator", [
  filterFn_equals,
  filterFn_not_equals,
  filterFn_contains,
  filterFn_not_contains,
  filterFn_starts_with,
  filterFn_ends_with,
  filterFn_eq,
  filterFn_ne,
  filterFn_gt,
  filterFn_gte,
  filterFn_lt,
  filterFn_lte,
  filterFn_between,
  filterFn_before,
  filterFn_after,
  filterFn_on,
  filterFn_in_last,
  filterFn_in_next,
  filterFn_any_of,
  filterFn_none_of,
  filterFn_all_of,
  filterFn_at_least,
  filterFn_at_most,
  filterFn_is_empty,
  filterFn_is_not_empty,
]);
