/**
 * Conditional formatting of a pivot's cells (report model v2: a view's `conditional_formats`,
 * one per value index, totals included). The thresholds and tones are the table's
 * (`../conditionalFormat.ts`, `styles/conditional-formats.css`); a cell that shows a share
 * compares the share as a fraction (0.25 is 25%), as the model says.
 */

import type { PivotCell, PivotResult, PivotView, ReportResult } from "../../../engine/index";
import { formatValue, resolveFormat } from "../../../engine/formats/formatFns";
import type { AggregationName, Format } from "../../../engine/model";
import { type CellToneMark, reachedThreshold, type TableFormats } from "../conditionalFormat";

// The aggregations computePivot shows as shares when the view asks for them (they add up to a total).
const SHARE_AGGREGATIONS: ReadonlySet<AggregationName> = new Set(["count", "count_distinct", "sum"]);
const SHARE_FORMAT: Format = { type: "percent", decimals: 1 };

/** Whether a value's cells show shares of a total rather than the value. */
export function showsShare(percentOf: string, aggregation: AggregationName): boolean {
  return percentOf !== "none" && SHARE_AGGREGATIONS.has(aggregation);
}

// The table's formats are keyed by column field; a pivot's by value index.
const valueKey = (index: number): string => `value:${index}`;

export type PivotToneOf = (valueIndex: number, cell: PivotCell) => CellToneMark | null;

const NO_TONE: PivotToneOf = () => null;

/** A function giving a cell's tone and the words for it, or null for none. */
export function pivotTones(result: ReportResult, view: PivotView, pivot: PivotResult): PivotToneOf {
  const formats: TableFormats = (view.conditional_formats ?? []).map((format) => ({
    field: valueKey(format.value),
    thresholds: format.thresholds,
  }));
  if (formats.length === 0) return NO_TONE;
  const context = result.data.formatContext;
  const describers = pivot.values.map((value) => {
    if (showsShare(pivot.percentOf, value.aggregation)) return (at: number) => formatValue(at, "number", SHARE_FORMAT, context).display;
    const counting = value.aggregation === "count" || value.aggregation === "count_distinct";
    const own = result.columns.find((column) => column.field === value.field)?.format;
    const format = counting ? { type: "number" as const } : resolveFormat(value.type, own).format;
    return (at: number) => formatValue(at, value.type, format, context).display;
  });
  return (valueIndex, cell) => {
    const value = pivot.values[valueIndex];
    if (value === undefined) return null;
    const compared = showsShare(pivot.percentOf, value.aggregation) ? cell.share : cell.value;
    const threshold = reachedThreshold(formats, valueKey(valueIndex), compared);
    if (threshold === null) return null;
    return { color: threshold.color, description: `at least ${describers[valueIndex]!(threshold.at_least)}` };
  };
}
