/**
 * The report pipeline — the only place that knows the stage order:
 *
 *   formulas → filter → sort → group → aggregate (+ rollups) → order groups → result
 *
 * Formulas come first because they act as fields everywhere. Sorting happens once, before grouping:
 * grouping scatters rows stably, so every group comes out sorted. Groups are ordered last because
 * ordering by an aggregate needs the aggregates.
 */

import { createAggregates } from "./aggregation/createAggregates";
import { buildResult } from "./buildResult";
import type { Table } from "./columns/table";
import type { PriorityPosition } from "./columns/normalize";
import type { Column } from "./columns/types";
import type { HistoryCounts } from "./history/historyColumns";
import { createFilteredRows } from "./filtering/createFilteredRows";
import { formatValue, resolveFormat, type FormatContext } from "./formats/formatFns";
import { createFormulaColumns } from "./formulas/createFormulaColumns";
import { createRollupValues } from "./formulas/createRollupValues";
import { createGroupedRows } from "./grouping/createGroupedRows";
import { createGroupKeyReader, type GroupKeyReader } from "./grouping/groupKeys";
import { orderGroups } from "./grouping/orderGroups";
import type { AggregationName } from "./model";
import type { PlannedGroup, ReportPlan } from "./plan";
import type { ReportResult, ResultData } from "./result";
import { createSortedRows, type SortKey } from "./sorting/createSortedRows";
import { sortFnFor } from "./sorting/sortFns";
import type { TimeZone } from "./time/timeZone";

export interface PipelineContext {
  /** Epoch ms of "now" for relative date filters and NOW()/TODAY(). */
  readonly now: number;
  readonly timeZone: TimeZone;
  readonly locale: string;
  /** The site's priority order, for priority filters whose threshold no loaded issue has. */
  readonly priorityPosition?: PriorityPosition;
  /** Changelog completeness when the report has history fields (`ReportResult.history`). */
  readonly history?: HistoryCounts | null;
}

type Regroup = (keep: (row: number) => boolean) => ReportResult;
// Keyed by the result's data, which narrowed copies of a result share; dropped with the result.
const regroupers = new WeakMap<ResultData, Regroup>();

const EMPTY_COLUMN = (rowCount: number): Column => ({ kind: "text", type: "text", values: new Array<string | null>(rowCount).fill(null) });

export function runPipeline(plan: ReportPlan, base: Table, context: PipelineContext): ReportResult {
  const runtime = { now: context.now, timeZone: context.timeZone, priorityPosition: context.priorityPosition };
  const formatContext: FormatContext = { timeZone: context.timeZone, locale: context.locale };

  const table = createFormulaColumns(base, plan.formulas, runtime);
  const n = table.rowCount;
  const columnOf = (field: string): Column => table.column(field) ?? EMPTY_COLUMN(n);

  const filtered = createFilteredRows(table, plan.filters, runtime);

  const sorted = createSortedRows(filtered, sortKeys(table, plan, columnOf));

  const groupRows = (rows: Int32Array): ReportResult => {
    const readers = plan.groups.map((g) => groupReader(g, columnOf(g.field), plan, formatContext));
    const tree = createGroupedRows(rows, readers, n);

    const aggregateValues = createAggregates(tree, plan.aggregates, (f) => table.column(f), n);
    const aggregateLookup = (field: string | null, aggregation: AggregationName): Float64Array | undefined =>
      aggregateValues[plan.aggregateIndex(field, aggregation)];
    const typeOfField = (field: string) => table.spec(field)?.type;
    const rollups = plan.columns.map((c) =>
      c.formula?.rollupAst ? createRollupValues(c.formula, tree.nodes.length, aggregateLookup, typeOfField, runtime) : null,
    );

    const ordered = orderGroups(
      tree,
      plan.groups.map((g, d) => ({
        reader: readers[d]!,
        descending: g.descending,
        aggregate: g.orderAggregate === null ? null : (aggregateValues[g.orderAggregate] ?? null),
      })),
    );
    return buildResult({
      plan,
      table,
      tree,
      ordered,
      readers,
      aggregateValues,
      rollups,
      matchedIssueCount: rows.length,
      formatContext,
      history: context.history ?? null,
    });
  };

  const result = groupRows(sorted);
  // A drill-down (a pivot cell, a chart mark) shows the report's grouped table over some of its
  // issues: the same stages from grouping on, over the sorted rows it keeps.
  regroupers.set(result.data, (keep) => groupRows(sorted.filter(keep)));
  return result;
}

/** The grouped report over the matched issues `keep` accepts, or null for a result this module did not compute. */
export function regroupResult(result: ReportResult, keep: (row: number) => boolean): ReportResult | null {
  return regroupers.get(result.data)?.(keep) ?? null;
}

/** The rules' keys, then issue key ascending: the default order and the final tie-break. */
function sortKeys(table: Table, plan: ReportPlan, columnOf: (field: string) => Column): SortKey[] {
  const n = table.rowCount;
  const keyOf = (column: Column, descending: boolean, emptiesFirst: boolean): SortKey => {
    const fn = sortFnFor(column);
    const values = fn.keys(column, n);
    return fn.domain ? { values, descending, emptiesFirst, domain: fn.domain(column) } : { values, descending, emptiesFirst };
  };
  const keys = plan.sorts.map((rule) => keyOf(columnOf(rule.field), rule.descending, rule.emptiesFirst));
  const keyColumn = table.keyColumn;
  const last = plan.sorts[plan.sorts.length - 1];
  const sortedByKey = last !== undefined && (last.field === "issuekey" || last.field === "key");
  if (keyColumn && !sortedByKey) keys.push(keyOf(keyColumn, false, false));
  return keys;
}

function groupReader(group: PlannedGroup, column: Column, plan: ReportPlan, formatContext: FormatContext): GroupKeyReader {
  // Number keys are labelled with the grouping field's column format when it is also a column.
  const format = resolveFormat(column.type, plan.columns.find((c) => c.field === group.field)?.format).format;
  const formatNumber = (v: number): string => formatValue(v, column.type, format, formatContext).display;
  return createGroupKeyReader(column, group.bucket, formatContext.timeZone, formatNumber);
}
