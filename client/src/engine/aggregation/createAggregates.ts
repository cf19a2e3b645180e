/**
 * Aggregation stage: one value per (aggregate spec, group node), stored columnar as a Float64Array
 * per spec indexed by node (NaN = empty). Mergeable aggregations fold leaf groups from rows and merge
 * child states upward — except above a multi-valued level, where children overlap and the value is
 * folded from the node's own distinct issues instead. Median and count_distinct always use the
 * node's distinct issues. Either way every level, grand total included, is exact.
 */

import type { Column } from "../columns/types";
import type { GroupTree } from "../grouping/createGroupedRows";
import type { AggregationFn, MergeableAggregationFn } from "./aggregationFns";

export interface AggregateSpec {
  /** Field key; null means "the issues themselves" (COUNT() in rollups). */
  readonly field: string | null;
  readonly fn: AggregationFn;
}

// Presence arrays of non-numeric columns, cached per backing array (columns are append-only).
const presenceCache = new WeakMap<object, Float64Array>();

/**
 * Per-row numbers the mergeable functions fold: the value for numeric columns, 0/1 for booleans,
 * and for other kinds 0 when present and NaN when empty (only count uses those).
 */
function rowInputs(column: Column | undefined, rowCount: number): Float64Array {
  if (column === undefined) return new Float64Array(rowCount);
  if (column.kind === "numeric") return column.values;
  const backing: object =
    column.kind === "coded"
      ? column.codes.buffer
      : column.kind === "multi"
        ? column.offsets.buffer
        : column.kind === "boolean"
          ? column.values.buffer
          : column.values;
  const cached = presenceCache.get(backing);
  if (cached && cached.length === rowCount) return cached;
  const computed = presence(column, rowCount);
  presenceCache.set(backing, computed);
  return computed;
}

function presence(column: Column, rowCount: number): Float64Array {
  switch (column.kind) {
    case "numeric":
      return column.values;
    case "boolean": {
      const out = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) out[i] = column.values[i]! < 0 ? NaN : column.values[i]!;
      return out;
    }
    case "coded": {
      const out = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) out[i] = column.codes[i]! < 0 ? NaN : 0;
      return out;
    }
    case "multi": {
      const out = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) out[i] = column.offsets[i] === column.offsets[i + 1] ? NaN : 0;
      return out;
    }
    case "text": {
      const out = new Float64Array(rowCount);
      for (let i = 0; i < rowCount; i++) {
        const v = column.values[i];
        out[i] = v === null || v === undefined || v === "" ? NaN : 0;
      }
      return out;
    }
  }
}

export function createAggregates(
  tree: GroupTree,
  specs: readonly AggregateSpec[],
  columnOf: (field: string) => Column | undefined,
  rowCount: number,
): Float64Array[] {
  const nodes = tree.nodes;
  return specs.map((spec) => {
    const out = new Float64Array(nodes.length).fill(NaN);
    const column = spec.field === null ? undefined : columnOf(spec.field);
    if (spec.field !== null && column === undefined) return out;
    const fn = spec.fn;
    if (!fn.mergeable) {
      if (column?.kind === "numeric" && fn.name === "median" && countedMedians(tree, column.values, rowCount, out)) return out;
      if (column) for (const node of nodes) out[node.index] = fn.compute(column, node.rows, node.start, node.end) ?? NaN;
      return out;
    }
    foldMergeable(tree, fn, rowInputs(column, rowCount), out);
    return out;
  });
}

// biome-ignore lint/suspicious/noExplicitAny: any registry entry's state, passed back to the same entry
function foldMergeable(tree: GroupTree, fn: MergeableAggregationFn<any>, inputs: Float64Array, out: Float64Array): void {
  const nodes = tree.nodes;
  const states: unknown[] = new Array(nodes.length);
  // Pre-order indices: children always come after their parent, so a reverse walk is post-order.
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n]!;
    let state = fn.init();
    if (node.children !== null && !tree.multiBelow[node.depth]) {
      for (const child of node.children) state = fn.merge(state, states[child]);
    } else if (fn.addRows) {
      state = fn.addRows(state, inputs, node.rows, node.start, node.end);
    } else {
      const rows = node.rows;
      for (let i = node.start; i < node.end; i++) state = fn.add(state, inputs[rows[i]!]!);
    }
    states[n] = state;
    out[n] = fn.value(state) ?? NaN;
  }
}

