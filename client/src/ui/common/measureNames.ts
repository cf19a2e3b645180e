/**
 * Names of aggregations and measures as the UI writes them, in the editor's choices and on the
 * viewer's pivots and charts alike ("Sum of Story Points"), so both say the same thing.
 */

import type { AggregationName, ReportResult } from "../../engine/index";

export const AGGREGATION_LABELS: Readonly<Record<AggregationName, string>> = {
  count: "Count",
  count_distinct: "Count distinct",
  sum: "Sum",
  average: "Average",
  min: "Minimum",
  max: "Maximum",
  median: "Median",
  // Nearest rank (docs/engine.md#history-fields): "85% of issues took at most this".
  p50: "50th percentile",
  p85: "85th percentile",
  p95: "95th percentile",
  earliest: "Earliest",
  latest: "Latest",
};

/** "Sum of Story Points". */
export function measureLabel(aggregation: AggregationName, fieldName: string): string {
  return `${AGGREGATION_LABELS[aggregation]} of ${fieldName}`;
}

/** A field's name in a result: its column's label in the report, else Jira's (or the formula's) name. */
export function resultFieldName(result: ReportResult, field: string): string {
  return result.columns.find((column) => column.field === field)?.label ?? result.data.table.spec(field)?.name ?? field;
}
