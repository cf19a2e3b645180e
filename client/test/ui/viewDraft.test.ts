import { describe, expect, it } from "vitest";
import type { PivotView, ReportCreate } from "../../src/api/definition.gen";
import { buildFieldChoices } from "../../src/ui/editor/fieldChoices";
import { newDraft } from "../../src/ui/editor/draft";
import {
  chartAggregationsFor,
  cumulativeBlocked,
  fitChart,
  movePivotValue,
  newChart,
  newPivot,
  nextThreshold,
  pivotValueUnit,
  removePivotValue,
  slugOf,
  thresholdsOutOfOrder,
  viewIdFor,
  withPercentOf,
} from "../../src/ui/editor/views/viewDraft";
import { VIEW_ID_PATTERN } from "../../src/engine/vocabulary.gen";
import { FIELDS } from "./fixtures";

const choices = buildFieldChoices(FIELDS, []);
const rule = (field: string, bucket: ReportCreate["grouping_rules"][number]["bucket"] = null) => ({
  field,
  bucket,
  order: { by: "key" as const, direction: "asc" as const, field: null, aggregation: null },
  show_empty: true,
});
const draftWith = (patch: Partial<ReportCreate>): ReportCreate => ({ ...newDraft({ accountId: "me" }), ...patch });

describe("view ids", () => {
  it.each([
    ["Points by status", "points-by-status"],
    ["  Ünïcödé  names!  ", "unicode-names"],
    ["x".repeat(60), "x".repeat(40)],
    ["a_b-c", "a_b-c"],
    ["---", ""],
  ])("slug of %j is %j", (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });

  it("derives unique ids the server accepts, with a fallback for names without letters", () => {
    const taken = new Set(["pivot", "pivot-2", "y".repeat(40)]);
    expect(viewIdFor("Pivot", taken, "pivot")).toBe("pivot-3");
    expect(viewIdFor("!!!", new Set(), "chart")).toBe("chart");
    const long = viewIdFor("y".repeat(50), taken, "pivot");
    expect(long).toBe(`${"y".repeat(38)}-2`);
    for (const id of ["pivot-3", long]) expect(id).toMatch(VIEW_ID_PATTERN);
  });
});

describe("new views", () => {
  it("a pivot takes its rows and columns from the grouping levels, counting issues", () => {
    const draft = draftWith({ grouping_rules: [rule("created", { kind: "date", unit: "month" }), rule("assignee")] });
    const pivot = newPivot(draft, choices);
    expect(pivot.rows).toEqual([rule("created", { kind: "date", unit: "month" })]);
    expect(pivot.columns).toEqual([rule("assignee")]);
    expect(pivot.values).toEqual([{ field: "issuekey", aggregation: "count" }]);
    expect(pivot.id).toBe("pivot");
    expect(pivot.name).toBe("Pivot");
  });

  it("without grouping levels a pivot uses the columns that make few groups", () => {
    // newDraft's columns: summary (text, skipped), status, assignee.
    const pivot = newPivot(draftWith({}), choices);
    expect(pivot.rows.map((r) => r.field)).toEqual(["status"]);
    expect(pivot.columns.map((r) => r.field)).toEqual(["assignee"]);
  });

  it("a second chart gets a name and id of its own", () => {
    const first = newChart(draftWith({}));
    const second = newChart(draftWith({ views: [...newDraft({ accountId: null }).views, first] }));
    expect([first.name, first.id, first.chart_type, first.measures]).toEqual([
      "Chart",
      "chart",
      "bar",
      [{ field: "issuekey", aggregation: "count" }],
    ]);
    expect([second.name, second.id]).toEqual(["Chart 2", "chart-2"]);
  });
});

