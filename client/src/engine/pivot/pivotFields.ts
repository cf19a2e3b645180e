/**
 * The field keys a pivot view reads. The engine loads only what a report's plan asks for, so a
 * loader that shows pivots must request these too (until the plan reads views itself).
 */

import type { PivotView } from "../model.gen";

export function pivotFields(view: PivotView): string[] {
  const keys = [...view.rows, ...view.columns].map((rule) => rule.field).concat(view.values.map((value) => value.field));
  return [...new Set(keys)];
}
