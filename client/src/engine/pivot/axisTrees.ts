/**
 * The pivot as group trees the engine already knows how to build and aggregate: "row levels ×
 * column levels" is a grouping by the row levels, then the column levels, over the pivot's
 * distinct issues. One tree per row depth (rows[0..d) then columns) gives every row group's cells
 * at every row level; the tree with no row levels gives the column totals and the grand total.
 * Each tree is aggregated by `createAggregates`, so multi-valued levels count every issue once in
 * every total, exactly as the table's group rows do.
 */

import { createAggregates, type AggregateSpec } from "../aggregation/createAggregates";
import type { Table } from "../columns/table";
import type { Column } from "../columns/types";
import { formatValue, resolveFormat, type FormatContext } from "../formats/formatFns";
import { createGroupedRows, type GroupTree } from "../grouping/createGroupedRows";
import { createGroupKeyReader, type GroupKeyReader } from "../grouping/groupKeys";
import type { Bucket, Format } from "../model";

export interface AxisLevel {
  readonly field: string;
  readonly bucket: Bucket | null;
  readonly column: Column;
  /** Format of the field's report column, if it has one (labels of number groups use it). */
  readonly columnFormat: Format | undefined;
}

export interface AggregatedTree {
  readonly tree: GroupTree;
  /** Fresh readers per tree: a text reader's ids are only meaningful within the tree that encoded them. */
  readonly readers: readonly GroupKeyReader[];
  /** Per value spec, per node (NaN = empty). */
  readonly aggregates: readonly Float64Array[];
  /** Identity of each node as a typed key path, comparable across trees. */
  readonly pathIds: readonly string[];
}

function readerFor(level: AxisLevel, context: FormatContext): GroupKeyReader {
  const type = level.column.type;
  const format = resolveFormat(type, level.columnFormat).format;
  const formatNumber = (v: number): string => formatValue(v, type, format, context).display;
  return createGroupKeyReader(level.column, level.bucket, context.timeZone, formatNumber);
}

/** One path segment: the typed key, so "(none)" (null) never meets a text key "null" or "(none)". */
export function segmentOf(reader: GroupKeyReader, key: number): string {
  return JSON.stringify(key !== key ? null : reader.value(key));
}

export function aggregatedTree(
  levels: readonly AxisLevel[],
  rows: Int32Array,
  table: Table,
  specs: readonly AggregateSpec[],
  context: FormatContext,
): AggregatedTree {
  const readers = levels.map((level) => readerFor(level, context));
  const tree = createGroupedRows(rows, readers, table.rowCount);
  const aggregates = createAggregates(tree, specs, (field) => table.column(field), table.rowCount);
  const pathIds: string[] = new Array(tree.nodes.length);
  pathIds[0] = "";
  // Pre-order: a parent's id is known before its children's.
  for (const node of tree.nodes) {
    for (const child of node.children ?? []) {
      const childNode = tree.nodes[child]!;
      pathIds[child] = `${pathIds[node.index]}/${segmentOf(readers[node.depth]!, childNode.key)}`;
    }
  }
  return { tree, readers, aggregates, pathIds };
}
