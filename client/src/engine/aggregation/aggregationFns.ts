/**
 * Aggregations (`Column.aggregation`). Mergeable ones keep a small state with
 * `{init, add, merge, value}` so a parent's value can be merged from its children's states exactly;
 * median and count_distinct cannot be merged and compute from a group's distinct issues.
 */

import type { Column, FieldType } from "../columns/types";
import { isEmptyAt } from "../columns/types";
import type { AggregationName } from "../model";
import { defineRegistry } from "../registry";
import { typesAllowing } from "../vocabulary";
import { AGGREGATIONS_BY_TYPE } from "../vocabulary.gen";

interface AggregationBase {
  readonly name: AggregationName;
  /** Field types the aggregation accepts: the shared vocabulary's, never listed here. */
  readonly types: readonly FieldType[];
  /** Type of the result for a field of `fieldType` (count is always a number). */
  resultType(fieldType: FieldType): FieldType;
}

export interface MergeableAggregationFn<S> extends AggregationBase {
  readonly mergeable: true;
  init(): S;
  /** Folds one issue's value (NaN when empty or not numeric) into the state and returns it. */
  add(state: S, value: number): S;
  /** Combines two states; may update and return `a` (an accumulator), never changes `b`. */
  merge(a: S, b: S): S;
  value(state: S): number | null;
  /**
   * Optional fast path, equal to calling `add` for `values[rows[i]]`, i in [start, end). One
   * call site calling many different `add` functions is megamorphic; a loop per function is not.
   */
  addRows?(state: S, values: Float64Array, rows: Int32Array, start: number, end: number): S;
}

export interface SetAggregationFn extends AggregationBase {
  readonly mergeable: false;
  /** Value over `rows[start..end)`, a set of distinct issues. */
  compute(column: Column, rows: Int32Array, start: number, end: number): number | null;
}

// biome-ignore lint/suspicious/noExplicitAny: each registry entry has its own state type; callers only pass it back
export type AggregationFn = MergeableAggregationFn<any> | SetAggregationFn;

const typesOf = (name: AggregationName): readonly FieldType[] => typesAllowing(AGGREGATIONS_BY_TYPE, name);
const asNumber = (): FieldType => "number";
const same = (t: FieldType): FieldType => t;
const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Number of issues in the group that have a value (SQL's COUNT(field)); COUNT() in rollups counts all issues. */
export const aggregationFn_count: MergeableAggregationFn<number> = {
  name: "count",
  types: typesOf("count"),
  resultType: asNumber,
  mergeable: true,
  init: () => 0,
  add: (state, value) => (value === value ? state + 1 : state),
  merge: (a, b) => a + b,
  value: (state) => state,
  addRows(state, values, rows, start, end) {
    let count = state;
    for (let i = start; i < end; i++) if (values[rows[i]!] === values[rows[i]!]) count++;
    return count;
  },
};

/** NaN-aware sum: NaN means "no value yet" so an all-empty group sums to empty, not 0. */
export const aggregationFn_sum: MergeableAggregationFn<number> = {
  name: "sum",
  types: typesOf("sum"),
  resultType: same,
  mergeable: true,
  init: () => NaN,
  add: (state, value) => (value !== value ? state : state !== state ? value : state + value),
  merge: (a, b) => (b !== b ? a : a !== a ? b : a + b),
  value: (state) => finite(state),
  addRows(state, values, rows, start, end) {
    let sum = 0;
    let any = false;
    for (let i = start; i < end; i++) {
      const v = values[rows[i]!]!;
      if (v === v) {
        sum += v;
        any = true;
      }
    }
    return any ? (state !== state ? sum : state + sum) : state;
  },
};

interface AverageState {
  sum: number;
  count: number;
}

/** Mean over the issues that have a value; merged as (sum, count) so it is never an average of averages. */
export const aggregationFn_average: MergeableAggregationFn<AverageState> = {
  name: "average",
  types: typesOf("average"),
  resultType: same,
  mergeable: true,
  init: () => ({ sum: 0, count: 0 }),
  add(state, value) {
    if (value === value) {
      state.sum += value;
      state.count++;
    }
    return state;
  },
  merge(a, b) {
    a.sum += b.sum;
    a.count += b.count;
    return a;
  },
  value: (state) => (state.count === 0 ? null : finite(state.sum / state.count)),
  addRows(state, values, rows, start, end) {
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      const v = values[rows[i]!]!;
      if (v === v) {
        sum += v;
        count++;
      }
    }
    state.sum += sum;
    state.count += count;
    return state;
  },
};

function extreme(name: AggregationName, smallest: boolean): MergeableAggregationFn<number> {
  const combine = smallest
    ? (a: number, b: number): number => (b !== b ? a : a !== a || b < a ? b : a)
    : (a: number, b: number): number => (b !== b ? a : a !== a || b > a ? b : a);
  return {
    name,
    types: typesOf(name),
    resultType: same,
    mergeable: true,
    init: () => NaN,
    add: combine,
    merge: combine,
    value: finite,
    addRows(state, values, rows, start, end) {
      let best = state;
      if (smallest) {
        for (let i = start; i < end; i++) {
          const v = values[rows[i]!]!;
          if (v < best || best !== best) best = v;
        }
      } else {
        for (let i = start; i < end; i++) {
          const v = values[rows[i]!]!;
          if (v > best || best !== best) best = v;
        }
      }
      return best;
    },
  };
}

