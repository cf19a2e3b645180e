/**
 * A pivot view computed from a report's result: the report's filtered issues grouped by the
 * view's row levels × column levels, with one aggregate per (row group, column, value), row and
 * column totals, the grand total, shares of a total when asked, and both axes ordered by key
 * (the engine's group order for the field) or by one value's total. Grouping, aggregation and
 * ordering are the engine's own (`createGroupedRows`, `createAggregates`, `orderGroups`).
 */

import { aggregationFns, type AggregationFn } from "../aggregation/aggregationFns";
import type { AggregateSpec } from "../aggregation/createAggregates";
import type { Column } from "../columns/types";
import { isEmptyAt } from "../columns/types";
import { resolveFormat } from "../formats/formatFns";
import type { GroupKeyReader } from "../grouping/groupKeys";
import { orderGroups, type OrderedTree } from "../grouping/orderGroups";
import type { AggregationName, Format, GroupRule } from "../model";
import type { AxisOrder, PivotView } from "../model.gen";
import type { CellFormat, ReportResult } from "../result";
import { aggregatedTree, type AggregatedTree, type AxisLevel } from "./axisTrees";
import { LazyPivotCell, shareOf } from "./pivotCell";
import type { PivotCell, PivotColumn, PivotGroupKey, PivotHeader, PivotResult, PivotRow, PivotValueDescriptor } from "./types";

/** Aggregations whose values add up to a total, so a share of the total means something. */
const SHARE_AGGREGATIONS: ReadonlySet<AggregationName> = new Set(["count", "count_distinct", "sum"]);

interface PlannedValue {
  readonly descriptor: PivotValueDescriptor;
  /** Index into the trees' aggregates; -1 when the value is invalid. */
  readonly spec: number;
  /** The aggregate over no issues (count 0, sum empty), for row × column pairs with no issue. */
  readonly empty: number | null;
  readonly cellFormat: CellFormat;
  readonly showsShare: boolean;
}

const emptyColumn = (rowCount: number): Column => ({ kind: "text", type: "text", values: new Array<string | null>(rowCount).fill(null) });

function emptyAggregate(fn: AggregationFn, column: Column): number | null {
  return fn.mergeable ? fn.value(fn.init()) : fn.compute(column, new Int32Array(0), 0, 0);
}

