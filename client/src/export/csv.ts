/**
 * CSV export of a computed report (RFC 4180: CRLF rows, quoted fields, doubled quotes), with a
 * UTF-8 BOM so spreadsheet apps detect the encoding. Text that a spreadsheet would run as a
 * formula is neutralised (OWASP CSV injection): Jira text is written by anyone on the site.
 */

import type { DisplayRow, ReportResult } from "../engine/index";
import { exportTable, type ExportMode, type ExportTable, type ExportValue } from "./table";

export const CSV_MIME = "text/csv;charset=utf-8";
const BOM = "\uFEFF";
// Leading characters that make Excel, LibreOffice or Sheets treat a cell as a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes text that would start a formula with `'`, the spreadsheet convention for literal text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fieldOf(value: ExportValue): string {
  if (value === null) return "";
  switch (value.kind) {
    case "number":
      return String(value.value);
    case "boolean":
      return value.value ? "TRUE" : "FALSE";
    case "date":
      return value.iso;
    case "text":
      return quoteCsvField(neutraliseFormula(value.text));
  }
}

export function toCsv(result: ReportResult, rows: readonly DisplayRow[], mode: ExportMode): string {
  return csvOfTable(exportTable(result, rows, mode));
}

/** The CSV text of an export grid (the table's, or a pivot's from `pivot.ts`). */
export function csvOfTable(table: ExportTable): string {
  const lines = [table.header.map((h) => quoteCsvField(neutraliseFormula(h))).join(",")];
  for (const row of table.rows) lines.push(row.cells.map(fieldOf).join(","));
  return `${BOM + lines.join("\r\n")}\r\n`;
}
