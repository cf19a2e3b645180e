/**
 * A pivot view as an export grid for the CSV and XLSX writers (`csvOfTable`, `xlsxOfTable`: the
 * same quoting, formula neutralising and workbook as the table's exports).
 *
 * Layout: one column per row level (each row repeats its outer groups' names, so a flat file can
 * be filtered by any level), then one column per leaf column × value, then the row totals (one
 * per value). Header rows: one per column level (both levels of a two-level pivot), then the
 * value names, the last header row naming the row fields. Outer row groups are subtotal rows
 * (bold, outlined above their nested rows); the column totals row and the grand total close it.
 *
 * `shown` writes each cell's text and group name as the pivot shows them (shares as "25.0%");
 * `raw` writes plain values (numbers, seconds, ISO dates, shares as fractions) and the engine's
 * group names (ISO for date buckets).
 */

import { computePivot, type PivotCell, type PivotResult, type PivotRow, type PivotView, type ReportResult } from "../engine/index";
import { resolveFormat } from "../engine/formats/formatFns";
import { resultFieldName } from "../ui/common/measureNames";
import { pivotGroupLabel, shareName, valueName } from "../ui/viewer/pivot/pivotLabels";
import { showsShare } from "../ui/viewer/pivot/pivotTones";
import { csvOfTable } from "./csv";
import { columnUnit, type ExportMode, type ExportRow, type ExportTable, type ExportValue, rawValueOf, TOTAL_LABEL } from "./table";
import { xlsxOfTable } from "./xlsx";

const text = (value: string): ExportValue => (value === "" ? null : { kind: "text", text: value });

export function pivotExportTable(
  result: ReportResult,
  view: PivotView,
  mode: ExportMode,
  pivot: PivotResult = computePivot(result, view),
): ExportTable {
  const context = result.data.formatContext;
  const labelColumns = Math.max(pivot.rowFields.length, 1);
  const totalColumn = pivot.rowTotals || pivot.columnTotals;
  const valueFormats = pivot.values.map((value) => {
    const own = result.columns.find((column) => column.field === value.field)?.format;
    const counting = value.aggregation === "count" || value.aggregation === "count_distinct";
    return counting ? { type: "number" as const } : resolveFormat(value.type, own).format;
  });
  const sharing = pivot.values.map((value) => showsShare(pivot.percentOf, value.aggregation));

  const valueHeader = (v: number): string => {
    const value = pivot.values[v]!;
    const name = valueName(result, value);
    if (sharing[v])
      return `${name} (${mode === "raw" ? shareName(pivot.percentOf)!.replace("%", "fraction") : shareName(pivot.percentOf)})`;
    const unit = columnUnit(value.type, valueFormats[v]!, mode);
    return unit ? `${name} (${unit})` : name;
  };
  const cellOf = (cell: PivotCell, v: number): ExportValue => {
    if (mode === "shown") return text(cell.display);
    if (sharing[v]) return cell.share === null ? null : { kind: "number", value: cell.share, percent: true };
    return rawValueOf(cell.value, pivot.values[v]!.type, valueFormats[v]!, context);
  };
  const groupName = (axis: "rows" | "columns", level: number, group: Parameters<typeof pivotGroupLabel>[2]): string =>
    pivotGroupLabel(result, view[axis][level], group, mode);

  // Header rows: the column levels (or one naming all issues), then the value names.
  const levels = Math.max(pivot.headers.length, 1);
  const headerRows: string[][] = [];
  for (let k = 0; k <= levels; k++) {
    const valueRow = k === levels;
    const labels = Array.from({ length: labelColumns }, (_, i) =>
      valueRow ? (pivot.rowFields[i] ? resultFieldName(result, pivot.rowFields[i]!) : "") : "",
    );
    const data = pivot.columns.flatMap((column) =>
      pivot.values.map((_, v) => {
        if (valueRow) return valueHeader(v);
        const group = column.path[k];
        return group ? groupName("columns", k, group) : "All issues";
      }),
    );
    const totals = totalColumn ? pivot.values.map((_, v) => (valueRow ? valueHeader(v) : k === 0 ? TOTAL_LABEL : "")) : [];
    headerRows.push([...labels, ...data, ...totals]);
  }

  const out: ExportRow[] = headerRows.slice(1).map((cells) => ({ kind: "group", outlineLevel: 0, cells: cells.map(text) }));
  const visit = (row: PivotRow, names: readonly string[]): void => {
    const path = [...names, groupName("rows", row.depth - 1, row)];
    const labels = Array.from({ length: labelColumns }, (_, i) =>
      path[i] === undefined ? null : ({ kind: "text", text: path[i]! } as const),
    );
    const cells = row.cells.flatMap((values) => values.map(cellOf));
    const totals = pivot.rowTotals ? row.total.map(cellOf) : totalColumn ? pivot.values.map(() => null) : [];
    out.push({ kind: row.children ? "group" : "issue", outlineLevel: row.depth - 1, cells: [...labels, ...cells, ...totals] });
    for (const child of row.children ?? []) visit(child, path);
  };
  for (const row of pivot.rows) visit(row, []);
  if (pivot.columnTotals) {
    const labels: ExportValue[] = Array.from({ length: labelColumns }, (_, i) => (i === 0 ? { kind: "text", text: TOTAL_LABEL } : null));
    const cells = pivot.columns.flatMap((column) => column.total.map(cellOf));
    out.push({ kind: "total", outlineLevel: 0, cells: [...labels, ...cells, ...pivot.grandTotal.map(cellOf)] });
  }
  // Spreadsheets keep the header rows and the row labels in view, as the pivot on screen does.
  const frozen = { rows: headerRows.length, columns: labelColumns };
  return { header: headerRows[0]!, rows: out, widths: headerRows[0]!.map(() => null), frozen };
}

export function toPivotCsv(result: ReportResult, view: PivotView, mode: ExportMode): string {
  return csvOfTable(pivotExportTable(result, view, mode));
}

export function toPivotXlsx(result: ReportResult, view: PivotView, mode: ExportMode): Uint8Array {
  return xlsxOfTable(pivotExportTable(result, view, mode));
}
