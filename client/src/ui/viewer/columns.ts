/** Column widths of the report table: the column's own width, else a default by type. */

import type { ColumnDescriptor, ReportResult } from "../../engine/index";

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

export function columnWidth(column: ColumnDescriptor): number {
  return column.width ?? DEFAULT_WIDTH[column.type] ?? 160;
}

/** The leading tree column holds group toggles and labels, or the issue key; deeper trees need room. */
export function treeColumnWidth(result: ReportResult): number {
  return Math.min(480, 200 + result.groupDepth * 40);
}

/** One grid template shared by the header and every row so cells line up without a <table>. */
export function gridTemplate(result: ReportResult): string {
  return [treeColumnWidth(result), ...result.columns.map(columnWidth)].map((w) => `${w}px`).join(" ");
}

export function totalWidth(result: ReportResult): number {
  return result.columns.reduce((sum, c) => sum + columnWidth(c), treeColumnWidth(result));
}