export const aggregationFn_min = extreme("min", true);
export const aggregationFn_max = extreme("max", false);
export const aggregationFn_earliest = extreme("earliest", true);
export const aggregationFn_latest = extreme("latest", false);

/** Scratch buffer reused across groups: median runs once per group per level. */
let scratch = new Float64Array(1024);

/** k-th smallest of `a[0..n)` (Hoare quickselect, in place). */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/** Copies the rows' non-empty values into `scratch` (for selection); returns how many. */
function gatherValues(column: Column, rows: Int32Array, start: number, end: number): number {
  if (column.kind !== "numeric") return 0;
  if (scratch.length < end - start) scratch = new Float64Array(end - start);
  const values = column.values;
  let n = 0;
  for (let i = start; i < end; i++) {
    const v = values[rows[i]!]!;
    if (v === v) scratch[n++] = v;
  }
  return n;
}

/** Median of the non-empty values; the mean of the two middle values for an even count. */
export const aggregationFn_median: SetAggregationFn = {
  name: "median",
  types: typesOf("median"),
  resultType: same,
  mergeable: false,
  compute(column, rows, start, end) {
    const n = gatherValues(column, rows, start, end);
    if (n === 0) return null;
    const upper = select(scratch, n, n >> 1);
    if (n % 2 === 1) return upper;
    // After selecting k = n/2, every value left of it is ≤ it: the lower middle is their maximum.
    let lower = -Infinity;
    for (let i = 0; i < n >> 1; i++) if (scratch[i]! > lower) lower = scratch[i]!;
    return (lower + upper) / 2;
  },
};

/**
 * Nearest-rank percentile of the non-empty values (docs/engine.md#history-fields, "Percentiles"): the
 * value at rank ⌈p·n/100⌉ of the sorted values, so always a value some issue has. Like median, it
 * reads a group's distinct issues.
 */
function percentile(name: AggregationName, p: number): SetAggregationFn {
  return {
    name,
    types: typesOf(name),
    resultType: same,
    mergeable: false,
    compute(column, rows, start, end) {
      const n = gatherValues(column, rows, start, end);
      if (n === 0) return null;
      // The ceiling in integers: p·n and 100 are whole, so no float rounding picks another rank.
      const rank = Math.max(1, Math.floor((p * n + 99) / 100));
      return select(scratch, n, rank - 1);
    },
  };
}

export const aggregationFn_p50 = percentile("p50", 50);
export const aggregationFn_p85 = percentile("p85", 85);
export const aggregationFn_p95 = percentile("p95", 95);

// Stamps avoid clearing a per-code "seen" array for every group.
let seenStamp = new Int32Array(1024);
let stamp = 0;

function nextStamp(size: number): number {
  if (seenStamp.length < size) seenStamp = new Int32Array(Math.max(size, seenStamp.length * 2));
  if (++stamp === 0x7fffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  return stamp;
}

/** Number of distinct non-empty values; for multi-valued fields, distinct values across the issues. */
export const aggregationFn_count_distinct: SetAggregationFn = {
  name: "count_distinct",
  types: typesOf("count_distinct"),
  resultType: asNumber,
  mergeable: false,
  compute(column, rows, start, end) {
    switch (column.kind) {
      case "coded":
      case "multi": {
        const mark = nextStamp(column.dictionary.size);
        let distinct = 0;
        const visit = (code: number): void => {
          if (code >= 0 && seenStamp[code] !== mark) {
            seenStamp[code] = mark;
            distinct++;
          }
        };
        if (column.kind === "coded") for (let i = start; i < end; i++) visit(column.codes[rows[i]!]!);
        else {
          const { offsets, codes } = column;
          for (let i = start; i < end; i++) {
            const row = rows[i]!;
            for (let j = offsets[row]!; j < offsets[row + 1]!; j++) visit(codes[j]!);
          }
        }
        return distinct;
      }
      case "numeric": {
        const seen = new Set<number>();
        for (let i = start; i < end; i++) {
          const v = column.values[rows[i]!]!;
          if (v === v) seen.add(v);
        }
        return seen.size;
      }
      case "boolean": {
        let mask = 0;
        for (let i = start; i < end; i++) {
          const v = column.values[rows[i]!]!;
          if (v >= 0) mask |= 1 << v;
        }
        return (mask & 1) + (mask >> 1);
      }
      case "text": {
        const seen = new Set<string>();
        for (let i = start; i < end; i++) {
          const row = rows[i]!;
          if (!isEmptyAt(column, row)) seen.add(column.values[row]!);
        }
        return seen.size;
      }
    }
  },
};

export const aggregationFns = defineRegistry<AggregationFn>("aggregation", [
  aggregationFn_count,
  aggregationFn_count_distinct,
  aggregationFn_sum,
  aggregationFn_average,
  aggregationFn_min,
  aggregationFn_max,
  aggregationFn_median,
  aggregationFn_p50,
  aggregationFn_p85,
  aggregationFn_p95,
  aggregationFn_earliest,
  aggregationFn_latest,
]);
