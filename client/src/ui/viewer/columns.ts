/** Column widths of the report table: the user's width for this view, else the column's own, else a default by type. */

import type { AggregationName, ColumnDescriptor, ReportResult } from "../../engine/index";

const DEFAULT_WIDTH: Record<string, number> = {
  text: 280,
  number: 120,
  duration: 120,
  date: 120,
  datetime: 160,
  user: 180,
  option: 150,
  multi: 200,
  issuelink: 120,
  boolean: 100,
};

/** The bounds the server accepts for a stored column width (schemas/rules.py `Column.width`). */
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1000;

/** Widths the user set in this view, by column index; they win over the definition's. */
export type WidthOverrides = ReadonlyMap<number, number>;

const NO_OVERRIDES: WidthOverrides = new Map();

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

export function columnWidth(column: ColumnDescriptor, overrides: WidthOverrides = NO_OVERRIDES): number {
  return overrides.get(column.index) ?? column.width ?? DEFAULT_WIDTH[column.type] ?? 160;
}

/** The leading tree column holds group toggles and labels, or the issue key; deeper trees need room. */
export function treeColumnWidth(result: ReportResult): number {
  return Math.min(480, 200 + result.groupDepth * 40);
}

/** One grid template shared by the header and every row so cells line up without a <table>. */
export function gridTemplate(result: ReportResult, overrides: WidthOverrides = NO_OVERRIDES): string {
  return [treeColumnWidth(result), ...result.columns.map((c) => columnWidth(c, overrides))].map((w) => `${w}px`).join(" ");
}

export function totalWidth(result: ReportResult, overrides: WidthOverrides = NO_OVERRIDES): number {
  return result.columns.reduce((sum, c) => sum + columnWidth(c, overrides), treeColumnWidth(result));
}

/**
 * The short tag a column header shows next to its name, so a sum, an average and a count are
 * told apart at a glance (a count under "Summary" reads as a count, not a summary).
 */
const AGGREGATION_LABELS: Readonly<Record<AggregationName, string>> = {
  count: "count",
  count_distinct: "distinct",
  sum: "Σ",
  average: "avg",
  min: "min",
  max: "max",
  median: "median",
  p50: "p50",
  p85: "p85",
  p95: "p95",
  earliest: "earliest",
  latest: "latest",
};

/** Words for the tag, for the header's tooltip and screen readers ("Σ" alone says little aloud). */
const AGGREGATION_NAMES: Readonly<Record<AggregationName, string>> = {
  count: "count",
  count_distinct: "count of distinct values",
  sum: "sum",
  average: "average",
  min: "minimum",
  max: "maximum",
  median: "median",
  p50: "50th percentile",
  p85: "85th percentile",
  p95: "95th percentile",
  earliest: "earliest",
  latest: "latest",
};

/** The tag of a column's group and total cells: its aggregation, "rollup" for a formula's rollup, else null. */
export function aggregateLabel(column: ColumnDescriptor): string | null {
  if (column.hasRollup) return "rollup";
  return column.aggregation ? AGGREGATION_LABELS[column.aggregation] : null;
}

export function aggregateName(column: ColumnDescriptor): string | null {
  if (column.hasRollup) return "formula rollup";
  return column.aggregation ? AGGREGATION_NAMES[column.aggregation] : null;
}
