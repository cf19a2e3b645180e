/**
 * Drill-down slices of a pivot (engine/drilldown/slice.ts): for every cell, row total, column
 * total and the grand total of a pivot with a multi-valued field on each axis, the slice's issues
 * are exactly those an independent count from the raw issues puts there, and they come back as
 * the report's grouped table; plus "(none)" groups, show_empty: false and the slice's JQL.
 */

import { describe, expect, it } from "vitest";
import { requiredFields, sliceJql, sliceLevel, sliceResult, type Slice } from "../../src/engine/drilldown/slice";
import {
  computePivot,
  createReportEngine,
  getIssueKey,
  type GroupRule,
  type PivotGroupKey,
  type PivotView,
  type ReportResult,
} from "../../src/engine/index";
import type { JiraIssue } from "../../src/engine/jira";
import { definition, FIELDS, ISSUES, NOW, TIME_ZONE } from "./fixtures";

const NONE = "(none)";

const VIEW: PivotView = {
  kind: "pivot",
  id: "p",
  name: "Labels by platform",
  rows: [{ field: "labels" }],
  columns: [{ field: "customfield_10040" }],
  values: [{ field: "summary", aggregation: "count" }],
};

function run(): ReportResult {
  const engine = createReportEngine({
    // The plan loads the fields the report's views read.
    definition: definition({ columns: [{ field: "summary" }, { field: "labels" }], grouping_rules: [{ field: "status" }], views: [VIEW] }),
    fields: FIELDS,
    now: () => NOW,
    timeZone: TIME_ZONE,
  });
  engine.addIssues(ISSUES);
  return engine.compute();
}

/** Every issue key of a result's rows, once. */
const keysOf = (result: ReportResult): string[] => [...new Set(Array.from(result.rows, (row) => getIssueKey(result, row)!))].sort();

/** Labels and platform names of an issue, straight from the Jira JSON ("(none)" when it has none). */
function valuesOf(issue: JiraIssue, field: "labels" | "customfield_10040"): string[] {
  const raw = (issue.fields?.[field] ?? []) as (string | { value: string })[];
  const names = raw.map((v) => (typeof v === "string" ? v : v.value));
  return names.length === 0 ? [NONE] : names;
}

function expectedKeys(label: string | null, platform: string | null): string[] {
  return ISSUES.filter(
    (issue) =>
      (label === null || valuesOf(issue, "labels").includes(label)) &&
      (platform === null || valuesOf(issue, "customfield_10040").includes(platform)),
  )
    .map((issue) => issue.key)
    .sort();
}

const level = (rule: GroupRule, group: PivotGroupKey) => sliceLevel(rule, group, group.label);
const slice = (levels: Slice["levels"], required: string[] = []): Slice => ({ levels, required });

describe("pivot slices", () => {
  const result = run();
  const pivot = computePivot(result, VIEW);

  it("has a multi-valued field on each axis, so totals are not sums of cells", () => {
    expect(pivot.rows.length).toBeGreaterThan(2);
    expect(pivot.columns.length).toBeGreaterThan(1);
    const sumOfRows = pivot.rows.reduce((sum, row) => sum + row.total[0]!.value!, 0);
    expect(sumOfRows).toBeGreaterThan(pivot.grandTotal[0]!.value!);
  });

  it("finds each cell's issues as the independent count does, once each", () => {
    for (const row of pivot.rows) {
      for (const column of pivot.columns) {
        const sliced = sliceResult(result, slice([level(VIEW.rows[0]!, row), level(VIEW.columns[0]!, column.path[0]!)]))!;
        const expected = expectedKeys(row.label, column.path[0]!.label);
        expect({ cell: `${row.label} × ${column.path[0]!.label}`, keys: keysOf(sliced) }).toEqual({
          cell: `${row.label} × ${column.path[0]!.label}`,
          keys: expected,
        });
        expect(sliced.root.issueCount).toBe(expected.length);
      }
    }
  });

  it("finds the row totals, the column totals and the grand total", () => {
    for (const row of pivot.rows) {
      const sliced = sliceResult(result, slice([level(VIEW.rows[0]!, row)]))!;
      expect(keysOf(sliced)).toEqual(expectedKeys(row.label, null));
      expect(sliced.root.issueCount).toBe(row.issueCount);
    }
    for (const column of pivot.columns) {
      const sliced = sliceResult(result, slice([level(VIEW.columns[0]!, column.path[0]!)]))!;
      expect(keysOf(sliced)).toEqual(expectedKeys(null, column.path[0]!.label));
      expect(sliced.root.issueCount).toBe(column.issueCount);
    }
    const all = sliceResult(result, slice([]))!;
    expect(all.root.issueCount).toBe(pivot.issueCount);
  });

  it("shows the slice as the report's grouped table, named after the slice", () => {
    const row = pivot.rows.find((r) => r.label === "frontend")!;
    const sliced = sliceResult(result, slice([level(VIEW.rows[0]!, row)]))!;
    expect(sliced.groupDepth).toBe(1);
    expect(sliced.root.label).toBe("frontend");
    expect(sliced.root.id).not.toBe(result.root.id);
    // Each status group holds only issues labelled "frontend".
    const statusKeys = (sliced.root.children ?? []).flatMap((group) =>
      Array.from(sliced.rows.subarray(group.rowStart, group.rowEnd), (r) => getIssueKey(sliced, r)!),
    );
    expect([...new Set(statusKeys)].sort()).toEqual(expectedKeys("frontend", null));
  });

  it("leaves out issues without a value in a field whose rule hides empty groups", () => {
    const view: PivotView = { ...VIEW, columns: [{ field: "customfield_10040", show_empty: false }] };
    const hiding = computePivot(result, view);
    const row = hiding.rows[0]!;
    const sliced = sliceResult(result, slice([level(view.rows[0]!, row)], requiredFields([...view.rows, ...view.columns])))!;
    expect(sliced.root.issueCount).toBe(row.issueCount);
    expect(keysOf(sliced).every((key) => !valuesOf(ISSUES.find((i) => i.key === key)!, "customfield_10040").includes(NONE))).toBe(true);
  });

  it("says the slice in JQL: the report's JQL and one clause per level", () => {
    const row = pivot.rows.find((r) => r.label === "frontend")!;
    const none = pivot.rows.find((r) => r.isEmptyGroup)!;
    expect(sliceJql("project = EX ORDER BY key", result, slice([level(VIEW.rows[0]!, row)]))).toBe(
      '(project = EX) AND labels = "frontend" ORDER BY key',
    );
    expect(sliceJql("project = EX", result, slice([level(VIEW.rows[0]!, none)]))).toBe("(project = EX) AND labels is EMPTY");
    expect(sliceJql("project = EX", result, slice([level(VIEW.rows[0]!, row)], ["customfield_10040"]))).toBe(
      '(project = EX) AND labels = "frontend" AND cf[10040] is not EMPTY',
    );
    // Text values have no exact JQL: no link rather than a wrong one.
    const summary: GroupRule = { field: "summary" };
    expect(
      sliceJql("project = EX", result, slice([sliceLevel(summary, { key: "Login page", isEmptyGroup: false }, "Login page")])),
    ).toBeNull();
  });
});
