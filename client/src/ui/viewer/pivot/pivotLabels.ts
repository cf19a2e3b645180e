/**
 * Names in a pivot as the user reads them: a group's name (date buckets in the user's locale, as
 * the table names them), a value's name ("Sum of Story Points") and an axis field's name. The
 * panel and the pivot exports both use these, so a file says what the screen says.
 */

import type { GroupRule, PivotGroupKey, PivotValueDescriptor, ReportResult } from "../../../engine/index";
import { formatDateBucket } from "../../common/bucketLabels";
import { measureLabel, resultFieldName } from "../../common/measureNames";

const EMPTY_GROUP_LABEL = "(none)";

/**
 * A row or column group's name. `shown`: as on screen (a date bucket in the user's locale);
 * `raw`: the engine's name (ISO for date buckets), as the raw exports write group names.
 */
export function pivotGroupLabel(
  result: ReportResult,
  rule: GroupRule | undefined,
  group: PivotGroupKey,
  mode: "shown" | "raw" = "shown",
): string {
  if (group.isEmptyGroup) return EMPTY_GROUP_LABEL;
  if (mode === "raw" || typeof group.key !== "string") return group.label;
  const type = result.data.table.spec(group.field)?.type;
  if (type !== "date" && type !== "datetime") return group.label;
  // Dates group by day unless the rule asks for a coarser bucket (engine/grouping/groupKeys.ts).
  const unit = rule?.bucket?.kind === "date" ? rule.bucket.unit : "day";
  return formatDateBucket(unit, group.key, result.data.formatContext.locale) ?? group.label;
}

/** "Sum of Story Points". */
export function valueName(result: ReportResult, value: PivotValueDescriptor): string {
  return measureLabel(value.aggregation, resultFieldName(result, value.field));
}

/** What a pivot shows as a share, for headers and captions; null when it shows values. */
export function shareName(percentOf: string): string | null {
  switch (percentOf) {
    case "row":
      return "% of row total";
    case "column":
      return "% of column total";
    case "total":
      return "% of grand total";
    default:
      return null;
  }
}
