/**
 * The field keys a report's views read beyond its columns and rules: a pivot's row, column and
 * value fields, a chart's measures. The plan adds them to the fields it loads, so a view shows
 * data for a field that is not also a column.
 */

import type { PivotView, View } from "../model.gen";

export function pivotFields(view: PivotView): string[] {
  const keys = [...view.rows, ...view.columns].map((rule) => rule.field).concat(view.values.map((value) => value.field));
  return [...new Set(keys)];
}

/** Every field key `view` reads; a table view reads only the report's columns. */
export function viewFields(view: View): string[] {
  if (view.kind === "pivot") return pivotFields(view);
  if (view.kind === "chart") return [...new Set(view.measures.map((measure) => measure.field))];
  return [];
}
