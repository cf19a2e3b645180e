/**
 * Drill-down from a pivot: the slice of issues behind a cell, a row total, a column total or the
 * grand total, named for the breadcrumb ("Ada › Bug") with the groups' names as the pivot shows
 * them. The viewer keeps the slice as view state and shows its issues as the report's table.
 */

import { requiredFields, sliceLevel, type Slice } from "../../../engine/drilldown/slice";
import type { PivotGroupKey, PivotRow, PivotView, ReportResult } from "../../../engine/index";
import { pivotGroupLabel } from "./pivotLabels";

export interface PivotDrill {
  readonly slice: Slice;
  /** The pivot view drilled from: the breadcrumb's root leads back to it. */
  readonly viewId: string;
  readonly viewName: string;
  /** The cell drilled from (`cellId`), to focus again on the way back. */
  readonly cellId: string;
}

/** A stable name of a cell within its pivot: row path id (or "total"), then column and value. */
export function cellId(rowId: string | null, column: number | "total", value: number): string {
  return JSON.stringify([rowId ?? "total", column, value]);
}

/**
 * The drill-down of the cell at `rowPath` (outermost first; empty for the column totals' row) ×
 * `columnPath` (empty for the row totals' column).
 */
export function pivotDrill(
  result: ReportResult,
  view: PivotView,
  rowPath: readonly PivotRow[],
  columnPath: readonly PivotGroupKey[],
  id: string,
): PivotDrill {
  const levels = [
    ...rowPath.map((row, i) => sliceLevel(view.rows[i]!, row, pivotGroupLabel(result, view.rows[i], row))),
    ...columnPath.map((group, i) => sliceLevel(view.columns[i]!, group, pivotGroupLabel(result, view.columns[i], group))),
  ];
  return {
    slice: { levels, required: requiredFields([...view.rows, ...view.columns]) },
    viewId: view.id,
    viewName: view.name,
    cellId: id,
  };
}
