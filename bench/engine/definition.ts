/**
 * The benchmark reports: 6 aggregations, a formula, a filter and a 2-key sort, grouped two ways —
 * by single-valued fields (status > assignee > created month) and by multi-valued ones
 * (labels > components > status), where an issue belongs to the group of each of its values.
 */

import type { ReportDefinition } from "../../client/src/engine/model";

const COMMON: Omit<ReportDefinition, "grouping_rules"> = {
  name: "Benchmark",
  jql: "project in (EX, OPS)",
  columns: [
    { field: "issuekey" },
    { field: "summary", aggregation: "count" },
    { field: "timespent", aggregation: "sum", format: { type: "duration", duration_style: "jira" } },
    { field: "timeoriginalestimate", aggregation: "average", format: { type: "duration" } },
    { field: "customfield_10016", aggregation: "median" },
    { field: "created", aggregation: "earliest", format: { type: "datetime" } },
    { field: "formula_progress", aggregation: "average", format: { type: "percent" } },
  ],
  sorting_rules: [
    { field: "priority", direction: "desc" },
    { field: "created", direction: "asc" },
  ],
  filtering_rules: [{ field: "priority", operator: "none_of", operands: ["Lowest"] }],
  formula_fields: [
    {
      key: "formula_progress",
      name: "Progress",
      expression: "timespent / timeoriginalestimate",
      result_type: "number",
    },
  ],
};

export type Grouping = "single" | "multi";

export const BENCH_DEFINITIONS: Record<Grouping, ReportDefinition> = {
  single: {
    ...COMMON,
    grouping_rules: [{ field: "status" }, { field: "assignee" }, { field: "created", bucket: { kind: "date", unit: "month" } }],
  },
  multi: {
    ...COMMON,
    grouping_rules: [{ field: "labels" }, { field: "components" }, { field: "status" }],
  },
};

export const GROUPING_NAMES: Record<Grouping, string> = {
  single: "status > assignee > created month",
  multi: "labels > components > status",
};
