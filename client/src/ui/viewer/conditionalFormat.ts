/**
 * Conditional formatting of table cells (report model v2, docs/report-model.md "Views"): which
 * threshold a cell's value reaches, and the words that say so. Pure: the table rows read the
 * formats from context and ask here per cell.
 */

import type { ColumnDescriptor, FieldType, ReportResult } from "../../engine/index";
import { formatValue } from "../../engine/formats/formatFns";
import type { Format, TableConditionalFormat, Threshold, ThresholdColor, View } from "../../engine/model.gen";

export type TableFormats = readonly TableConditionalFormat[];

const NO_FORMATS: TableFormats = [];

/** The conditional formats of the report's first table view: the table the viewer shows. */
export function tableFormats(views: readonly View[] | null | undefined): TableFormats {
  const table = views?.find((view) => view.kind === "table");
  return table?.kind === "table" ? (table.conditional_formats ?? NO_FORMATS) : NO_FORMATS;
}

/**
 * The last threshold of the column's format that `value` reaches, or null: below the first,
 * empty, not a number, or a column without a format. Durations are seconds on both sides, and
 * aggregates (a sum, an average, a count) compare as the numbers they are.
 */
export function reachedThreshold(formats: TableFormats, columnField: string, value: unknown): Threshold | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return null;
  const format = formats.find((f) => f.field === columnField);
  let reached: Threshold | null = null;
  for (const threshold of format?.thresholds ?? []) {
    if (value >= threshold.at_least) reached = threshold;
  }
  return reached;
}

/** The colour a cell takes from the formats, or null for none. */
export function cellTone(formats: TableFormats, columnField: string, rawValue: unknown): ThresholdColor | null {
  return reachedThreshold(formats, columnField, rawValue)?.color ?? null;
}

export interface CellToneMark {
  readonly color: ThresholdColor;
  /** "at least 8", "at least 2.0h": the threshold met, in the column's format, so colour is not the only signal. */
  readonly description: string;
}

const PLAIN_NUMBER: Format = { type: "number" };

/**
 * A cell's tone and its description, for a value of type `valueType` in `column` (an issue cell
 * has the column's type; an aggregate may differ, e.g. a count of a duration column is a number).
 */
export function cellToneMark(
  formats: TableFormats,
  result: ReportResult,
  column: ColumnDescriptor,
  value: unknown,
  valueType: FieldType = column.type,
): CellToneMark | null {
  const threshold = reachedThreshold(formats, column.field, value);
  if (threshold === null) return null;
  const format = valueType === column.type ? column.format : PLAIN_NUMBER;
  const shown = formatValue(threshold.at_least, valueType, format, result.data.formatContext).display;
  return { color: threshold.color, description: `at least ${shown}` };
}
