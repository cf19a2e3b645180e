/** The benchmark report: 3 grouping levels, 6 aggregations, a formula, a filter and a 2-key sort. */

import type { ReportDefinition } from "../../client/src/engine/model";

export const BENCH_DEFINITION: ReportDefinition = {
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
  grouping_rules: [{ field: "status" }, { field: "assignee" }, { field: "created", bucket: { kind: "date", unit: "month" } }],
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
