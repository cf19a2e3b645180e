/**
 * Compile-time contract: types in the style json-schema-to-typescript generates from the server's
 * Pydantic schemas (optional defaults as `?: T | null`, enums as unions, no index signatures) must
 * be assignable to the engine's model. `npx tsc --noEmit` fails if they drift apart.
 */

import { describe, expect, it } from "vitest";
import type { ReportDefinition, ReportPublic } from "../../src/engine/model";

type GeneratedFormat = {
  type: "text" | "number" | "percent" | "duration" | "date" | "datetime" | "user" | "option";
  decimals?: number | null;
  thousands_separator?: boolean;
  duration_style?: "hours" | "days" | "jira";
  date_style?: "iso" | "short" | "medium" | "long";
};
type GeneratedAggregation = "count" | "count_distinct" | "sum" | "average" | "min" | "max" | "median" | "earliest" | "latest";
interface GeneratedReportCreate {
  name: string;
  description?: string;
  jql: string;
  columns?: { field: string; label?: string | null; format?: GeneratedFormat | null; aggregation?: GeneratedAggregation | null; width?: number | null }[];
  sorting_rules?: { field: string; direction?: "asc" | "desc"; empties?: "first" | "last" }[];
  grouping_rules?: {
    field: string;
    bucket?: { kind: "date"; unit: "day" | "week" | "month" | "quarter" | "year" } | { kind: "number"; size: number } | null;
    order?: { by: "key" | "aggregate"; direction?: "asc" | "desc"; field?: string | null; aggregation?: GeneratedAggregation | null } | null;
    show_empty?: boolean;
  }[];
  filtering_rules?: { field: string; operator: "equals" | "in_last" | "any_of" | "is_empty"; operands?: (string | number | boolean)[]; case_sensitive?: boolean; or_group?: boolean }[];
  formula_fields?: { key: string; name: string; expression: string; result_type: "number" | "text" | "date" | "boolean" | "duration"; format?: GeneratedFormat | null; rollup?: string | null }[];
  people?: { access?: "private" | "limited" | "open"; administrators?: string[]; viewer_users?: string[]; viewer_groups?: string[] };
}
interface GeneratedReportPublic extends GeneratedReportCreate {
  id: string;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at?: string | null;
}

describe("report model types", () => {
  it("generated server types are assignable to the engine's model", () => {
    const generated: GeneratedReportPublic = {
      id: "5f0c…",
      version: 3,
      created_at: "2026-01-01T00:00:00Z",
      created_by: "557058:abc",
      updated_at: "2026-01-02T00:00:00Z",
      updated_by: "557058:abc",
      name: "Sprint report",
      jql: "project = EX",
      columns: [{ field: "timespent", aggregation: "sum", format: { type: "duration", duration_style: "jira" } }],
      grouping_rules: [{ field: "created", bucket: { kind: "date", unit: "month" }, order: { by: "aggregate", field: "timespent", aggregation: "sum" } }],
      filtering_rules: [{ field: "created", operator: "in_last", operands: [14, "days"] }],
      formula_fields: [{ key: "formula_ratio", name: "Ratio", expression: "timespent / timeoriginalestimate", result_type: "number" }],
    };
    const asPublic: ReportPublic = generated;
    const asDefinition: ReportDefinition = generated;
    expect(asPublic.version).toBe(3);
    expect(asDefinition.columns).toHaveLength(1);
  });
});
