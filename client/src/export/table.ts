/**
 * The computed report as a typed grid for CSV and XLSX: one header row, then the display rows
 * (groups with their aggregates, issues, grand total) with their outline level. Grouped reports
 * lead with two columns that keep the grouping readable in a flat file (the group label,
 * indented by level, and its issue count); then the issue key (unless the report has a key column
 * of its own), then the report's columns.
 *
 * Two modes: `shown` writes each cell's text and group name as the viewer shows it, `raw` writes
 * plain values (numbers, durations in seconds, ISO dates, ISO names of date groups such as
 * "2026-03" or "2026-W10") for further calculation. Headers name the unit a
 * column's values are in when the cell text alone would not say it.
 */

import {
  getCellValue,
  getIssueKey,
  type AggregateCell,
  type CellValue,
  type ColumnDescriptor,
  type DisplayRow,
  type FieldType,
  type Format,
  type GroupNode,
  type ReportResult,
} from "../engine/index";
import { formatValue, type FormatContext } from "../engine/formats/formatFns";
import { groupLabel } from "../ui/common/bucketLabels";

export type ExportMode = "shown" | "raw";
export const EXPORT_MODES: readonly ExportMode[] = ["shown", "raw"];

export type ExportValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number; readonly percent: boolean }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** `iso` is `YYYY-MM-DD` or a local date-time with offset. */
  | { readonly kind: "date"; readonly iso: string; readonly withTime: boolean }
  | null;

export interface ExportRow {
  readonly kind: DisplayRow["kind"];
  /** Spreadsheet outline level: groups at depth d → d − 1, issues below the deepest group. */
  readonly outlineLevel: number;
  readonly cells: readonly ExportValue[];
}

export interface ExportTable {
  readonly header: readonly string[];
  readonly rows: readonly ExportRow[];
  /** Column widths in pixels where the report sets them. */
  readonly widths: readonly (number | null)[];
  /** Rows (header included) and columns a spreadsheet keeps in view; default: the header row. */
  readonly frozen?: { readonly rows: number; readonly columns: number };
}

export const GROUP_COLUMN = "Group";
export const COUNT_COLUMN = "Issues";
export const KEY_COLUMN = "Key";
export const TOTAL_LABEL = "Total";
const LEVEL_INDENT = "› ";
// Fields that already hold the issue key: a report showing one gets no second key column.
const KEY_FIELDS = new Set(["issuekey", "key"]);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Date parts of an engine raw date value; null when it is not one. */
export function parseIsoDate(
  iso: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h ?? 0), minute: Number(mi ?? 0), second: Number(s ?? 0) };
}

/**
 * The unit a column's exported values are in, for its header; null when the values say it
 * themselves (`25.6%`, `1w 2d`) or have none.
 */
export function columnUnit(type: FieldType, format: Format, mode: ExportMode): string | null {
  if (type !== "duration") return null;
  if (mode === "raw") return "seconds";
  if (format.type === "number") return "hours";
  if (format.type !== "duration") return null;
  const style = format.duration_style ?? "hours";
  return style === "jira" ? null : style;
}

export function columnHeader(column: ColumnDescriptor, mode: ExportMode): string {
  const unit = columnUnit(column.type, column.format, mode);
  return unit ? `${column.label} (${unit})` : column.label;
}

const text = (value: string): ExportValue => (value === "" ? null : { kind: "text", text: value });

/** A plain value (seconds for durations, epoch ms for dates) as its raw export value. */
export function rawValueOf(value: CellValue, type: FieldType, format: Format, context: FormatContext): ExportValue {
  if (value === null) return null;
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    if (type === "date" || type === "datetime") {
      // The ISO form in the report's time zone, whatever style the column shows.
      const iso = formatValue(value, type, { type, date_style: "iso" }, context).raw;
      return typeof iso === "string" ? { kind: "date", iso, withTime: type === "datetime" } : null;
    }
    return { kind: "number", value, percent: type === "number" && format.type === "percent" };
  }
  return text(Array.isArray(value) ? value.join(", ") : (value as string));
}

interface ExportColumns {
  readonly result: ReportResult;
  readonly mode: ExportMode;
  readonly context: FormatContext;
}

function issueCell({ result, mode, context }: ExportColumns, row: number, index: number): ExportValue {
  const column = result.columns[index]!;
  const value = getCellValue(result, row, index);
  if (mode === "raw") return rawValueOf(value, column.type, column.format, context);
  return text(formatValue(value, column.type, column.format, context).display);
}

function aggregateCell({ result, mode, context }: ExportColumns, cell: AggregateCell | null | undefined, index: number): ExportValue {
  if (!cell) return null;
  if (mode === "shown") return text(cell.display);
  return rawValueOf(cell.value, cell.type, result.columns[index]!.format, context);
}

/** Shown: the name on screen (date buckets in the user's locale); raw: the engine's name (ISO for date buckets). */
function groupName(result: ReportResult, group: GroupNode, mode: ExportMode): string {
  return mode === "shown" ? groupLabel(result, group) : group.label;
}

export function exportTable(result: ReportResult, rows: readonly DisplayRow[], mode: ExportMode): ExportTable {
  const columns = result.columns;
  const grouped = result.groupDepth > 0;
  const withKey = !columns.some((c) => KEY_FIELDS.has(c.field));
  const lead = [...(grouped ? [GROUP_COLUMN, COUNT_COLUMN] : []), ...(withKey ? [KEY_COLUMN] : [])];
  const header = [...lead, ...columns.map((c) => columnHeader(c, mode))];
  const shape: ExportColumns = { result, mode, context: result.data.formatContext };
  const out: ExportRow[] = [];
  for (const row of rows) {
    const cells: ExportValue[] = [];
    if (row.kind === "issue") {
      if (grouped) cells.push(null, null);
      if (withKey) cells.push(text(getIssueKey(result, row.row) ?? ""));
      for (let i = 0; i < columns.length; i++) cells.push(issueCell(shape, row.row, i));
    } else {
      const group = row.group;
      const label = row.kind === "total" ? TOTAL_LABEL : LEVEL_INDENT.repeat(Math.max(0, group.depth - 1)) + groupName(result, group, mode);
      const aggregates = columns.map((_, i) => aggregateCell(shape, group.aggregates[i], i));
      if (grouped) {
        cells.push({ kind: "text", text: label }, { kind: "number", value: group.issueCount, percent: false });
        if (withKey) cells.push(null);
      } else if (withKey) {
        // Ungrouped, the total has no Group column: its label goes where the keys are.
        cells.push({ kind: "text", text: label });
      } else if (aggregates[0] === null && columns.length > 0) {
        // …or, with the report's own key column, in the first column when it has no total.
        aggregates[0] = { kind: "text", text: label };
      }
      cells.push(...aggregates);
    }
    out.push({ kind: row.kind, outlineLevel: row.outlineLevel, cells });
  }
  return { header, rows: out, widths: [...lead.map(() => null), ...columns.map((c) => c.width)] };
}
