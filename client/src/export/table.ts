/**
 * The computed report as a typed grid for CSV and XLSX: one header row, then the display rows
 * (groups with their aggregates, issues, grand total) with their outline level. Two leading
 * columns keep the grouping readable in a flat file: the group label (indented by level) and
 * its issue count.
 */

import { formatCell, type DisplayRow, type FieldType, type Format, type ReportResult } from "../engine/index";

export type ExportValue =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "number"; readonly value: number; readonly percent: boolean }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** `iso` is the engine's raw export value: `YYYY-MM-DD` or a local date-time with offset. */
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
}

export const GROUP_COLUMN = "Group";
export const COUNT_COLUMN = "Issues";
export const TOTAL_LABEL = "Total";
const LEVEL_INDENT = "› ";

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

function exportValueOf(raw: string | number | boolean | null, display: string, type: FieldType, format: Format): ExportValue {
  if (typeof raw === "number") {
    // NaN/Infinity have no spreadsheet form; the display text says what they mean.
    return Number.isFinite(raw)
      ? { kind: "number", value: raw, percent: format.type === "percent" }
      : display
        ? { kind: "text", text: display }
        : null;
  }
  if (typeof raw === "boolean") return { kind: "boolean", value: raw };
  if (typeof raw === "string") {
    if ((type === "date" || type === "datetime") && (format.type === "date" || format.type === "datetime") && parseIsoDate(raw)) {
      return { kind: "date", iso: raw, withTime: raw.includes("T") };
    }
    return raw === "" ? null : { kind: "text", text: raw };
  }
  // No raw value: the formatted string is all there is.
  return display ? { kind: "text", text: display } : null;
}

export function exportTable(result: ReportResult, rows: readonly DisplayRow[]): ExportTable {
  const columns = result.columns;
  const header = [GROUP_COLUMN, COUNT_COLUMN, ...columns.map((c) => c.label)];
  const out: ExportRow[] = [];
  for (const row of rows) {
    const cells: ExportValue[] = [];
    if (row.kind === "issue") {
      cells.push(null, null);
      for (let i = 0; i < columns.length; i++) {
        const column = columns[i]!;
        const { display, raw } = formatCell(result, row.row, i);
        cells.push(exportValueOf(raw, display, column.type, column.format));
      }
    } else {
      const group = row.group;
      const label = row.kind === "total" ? TOTAL_LABEL : LEVEL_INDENT.repeat(Math.max(0, group.depth - 1)) + group.label;
      cells.push({ kind: "text", text: label }, { kind: "number", value: group.issueCount, percent: false });
      const aggregates = group.aggregates;
      for (let i = 0; i < columns.length; i++) {
        const cell = aggregates[i];
        cells.push(cell ? exportValueOf(cell.raw, cell.display, cell.type, columns[i]!.format) : null);
      }
    }
    out.push({ kind: row.kind, outlineLevel: row.outlineLevel, cells });
  }
  return { header, rows: out, widths: [null, null, ...columns.map((c) => c.width)] };
}