export function computePivot(result: ReportResult, view: PivotView): PivotResult {
  const { table, formatContext } = result.data;
  const n = table.rowCount;
  const warnings: string[] = [];
  const columnFormat = (field: string): Format | undefined => result.columns.find((c) => c.field === field)?.format;
  const percentOf = view.percent_of ?? "none";

  const levelOf = (rule: GroupRule): AxisLevel => {
    const column = table.column(rule.field);
    if (!column) warnings.push(`Field '${rule.field}' is not loaded for this report; every issue is in "(none)".`);
    const resolved = column ?? emptyColumn(n);
    let bucket = rule.bucket ?? null;
    const type = resolved.type;
    const dateType = type === "date" || type === "datetime";
    if (bucket && ((bucket.kind === "date" && !dateType) || (bucket.kind === "number" && type !== "number" && type !== "duration"))) {
      warnings.push(`A ${bucket.kind} bucket does not apply to ${type} field '${rule.field}'; grouped by value.`);
      bucket = null;
    }
    return { field: rule.field, bucket, column: resolved, columnFormat: columnFormat(rule.field) };
  };
  const rowLevels = view.rows.map(levelOf);
  const columnLevels = view.columns.map(levelOf);

  const specs: AggregateSpec[] = [];
  const planned: PlannedValue[] = view.values.map((measure, index) => {
    const fn = aggregationFns.get(measure.aggregation);
    const column = table.column(measure.field);
    const fieldType = table.spec(measure.field)?.type;
    const valid = fn !== undefined && column !== undefined && fieldType !== undefined && fn.types.includes(fieldType);
    if (!valid)
      warnings.push(
        column === undefined
          ? `Field '${measure.field}' is not loaded for this report; its '${measure.aggregation}' is empty.`
          : `Aggregation '${measure.aggregation}' does not apply to ${fieldType} field '${measure.field}'; its cells are empty.`,
      );
    const type = valid ? fn.resultType(fieldType) : "number";
    const counting = measure.aggregation === "count" || measure.aggregation === "count_distinct";
    const own = columnFormat(measure.field);
    const format: Format = counting
      ? { type: "number", decimals: 0, thousands_separator: own?.thousands_separator ?? true }
      : resolveFormat(type, own).format;
    if (valid) specs.push({ field: measure.field, fn });
    return {
      descriptor: { index, field: measure.field, aggregation: measure.aggregation, type, valid },
      spec: valid ? specs.length - 1 : -1,
      empty: valid ? emptyAggregate(fn, column) : null,
      cellFormat: { type, format, context: formatContext },
      showsShare: percentOf !== "none" && SHARE_AGGREGATIONS.has(measure.aggregation),
    };
  });

  const rows = pivotRows(result, [...view.rows, ...view.columns], [...rowLevels, ...columnLevels]);
  // trees[d]: the first d row levels, then the column levels.
  const trees: AggregatedTree[] = [];
  for (let d = 0; d <= rowLevels.length; d++)
    trees.push(aggregatedTree([...rowLevels.slice(0, d), ...columnLevels], rows, table, specs, formatContext));
  const columnTree = trees[0]!;
  const rowTree = trees[rowLevels.length]!;

  const valueAt = (tree: AggregatedTree, value: PlannedValue, node: number): number | null => {
    if (value.spec < 0) return null;
    const v = tree.aggregates[value.spec]![node]!;
    return v !== v ? null : v;
  };
  const cell = (value: PlannedValue, v: number | null, denominator: number | null): PivotCell =>
    new LazyPivotCell(v, value.showsShare ? shareOf(v, denominator) : null, value.cellFormat, value.showsShare);

  const grand = planned.map((value) => valueAt(columnTree, value, 0));
  const grandTotal = planned.map((value, v) => cell(value, grand[v]!, grand[v]!));

  // Columns: the column tree's leaves in order.
  const columnOrder = orderAxis(columnTree, columnLevels.length, view.column_order, planned, warnings, "column");
  const columns: PivotColumn[] = [];
  const columnTotals: (number | null)[][] = [];
  const walkColumns = (node: number, path: PivotGroupKey[]): void => {
    const children = columnOrder.children[node];
    if (!children || path.length === columnLevels.length) {
      const totals = planned.map((value) => valueAt(columnTree, value, node));
      columnTotals.push(totals);
      const treeNode = columnTree.tree.nodes[node]!;
      columns.push({
        id: columnTree.pathIds[node]!,
        index: columns.length,
        path,
        issueCount: treeNode.end - treeNode.start,
        total: planned.map((value, v) => cell(value, totals[v]!, percentOf === "column" ? totals[v]! : grand[v]!)),
      });
      return;
    }
    for (const child of children) walkColumns(child, [...path, groupKey(columnTree, columnLevels, child)]);
  };
  walkColumns(0, []);
  const columnIndex = new Map(columns.map((c) => [c.id, c.index]));

  // Each row depth's tree, indexed by row path, for the cells of that depth's row groups.
  const rowNodeOf = trees.map((tree, depth) => {
    const byPath = new Map<string, number>();
    for (const node of tree.tree.nodes) if (node.depth === depth) byPath.set(tree.pathIds[node.index]!, node.index);
    return byPath;
  });
  const cellsOf = (depth: number, pathId: string, rowTotals: readonly (number | null)[]): PivotCell[][] => {
    const tree = trees[depth]!;
    const leaves: (number | undefined)[] = new Array(columns.length);
    const start = rowNodeOf[depth]!.get(pathId);
    const visit = (node: number): void => {
      const treeNode = tree.tree.nodes[node]!;
      if (treeNode.depth === depth + columnLevels.length) {
        const c = columnIndex.get(tree.pathIds[node]!.slice(pathId.length));
        if (c !== undefined) leaves[c] = node;
        return;
      }
      for (const child of treeNode.children ?? []) visit(child);
    };
    if (start !== undefined) visit(start);
    return columns.map((_, c) =>
      planned.map((value, v) => {
        const node = leaves[c];
        const x = node === undefined ? value.empty : valueAt(tree, value, node);
        const denominator = percentOf === "row" ? rowTotals[v]! : percentOf === "column" ? columnTotals[c]![v]! : grand[v]!;
        return cell(value, x, denominator);
      }),
    );
  };

  const rowOrder = orderAxis(rowTree, rowLevels.length, view.row_order, planned, warnings, "row");
  const buildRow = (node: number): PivotRow => {
    const treeNode = rowTree.tree.nodes[node]!;
    const depth = treeNode.depth;
    const pathId = rowTree.pathIds[node]!;
    const totals = planned.map((value) => valueAt(rowTree, value, node));
    const children = depth < rowLevels.length ? (rowOrder.children[node] ?? []) : null;
    return {
      ...groupKey(rowTree, rowLevels, node),
      id: pathId,
      depth,
      issueCount: treeNode.end - treeNode.start,
      cells: cellsOf(depth, pathId, totals),
      total: planned.map((value, v) => cell(value, totals[v]!, percentOf === "row" ? totals[v]! : grand[v]!)),
      children: children === null ? null : children.map(buildRow),
    };
  };
  const topRows = rowLevels.length === 0 ? [] : (rowOrder.children[0] ?? []).map(buildRow);
  const headers = headersOf(columns, columnLevels.length);
  // engine.clear() disposes the table: the pivot's labels and values go with it, as the result's do.
  table.onDispose(() => {
    for (const list of [topRows, columns, headers, grandTotal] as unknown[][]) list.length = 0;
  });

  return {
    values: planned.map((p) => p.descriptor),
    rowFields: rowLevels.map((l) => l.field),
    columnFields: columnLevels.map((l) => l.field),
    rows: topRows,
    columns,
    headers,
    grandTotal,
    issueCount: rows.length,
    percentOf,
    rowTotals: view.row_totals ?? true,
    columnTotals: view.column_totals ?? true,
    warnings,
  };
}