describe("charts", () => {
  const dated = draftWith({ grouping_rules: [rule("created", { kind: "date", unit: "month" }), rule("status")] });
  it("offers running totals only on a date axis and not for pie or donut", () => {
    expect(cumulativeBlocked(dated, "line")).toBeNull();
    expect(cumulativeBlocked(dated, "pie")).toMatch(/pie or donut/);
    expect(cumulativeBlocked(draftWith({ grouping_rules: [rule("status")] }), "bar")).toMatch(/date axis/);
  });

  it("a pie keeps one measure, aggregates and no running totals", () => {
    const chart = {
      ...newChart(dated),
      series: "aggregates" as const,
      cumulative: true,
      measures: [
        { field: "issuekey", aggregation: "count" as const },
        { field: "timespent", aggregation: "sum" as const },
      ],
    };
    expect(fitChart({ ...chart, chart_type: "pie" }, dated)).toMatchObject({ measures: [chart.measures[0]], cumulative: false });
    expect(fitChart({ ...chart, chart_type: "line", series: "second_level" }, dated)).toMatchObject({
      series: "second_level",
      measures: [chart.measures[0]],
    });
    expect(fitChart({ ...chart, series: "second_level" }, draftWith({ grouping_rules: [rule("status")] })).series).toBe("aggregates");
  });

  it("draws numbers: counts of anything, and sums of numbers and durations", () => {
    expect(chartAggregationsFor("datetime")).toEqual(["count", "count_distinct"]);
    expect(chartAggregationsFor("duration")).toContain("sum");
  });
});

describe("pivot values", () => {
  const pivot: PivotView = {
    ...newPivot(draftWith({}), choices),
    values: [
      { field: "issuekey", aggregation: "count" },
      { field: "customfield_10016", aggregation: "sum" },
      { field: "timespent", aggregation: "average" },
    ],
    row_order: { by: "value", value: 2, direction: "desc" },
    column_order: { by: "value", value: 0, direction: "asc" },
    conditional_formats: [
      { value: 0, thresholds: [{ at_least: 1, color: "red" }] },
      { value: 2, thresholds: [{ at_least: 3600, color: "blue" }] },
    ],
  };

  it("removing a value keeps orders and formats on the values they named", () => {
    const after = removePivotValue(pivot, 0);
    expect(after.values.map((v) => v.field)).toEqual(["customfield_10016", "timespent"]);
    expect(after.row_order).toEqual({ by: "value", value: 1, direction: "desc" });
    expect(after.column_order).toEqual({ by: "key", value: null, direction: "asc" });
    expect(after.conditional_formats).toEqual([{ value: 1, thresholds: [{ at_least: 3600, color: "blue" }] }]);
  });

  it("moving a value moves what points at it", () => {
    const after = movePivotValue(pivot, 2, 0);
    expect(after.values.map((v) => v.field)).toEqual(["timespent", "issuekey", "customfield_10016"]);
    expect(after.row_order.value).toBe(0);
    expect(after.column_order.value).toBe(1);
    expect(after.conditional_formats.map((f) => f.value)).toEqual([1, 0]);
  });

  it("shares make other aggregations counts, and thresholds of shares are percentages", () => {
    const shares = withPercentOf(pivot, "row");
    expect(shares.values.map((v) => v.aggregation)).toEqual(["count", "sum", "count"]);
    expect(pivotValueUnit(shares, shares.values[1]!, choices)).toBe("percent");
    expect(pivotValueUnit(pivot, pivot.values[2]!, choices)).toBe("hours");
    expect(pivotValueUnit(pivot, { field: "created", aggregation: "latest" }, choices)).toBeNull();
  });
});

describe("thresholds", () => {
  it("names the thresholds that do not rise", () => {
    expect(
      thresholdsOutOfOrder([
        { at_least: 5, color: "green" },
        { at_least: 5, color: "yellow" },
        { at_least: 8, color: "red" },
        { at_least: 2, color: "red" },
      ]),
    ).toEqual([2, 4]);
  });

  it("adds one step above the last, in hours for durations", () => {
    expect(nextThreshold([], "number")).toEqual({ at_least: 0, color: "green" });
    expect(nextThreshold([{ at_least: 7200, color: "green" }], "hours")).toEqual({ at_least: 10800, color: "yellow" });
  });
});