/** Most distinct values a column may have for medians from value counts (story points have six). */
const MAX_COUNTED_VALUES = 32;

interface ValueIndex {
  /** Position of each row's value in `sorted`; -1 when empty. */
  readonly index: Int8Array;
  /** The column's distinct values, ascending. */
  readonly sorted: Float64Array;
}

// Per backing buffer and row count: a warm compute over the same rows reuses it.
const valueIndexCache = new WeakMap<ArrayBufferLike, { rowCount: number; valueIndex: ValueIndex | null }>();

/** The rows' values as positions among few distinct values, or null when there are too many. */
function valueIndexOf(values: Float64Array, rowCount: number): ValueIndex | null {
  const cacheable = values.byteOffset === 0;
  const cached = cacheable ? valueIndexCache.get(values.buffer) : undefined;
  if (cached && cached.rowCount === rowCount) return cached.valueIndex;
  const valueIndex = buildValueIndex(values, rowCount);
  if (cacheable) valueIndexCache.set(values.buffer, { rowCount, valueIndex });
  return valueIndex;
}

function buildValueIndex(values: Float64Array, rowCount: number): ValueIndex | null {
  const distinct: number[] = [];
  const index = new Int8Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const v = values[i]!;
    if (v !== v) {
      index[i] = -1;
      continue;
    }
    // -0 counts as 0 (indexOf already finds one for the other).
    let code = distinct.indexOf(v);
    if (code < 0) {
      if (distinct.length === MAX_COUNTED_VALUES) return null;
      code = distinct.push(v === 0 ? 0 : v) - 1;
    }
    index[i] = code;
  }
  const order = distinct.map((_, i) => i).sort((a, b) => distinct[a]! - distinct[b]!);
  const position = new Int8Array(distinct.length);
  order.forEach((code, p) => {
    position[code] = p;
  });
  for (let i = 0; i < rowCount; i++) if (index[i]! >= 0) index[i] = position[index[i]!]!;
  return { index, sorted: Float64Array.from(order, (code) => distinct[code]!) };
}

/**
 * Medians from per-group counts of each distinct value, for columns with few distinct values: a
 * group's counts are its children's summed (unless a multi-valued level below makes children
 * overlap; then they are counted from the group's own issues), so no value is copied or selected
 * again at every level. Same result as the median over the group's distinct issues. Returns false
 * (nothing written) when the column has too many distinct values or the groups are too many.
 */
function countedMedians(tree: GroupTree, values: Float64Array, rowCount: number, out: Float64Array): boolean {
  const nodes = tree.nodes;
  const valueIndex = valueIndexOf(values, rowCount);
  if (valueIndex === null) return false;
  const { index, sorted } = valueIndex;
  const k = sorted.length;
  // Bounded memory: one count per group and value, at most a few per row.
  if (nodes.length * k > 4 * rowCount + 4096) return false;
  const counts = new Int32Array(nodes.length * k);
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n]!;
    const base = n * k;
    if (node.children !== null && !tree.multiBelow[node.depth]) {
      for (const child of node.children) for (let j = 0; j < k; j++) counts[base + j]! += counts[child * k + j]!;
    } else {
      const rows = node.rows;
      for (let i = node.start; i < node.end; i++) {
        const p = index[rows[i]!]!;
        if (p >= 0) counts[base + p]!++;
      }
    }
    let total = 0;
    for (let j = 0; j < k; j++) total += counts[base + j]!;
    out[n] = NaN;
    if (total === 0) continue;
    // The mean of the two middle values (the same one for an odd count), as the median function.
    const lowerAt = (total - 1) >> 1;
    const upperAt = total >> 1;
    let seen = 0;
    let lower = NaN;
    for (let j = 0; j < k; j++) {
      seen += counts[base + j]!;
      if (lower !== lower && seen > lowerAt) lower = sorted[j]!;
      if (seen > upperAt) {
        out[n] = (lower + sorted[j]!) / 2;
        break;
      }
    }
  }
  return true;
}