/**
 * The pivot's issues: the report's matched issues (each once, though a multi-valued table
 * grouping lists some several times), less those a rule with `show_empty: false` leaves out.
 */
function pivotRows(result: ReportResult, rules: readonly GroupRule[], levels: readonly AxisLevel[]): Int32Array {
  const n = result.data.table.rowCount;
  const seen = new Uint8Array(n);
  for (const row of result.rows) seen[row] = 1;
  const required = levels.filter((_, i) => rules[i]!.show_empty === false).map((l) => l.column);
  let count = 0;
  for (let row = 0; row < n; row++) {
    if (seen[row] && required.some((column) => isEmptyAt(column, row))) seen[row] = 0;
    count += seen[row]!;
  }
  const rows = new Int32Array(count);
  let k = 0;
  for (let row = 0; row < n; row++) if (seen[row]) rows[k++] = row;
  return rows;
}

function groupKey(tree: AggregatedTree, levels: readonly AxisLevel[], node: number): PivotGroupKey {
  const treeNode = tree.tree.nodes[node]!;
  const reader: GroupKeyReader = tree.readers[treeNode.depth - 1]!;
  const none = treeNode.key !== treeNode.key;
  return {
    field: levels[treeNode.depth - 1]!.field,
    key: none ? null : reader.value(treeNode.key),
    label: none ? "(none)" : reader.label(treeNode.key),
    isEmptyGroup: none,
  };
}

/** The engine's group order for the axis's levels: by key, or by one value's total, "(none)" last. */
function orderAxis(
  tree: AggregatedTree,
  depth: number,
  order: AxisOrder | undefined,
  planned: readonly PlannedValue[],
  warnings: string[],
  axis: "row" | "column",
): OrderedTree {
  let aggregate: Float64Array | null = null;
  if (order?.by === "value") {
    const value = planned[order.value ?? -1];
    if (value && value.spec >= 0) aggregate = tree.aggregates[value.spec]!;
    else warnings.push(`The ${axis}s are ordered by a value the pivot cannot compute; ordered by key instead.`);
  }
  const descending = order?.direction === "desc";
  return orderGroups(
    tree.tree,
    tree.readers.slice(0, depth).map((reader) => ({ reader, descending, aggregate })),
  );
}

/** Header cells per column level: runs of adjacent columns that share the level's group. */
function headersOf(columns: readonly PivotColumn[], levels: number): PivotHeader[][] {
  const headers: PivotHeader[][] = [];
  for (let level = 0; level < levels; level++) {
    const row: PivotHeader[] = [];
    let previous: string | null = null;
    for (const column of columns) {
      // Columns share a header cell when their paths agree down to this level.
      const prefix = JSON.stringify(column.path.slice(0, level + 1).map((p) => [p.field, p.key, p.isEmptyGroup]));
      const last = row[row.length - 1];
      if (last && prefix === previous) row[row.length - 1] = { ...last, span: last.span + 1 };
      else row.push({ ...column.path[level]!, span: 1, firstColumn: column.index });
      previous = prefix;
    }
    headers.push(row);
  }
  return headers;
}
