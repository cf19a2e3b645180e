/**
 * XLSX export of a computed report, built in the browser: the six parts of a minimal
 * SpreadsheetML workbook zipped with fflate. Numbers stay numbers, dates become serial numbers
 * with a date format, and the grouping becomes row outline levels (summary rows above their
 * details) so Excel's outline buttons expand and collapse it.
 */

import { strToU8, zipSync } from "fflate";
import type { DisplayRow, ReportResult } from "../engine/index";
import { exportTable, parseIsoDate, type ExportMode, type ExportTable, type ExportValue } from "./table";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SHEET_NAME = "Report";
// Excel's limit for one cell's text.
const MAX_CELL_TEXT = 32_767;
// Excel serial day 0 is 1899-12-30 (the 1900 leap-year bug included); 25569 = 1970-01-01.
const EXCEL_EPOCH_OFFSET_DAYS = 25_569;
const MS_PER_DAY = 86_400_000;

// Style indices in cellXfs: font (0 regular, 1 bold) × number format (general, date, date-time, percent).
const FORMATS = ["general", "date", "datetime", "percent"] as const;
type NumberFormat = (typeof FORMATS)[number];
const styleIndex = (bold: boolean, format: NumberFormat): number => (bold ? FORMATS.length : 0) + FORMATS.indexOf(format);

/**
 * Text safe for XML 1.0 content and attribute values: markup characters escaped, characters XML
 * cannot carry (controls, lone surrogates, U+FFFE/U+FFFF) replaced with U+FFFD.
 */
export function escapeXml(text: string): string {
  return text
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    )
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** A1-style column letters for a 0-based index. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel serial of the wall-clock date (and time) in the raw value; the offset is dropped. */
export function excelSerial(iso: string): number | null {
  const parts = parseIsoDate(iso);
  if (!parts) return null;
  const ms = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return ms / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
}

function textCell(ref: string, text: string, style: number): string {
  const clipped = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(clipped)}</t></is></c>`;
}

function cellXml(ref: string, value: ExportValue, bold: boolean): string {
  if (value === null) return bold ? `<c r="${ref}" s="${styleIndex(true, "general")}"/>` : "";
  switch (value.kind) {
    case "text":
      return textCell(ref, value.text, styleIndex(bold, "general"));
    case "number":
      return `<c r="${ref}" s="${styleIndex(bold, value.percent ? "percent" : "general")}"><v>${value.value}</v></c>`;
    case "boolean":
      return `<c r="${ref}" s="${styleIndex(bold, "general")}" t="b"><v>${value.value ? 1 : 0}</v></c>`;
    case "date": {
      const serial = excelSerial(value.iso);
      if (serial === null || serial < 1) return textCell(ref, value.iso, styleIndex(bold, "general"));
      return `<c r="${ref}" s="${styleIndex(bold, value.withTime ? "datetime" : "date")}"><v>${serial}</v></c>`;
    }
  }
}

/** The frozen pane: rows above and columns left of the first scrolling cell. */
function paneXml({ rows, columns }: { rows: number; columns: number }): string {
  if (columns === 0) return `<pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/>`;
  const topLeft = `${columnName(columns)}${rows + 1}`;
  return `<pane xSplit="${columns}" ySplit="${rows}" topLeftCell="${topLeft}" activePane="bottomRight" state="frozen"/>`;
}

function sheetXml(table: ExportTable): string {
  const lastColumn = columnName(Math.max(0, table.header.length - 1));
  const maxLevel = table.rows.reduce((max, row) => Math.max(max, row.outlineLevel), 0);
  const cols = table.widths
    .map(
      (px, i) => `<col min="${i + 1}" max="${i + 1}" width="${px ? Math.max(4, Math.round(px / 7)) : i === 0 ? 30 : 14}" customWidth="1"/>`,
    )
    .join("");
  const rows: string[] = [];
  rows.push(`<row r="1">${table.header.map((h, i) => textCell(`${columnName(i)}1`, h, styleIndex(true, "general"))).join("")}</row>`);
  table.rows.forEach((row, index) => {
    const r = index + 2;
    const bold = row.kind !== "issue";
    const level = Math.min(7, row.outlineLevel);
    const cells = row.cells.map((value, i) => cellXml(`${columnName(i)}${r}`, value, bold)).join("");
    rows.push(`<row r="${r}"${level > 0 ? ` outlineLevel="${level}"` : ""}>${cells}</row>`);
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetPr><outlinePr summaryBelow="0"/></sheetPr>' +
    `<dimension ref="A1:${lastColumn}${table.rows.length + 1}"/>` +
    `<sheetViews><sheetView workbookViewId="0">${paneXml(table.frozen ?? { rows: 1, columns: 0 })}</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"${maxLevel > 0 ? ` outlineLevelRow="${Math.min(7, maxLevel)}"` : ""}/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows.join("")}</sheetData>` +
    "</worksheet>"
  );
}

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  `<cellXfs count="${FORMATS.length * 2}">` +
  [0, 1]
    .map((font) =>
      [0, 164, 165, 10]
        .map(
          (fmt) =>
            `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}/>`,
        )
        .join(""),
    )
    .join("") +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

const CONTENT_TYPES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  "</Types>";

const ROOT_RELS_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";

const WORKBOOK_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  `<sheets><sheet name="${SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets>` +
  "</workbook>";

const WORKBOOK_RELS_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
  "</Relationships>";

/**
 * UTF-8 bytes that fflate recognises as a file: it tells files from folders with `instanceof
 * Uint8Array`, which fails for arrays from another realm (a TextEncoder from jsdom, an iframe).
 */
function utf8(text: string): Uint8Array {
  const bytes = strToU8(text);
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}

export function toXlsx(result: ReportResult, rows: readonly DisplayRow[], mode: ExportMode): Uint8Array {
  return xlsxOfTable(exportTable(result, rows, mode));
}

/** The workbook of an export grid (the table's, or a pivot's from `pivot.ts`). */
export function xlsxOfTable(table: ExportTable): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": utf8(CONTENT_TYPES_XML),
      "_rels/.rels": utf8(ROOT_RELS_XML),
      "xl/workbook.xml": utf8(WORKBOOK_XML),
      "xl/_rels/workbook.xml.rels": utf8(WORKBOOK_RELS_XML),
      "xl/worksheets/sheet1.xml": utf8(sheetXml(table)),
      "xl/styles.xml": utf8(STYLES_XML),
    },
    { level: 6 },
  );
}
