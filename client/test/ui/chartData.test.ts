import { describe, expect, it } from "vitest";
import type { ChartView, GroupRule, ReportDefinition } from "../../src/engine/index";
import { groupLabel } from "../../src/ui/common/bucketLabels";
import {
  type ChartData,
  chartData,
  chartSummary,
  markGroup,
  markText,
  NEEDS_GROUPING,
  runningTotals,
} from "../../src/ui/viewer/chart/chartData";
import { buildResult, makeIssues } from "./fixtures";

const ISSUES = makeIssues(40);
const POINTS = "customfield_10016";
const STATUS: GroupRule = { field: "status" };
const ASSIGNEE: GroupRule = { field: "assignee" };

/** The report, with the chart among its views so that the plan loads the fields it reads. */
function definition(groups: GroupRule[], view?: ChartView): ReportDefinition {
  return {
    jql: "project = EX",
    columns: [{ field: "summary" }, { field: POINTS, aggregation: "sum" }],
    grouping_rules: groups,
    ...(view ? { views: [view] } : {}),
  };
}

function chart(groups: GroupRule[], view: Partial<ChartView>): ChartData {
  const chartView: ChartView = { kind: "chart", id: "c", name: "C", chart_type: "bar", measures: [], ...view };
  const outcome = chartData(buildResult(definition(groups, chartView), ISSUES), chartView, groups);
  if (outcome.kind !== "chart") throw new Error(outcome.message);
  return outcome.data;
}

// Independent of the engine: the fixture issues counted and summed by hand.
const statusOf = (i: number) => ["To Do", "In Progress", "Done"][i % 3]!;
const assigneeOf = (i: number) => (i % 4 === 0 ? "(none)" : `User ${i % 4}`);
const pointsOf = (i: number) => (i % 8) + 1;
function tally(key: (i: number) => string, value: (i: number) => number): Map<string, number> {
  const totals = new Map<string, number>();
  for (let i = 0; i < ISSUES.length; i++) totals.set(key(i), (totals.get(key(i)) ?? 0) + value(i));
  return totals;
}

/** The chart's values as { "category|series": value }. */
function byName(data: ChartData): Map<string, number | null> {
  const out = new Map<string, number | null>();
  data.series.forEach((s, si) => {
    data.categories.forEach((c, ci) => {
      out.set(`${c.label}|${s.name}`, data.values[si]![ci]!);
    });
  });
  return out;
}

