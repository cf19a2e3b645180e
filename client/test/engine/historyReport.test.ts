/**
 * History fields as ordinary numeric columns (aggregations, grouping with number and date
 * buckets, duration and datetime filters, sorts), and the p50, p85 and p95 aggregations: nearest
 * rank (docs/engine.md#history-fields, "Percentiles"), empties ignored.
 */

import { describe, expect, it } from "vitest";
import { aggregationFns, type SetAggregationFn } from "../../src/engine/aggregation/aggregationFns";
import type { NumericColumn } from "../../src/engine/columns/types";
import type { AggregationName } from "../../src/engine/model";
import { DONE, H, historyIssue, IP, runHistory, TODO } from "./historyFixtures";

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

function percentile(values: readonly (number | null)[], name: AggregationName): number | null {
  const column: NumericColumn = { kind: "numeric", type: "duration", values: Float64Array.from(values, (v) => v ?? NaN) };
  const fn = aggregationFns.get(name) as SetAggregationFn;
  return fn.compute(
    column,
    Int32Array.from(values, (_, i) => i),
    0,
    values.length,
  );
}

describe("nearest-rank percentiles", () => {
  it.each<[string, (number | null)[], AggregationName, number | null]>([
    ["no values", [], "p85", null],
    ["only empty", [null, null], "p50", null],
    ["one value p50", [7], "p50", 7],
    ["one value p95", [7], "p95", 7],
    ["1..10 p50", range(1, 10), "p50", 5],
    ["1..10 p85", range(1, 10), "p85", 9],
    ["1..10 p95", range(1, 10), "p95", 10],
    ["unsorted p50", [3, 1, 2], "p50", 2],
    ["unsorted p85", [3, 1, 2], "p85", 3],
    ["empty values ignored", [null, 4, null, 2], "p50", 2],
    ["twenty p85 exact rank", range(1, 20), "p85", 17],
    ["twenty p95 exact rank", range(1, 20), "p95", 19],
    ["ties p50", [0, 0, 5, 5], "p50", 0],
    ["hundred p85", range(1, 100).reverse(), "p85", 85],
  ])("%s", (_name, values, name, expected) => expect(percentile(values, name)).toBe(expected));

  it("apply to numbers and durations only, and keep the field's type", () => {
    for (const name of ["p50", "p85", "p95"] as const) {
      const fn = aggregationFns.get(name)!;
      expect(fn.types).toEqual(["number", "duration"]);
      expect(fn.resultType("duration")).toBe("duration");
    }
  });
});

describe("cycle time p85 per group, over distinct issues", () => {
  // Cycle times 1..10 hours, all done in January; one never-started issue has no cycle time.
  const issues = () => [
    ...range(1, 10).map((hours) =>
      historyIssue(DONE, [
        [10, TODO, IP],
        [10 + hours, IP, DONE],
      ]),
    ),
    historyIssue(TODO, []),
  ];

  it("groups by month of first entering Done, with p85 of cycle time", () => {
    const result = runHistory(
      {
        columns: [{ field: "history_cycle_time", aggregation: "p85" }],
        grouping_rules: [{ field: `history_first_entered_${DONE}`, bucket: { kind: "date", unit: "month" } }],
      },
      issues(),
    );
    expect(result.warnings).toEqual([]);
    expect(result.grandTotal[0]!.value).toBe(9 * H);
    const [january, none] = result.root.children!;
    expect([january!.label, january!.issueCount, january!.aggregates[0]!.value]).toEqual(["2026-01", 10, 9 * H]);
    expect([none!.isEmptyGroup, none!.issueCount, none!.aggregates[0]!.value]).toEqual([true, 1, null]);
  });

  it("durations bucket, filter and sort like any number of seconds", () => {
    const result = runHistory(
      {
        columns: [{ field: "history_cycle_time" }],
        filtering_rules: [{ field: "history_transitions", operator: "gte", operands: [1] }],
        sorting_rules: [{ field: "history_cycle_time", direction: "desc" }],
        grouping_rules: [{ field: `history_time_in_status_${IP}`, bucket: { kind: "number", size: 5 * H } }],
      },
      issues(),
    );
    expect(result.warnings).toEqual([]);
    expect(result.matchedIssueCount).toBe(10);
    expect(result.root.children!.map((g) => [g.key, g.issueCount])).toEqual([
      [0, 4],
      [5 * H, 5],
      [10 * H, 1],
    ]);
    const first = result.root.children![1]!;
    const cycle = result.data.table.column("history_cycle_time") as NumericColumn;
    const values = Array.from(result.rows.subarray(first.rowStart, first.rowEnd), (row) => cycle.values[row]);
    expect(values).toEqual([9 * H, 8 * H, 7 * H, 6 * H, 5 * H]);
  });

  it("formulas read history fields like any duration (in hours); an empty cycle time stays empty", () => {
    const result = runHistory(
      {
        columns: [{ field: "formula_cycle_days" }],
        formula_fields: [{ key: "formula_cycle_days", name: "Cycle days", expression: "history_cycle_time / 24", result_type: "number" }],
        sorting_rules: [{ field: "history_cycle_time", direction: "asc", empties: "last" }],
      },
      issues(),
    );
    expect(result.warnings).toEqual([]);
    expect(result.formulaErrors).toEqual([]);
    const days = result.data.table.column("formula_cycle_days") as NumericColumn;
    const values = Array.from(result.rows, (row) => days.values[row]! * 24);
    expect(values.slice(0, 10).map((h) => Math.round(h * 1e9) / 1e9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Number.isNaN(values[10])).toBe(true);
  });

  it("a duration filter keeps the issues above it; empty cycle times never pass", () => {
    const result = runHistory({ filtering_rules: [{ field: "history_cycle_time", operator: "gt", operands: [5 * H] }] }, issues());
    expect(result.matchedIssueCount).toBe(5);
  });

  it("datetime operators apply to first entered and last left", () => {
    // T0 is Mon 5 Jan 2026 (UTC): ten issues enter Done 11 to 20 hours after it, one 30 hours after.
    const on = (operator: "on" | "after" | "before", day: string) =>
      runHistory({ filtering_rules: [{ field: `history_first_entered_${DONE}`, operator, operands: [day] }] }, [
        ...issues(),
        historyIssue(DONE, [
          [10, TODO, IP],
          [30, IP, DONE],
        ]),
      ]).matchedIssueCount;
    expect([on("on", "2026-01-05"), on("on", "2026-01-06"), on("after", "2026-01-05"), on("before", "2026-01-05")]).toEqual([10, 1, 1, 0]);
  });
});
