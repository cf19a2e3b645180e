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