describe("chartData", () => {
  it("puts the first level on the x axis in the table's order, named as the table names it", () => {
    const groups = [{ field: "status", order: { by: "key" as const, direction: "desc" as const } }];
    const view: ChartView = {
      kind: "chart",
      id: "c",
      name: "C",
      chart_type: "bar",
      measures: [{ field: "issuekey", aggregation: "count" }],
    };
    const result = buildResult(definition(groups, view), ISSUES);
    const outcome = chartData(result, view, groups);
    expect(outcome.kind).toBe("chart");
    const data = (outcome as { data: ChartData }).data;
    expect(data.categories.map((c) => c.label)).toEqual(result.root.children!.map((g) => groupLabel(result, g)));
    expect(data.categories.map((c) => c.group)).toEqual(result.root.children);
    expect(data.xName).toBe("Status");
  });

  it("draws one series per group of the second level, counting issues per pair", () => {
    const data = chart([STATUS, ASSIGNEE], { series: "second_level", measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(new Set(data.series.map((s) => s.name))).toEqual(new Set(["(none)", "User 1", "User 2", "User 3"]));
    expect(data.series.at(-1)!.name).toBe("(none)");
    const expected = tally(
      (i) => `${statusOf(i)}|${assigneeOf(i)}`,
      () => 1,
    );
    const values = byName(data);
    for (const [pair, count] of expected) expect(values.get(pair)).toBe(count);
    // Pairs with no issue count 0.
    expect(values.size).toBe(3 * 4);
    expect([...values.values()].reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(ISSUES.length);
  });

  it("orders the series as the table orders the second level: here by issue count, descending", () => {
    const second: GroupRule = { field: "assignee", order: { by: "aggregate", field: POINTS, aggregation: "sum", direction: "desc" } };
    const data = chart([STATUS, second], { series: "second_level", measures: [{ field: "issuekey", aggregation: "count" }] });
    const points = tally(assigneeOf, pointsOf);
    const named = data.series.filter((s) => s.name !== "(none)").map((s) => s.name);
    expect(named).toEqual([...named].sort((a, b) => points.get(b)! - points.get(a)!));
  });

  it("draws one series per measure, with the report's display text", () => {
    const data = chart([STATUS], {
      measures: [
        { field: "issuekey", aggregation: "count" },
        { field: POINTS, aggregation: "sum" },
      ],
    });
    expect(data.series.map((s) => s.name)).toEqual(["Issues", "Sum of Story Points"]);
    const counts = tally(statusOf, () => 1);
    const sums = tally(statusOf, pointsOf);
    const values = byName(data);
    for (const [status, count] of counts) expect(values.get(`${status}|Issues`)).toBe(count);
    for (const [status, sum] of sums) expect(values.get(`${status}|Sum of Story Points`)).toBe(sum);
    expect(data.displays[0]).toEqual(data.values[0]!.map((v) => String(v)));
  });

  it("adds up running totals along a date axis, and shows them in the table", () => {
    const month: GroupRule = { field: "created", bucket: { kind: "date", unit: "month" } };
    const plain = chart([month], { chart_type: "line", measures: [{ field: "issuekey", aggregation: "count" }] });
    const running = chart([month], { chart_type: "line", cumulative: true, measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(running.cumulative).toBe(true);
    expect(running.values[0]).toEqual(runningTotals(plain.values[0]!));
    expect(running.values[0]!.at(-1)).toBe(ISSUES.length);
    expect(running.displays[0]!.at(-1)).toBe(String(ISSUES.length));
    expect(running.categories[0]!.label).toBe("Jan 2024");
  });

  it("keeps each group's own values when running totals are asked of a non-date axis", () => {
    const data = chart([STATUS], { cumulative: true, measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(data.cumulative).toBe(false);
    expect(data.notes.join(" ")).toMatch(/Running totals need dates/);
  });

  it("says plainly that a report without a grouping rule has no chart", () => {
    const result = buildResult(definition([]), ISSUES);
    const outcome = chartData(
      result,
      { kind: "chart", id: "c", name: "C", chart_type: "bar", measures: [{ field: "issuekey", aggregation: "count" }] },
      [],
    );
    expect(outcome).toEqual({ kind: "notice", message: NEEDS_GROUPING });
  });

  it("finds the group of a mark: the category's, or its child of the series' group", () => {
    const data = chart([STATUS, ASSIGNEE], { series: "second_level", measures: [{ field: "issuekey", aggregation: "count" }] });
    const s = data.series.findIndex((x) => x.name === "User 2");
    const group = markGroup(data, 0, s)!;
    expect(group.depth).toBe(2);
    expect(group.label).toBe("User 2");
    expect(group.issueCount).toBe(data.values[s]![0]);
    const flat = chart([STATUS], { measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(markGroup(flat, 1, 0)).toBe(flat.categories[1]!.group);
  });

  it("summarises the chart in one line and reads a mark as 'category, series: value'", () => {
    const data = chart([STATUS, ASSIGNEE], { series: "second_level", measures: [{ field: "issuekey", aggregation: "count" }] });
    expect(chartSummary(data, "Work")).toMatch(/^Bar chart of Work: 3 groups of Status; 4 series: .*User 1.*\.$/);
    const s = data.series.findIndex((x) => x.name === "User 1");
    expect(markText(data, 0, s)).toBe(`${data.categories[0]!.label}, User 1: ${data.displays[s]![0]}`);
  });
});

describe("runningTotals", () => {
  it.each([
    [
      [1, 2, 3],
      [1, 3, 6],
    ],
    [
      [null, 2, null, 1],
      [null, 2, 2, 3],
    ],
    [[], []],
  ])("%j → %j", (values, expected) => {
    expect(runningTotals(values)).toEqual(expected);
  });
});
