/**
 * The pivot over a small, hand-counted issue set: each aggregation, shares of row, column and
 * grand totals, ordering by key and by a value, "(none)" groups, multi-valued fields on either
 * axis (where a total is not the sum of its cells), date buckets and a formula value.
 */

import { describe, expect, it } from "vitest";
import {
  computePivot,
  createReportEngine,
  pivotFields,
  type PivotResult,
  type PivotRow,
  type PivotView,
  type ReportDefinition,
} from "../../src/engine";
import type { JiraIssue } from "../../src/engine/jira";
import { FIELDS, PRIORITY, STATUS, TIME_ZONE } from "./fixtures";

const HOUR = 3600;
const issue = (n: number, fields: Record<string, unknown>): JiraIssue => ({
  id: String(20_000 + n),
  key: `PV-${n}`,
  fields: { summary: `Issue ${n}`, ...fields },
});

// Counted by hand below: status × priority, labels a/b/c (P-1, P-4, P-5 carry b; P-3 none).
const ISSUES: JiraIssue[] = [
  issue(1, {
    status: STATUS.done,
    priority: PRIORITY.high,
    labels: ["a", "b"],
    customfield_10016: 3,
    timespent: 2 * HOUR,
    created: "2024-01-10T10:00:00.000+0000",
  }),
  issue(2, { status: STATUS.done, priority: PRIORITY.low, labels: ["a"], customfield_10016: 5, created: "2024-01-20T10:00:00.000+0000" }),
  issue(3, {
    status: STATUS.todo,
    priority: PRIORITY.high,
    labels: [],
    customfield_10016: 8,
    timespent: 4 * HOUR,
    created: "2024-02-05T10:00:00.000+0000",
  }),
  issue(4, {
    status: STATUS.todo,
    priority: PRIORITY.high,
    labels: ["b"],
    customfield_10016: null,
    timespent: HOUR,
    created: "2024-02-15T10:00:00.000+0000",
  }),
  issue(5, {
    status: STATUS.inProgress,
    priority: PRIORITY.low,
    labels: ["a", "b"],
    customfield_10016: 2,
    created: "2024-03-01T10:00:00.000+0000",
  }),
  issue(6, {
    status: STATUS.inProgress,
    priority: null,
    labels: ["c"],
    customfield_10016: 1,
    timespent: 3 * HOUR,
    created: "2024-03-10T10:00:00.000+0000",
  }),
];

const BASE: ReportDefinition = {
  name: "Pivot",
  jql: "project = PV",
  columns: ["summary", "status", "priority", "labels", "customfield_10016", "timespent", "created"].map((field) => ({ field })),
  formula_fields: [{ key: "formula_double", name: "Double points", expression: "[Story Points] * 2", result_type: "number" }],
};

function pivot(view: Partial<PivotView>, definition: ReportDefinition = {}): PivotResult {
  const engine = createReportEngine({
    definition: { ...BASE, ...definition },
    fields: FIELDS,
    now: () => new Date("2024-06-01T00:00:00Z"),
    timeZone: TIME_ZONE,
  });
  engine.addIssues(ISSUES);
  const full: PivotView = {
    kind: "pivot",
    id: "p",
    name: "P",
    rows: [{ field: "status" }],
    columns: [{ field: "priority" }],
    values: [{ field: "summary", aggregation: "count" }],
    ...view,
  };
  return computePivot(engine.compute(), full);
}

const rowLabels = (rows: readonly PivotRow[]): string[] => rows.map((r) => r.label);
const columnLabels = (p: PivotResult): string[] => p.columns.map((c) => c.path.map((g) => g.label).join(" / "));
const rowNamed = (p: PivotResult, label: string): PivotRow => p.rows.find((r) => r.label === label)!;
const cellOf = (p: PivotResult, row: string, column: string, value = 0) => rowNamed(p, row).cells[columnLabels(p).indexOf(column)]![value]!;
/** Every cell's value as `{row: {column: value}}`, for whole-grid comparisons. */
function grid(p: PivotResult, value = 0): Record<string, Record<string, number | null>> {
  const labels = columnLabels(p);
  return Object.fromEntries(p.rows.map((r) => [r.label, Object.fromEntries(labels.map((c, i) => [c, r.cells[i]![value]!.value]))]));
}

describe("pivot grid", () => {
  it("counts each row × column pair, with row, column and grand totals", () => {
    const p = pivot({});
    expect(grid(p)).toEqual({
      "To Do": { High: 2, Low: 0, "(none)": 0 },
      "In Progress": { High: 0, Low: 1, "(none)": 1 },
      Done: { High: 1, Low: 1, "(none)": 0 },
    });
    expect(p.rows.map((r) => r.total[0]!.value)).toEqual([2, 2, 2]);
    // Priorities rank lowest first, as the table groups them.
    expect(p.columns.map((c) => c.total[0]!.value)).toEqual([2, 3, 1]);
    expect(p.grandTotal[0]!.value).toBe(6);
    expect(p.grandTotal[0]!.display).toBe("6");
    expect(p.headers).toHaveLength(1);
    expect(p.warnings).toEqual([]);
  });

  it.each([
    // Done × High is PV-1 alone; the Done row is PV-1 and PV-2; points of PV-4 are empty.
    { aggregation: "count", field: "customfield_10016", cell: 1, row: 2, grand: 5 },
    { aggregation: "count_distinct", field: "customfield_10016", cell: 1, row: 2, grand: 5 },
    { aggregation: "sum", field: "customfield_10016", cell: 3, row: 8, grand: 19 },
    { aggregation: "average", field: "customfield_10016", cell: 3, row: 4, grand: 3.8 },
    { aggregation: "median", field: "customfield_10016", cell: 3, row: 4, grand: 3 },
    { aggregation: "min", field: "customfield_10016", cell: 3, row: 3, grand: 1 },
    { aggregation: "max", field: "customfield_10016", cell: 3, row: 5, grand: 8 },
    { aggregation: "sum", field: "timespent", cell: 2 * HOUR, row: 2 * HOUR, grand: 10 * HOUR },
    {
      aggregation: "earliest",
      field: "created",
      cell: Date.parse("2024-01-10T10:00:00Z"),
      row: Date.parse("2024-01-10T10:00:00Z"),
      grand: Date.parse("2024-01-10T10:00:00Z"),
    },
    {
      aggregation: "latest",
      field: "created",
      cell: Date.parse("2024-01-10T10:00:00Z"),
      row: Date.parse("2024-01-20T10:00:00Z"),
      grand: Date.parse("2024-03-10T10:00:00Z"),
    },
    { aggregation: "sum", field: "formula_double", cell: 6, row: 16, grand: 38 },
  ] as const)("$aggregation of $field", ({ aggregation, field, cell, row, grand }) => {
    const p = pivot({ values: [{ field, aggregation }] });
    expect(p.values[0]).toMatchObject({ field, aggregation, valid: true });
    expect(cellOf(p, "Done", "High").value).toBe(cell);
    expect(rowNamed(p, "Done").total[0]!.value).toBe(row);
    expect(p.grandTotal[0]!.value).toBeCloseTo(grand, 9);
  });

  it("formats values with the engine's formats: a duration sum in hours, a count without decimals", () => {
    const p = pivot({
      values: [
        { field: "timespent", aggregation: "sum" },
        { field: "customfield_10016", aggregation: "average" },
      ],
    });
    expect(p.grandTotal[0]!.display).toBe("10.0h");
    expect(p.grandTotal[1]!.display).toBe("3.8");
    expect(p.values.map((v) => v.type)).toEqual(["duration", "number"]);
  });

  it("empty pairs hold the aggregate over no issues: 0 for a count, empty for a sum", () => {
    const p = pivot({
      values: [
        { field: "summary", aggregation: "count" },
        { field: "customfield_10016", aggregation: "sum" },
      ],
    });
    expect(cellOf(p, "To Do", "Low", 0).value).toBe(0);
    expect(cellOf(p, "To Do", "Low", 1).value).toBeNull();
    expect(cellOf(p, "To Do", "Low", 1).display).toBe("");
  });
});

describe("shares", () => {
  it.each([
    { percentOf: "row", cell: 1 / 2, rowTotal: 1, columnTotal: 3 / 6, display: "50.0%" },
    { percentOf: "column", cell: 1 / 3, rowTotal: 2 / 6, columnTotal: 1, display: "33.3%" },
    { percentOf: "total", cell: 1 / 6, rowTotal: 2 / 6, columnTotal: 3 / 6, display: "16.7%" },
  ] as const)("percent of $percentOf", ({ percentOf, cell, rowTotal, columnTotal, display }) => {
    const p = pivot({ percent_of: percentOf });
    const doneHigh = cellOf(p, "Done", "High");
    expect(doneHigh.value).toBe(1);
    expect(doneHigh.share).toBeCloseTo(cell, 12);
    expect(doneHigh.display).toBe(display);
    expect(doneHigh.raw).toBeCloseTo(cell, 12);
    expect(rowNamed(p, "Done").total[0]!.share).toBeCloseTo(rowTotal, 12);
    expect(p.columns.find((c) => c.path[0]!.label === "High")!.total[0]!.share).toBeCloseTo(columnTotal, 12);
    expect(p.grandTotal[0]!.share).toBe(1);
  });

  it("has no share for an aggregation that does not add up, nor with percent_of none", () => {
    const p = pivot({ percent_of: "total", values: [{ field: "customfield_10016", aggregation: "average" }] });
    expect(p.grandTotal[0]!.share).toBeNull();
    expect(p.grandTotal[0]!.display).toBe("3.8");
    expect(pivot({}).grandTotal[0]!.share).toBeNull();
  });
});

describe("ordering", () => {
  const sumOfPoints = [
    { field: "summary", aggregation: "count" as const },
    { field: "customfield_10016", aggregation: "sum" as const },
  ];
  it.each([
    { id: "rows by key asc", view: {}, rows: ["To Do", "In Progress", "Done"], columns: ["Low", "High", "(none)"] },
    {
      id: "rows and columns by key desc",
      view: { row_order: { direction: "desc" }, column_order: { direction: "desc" } },
      rows: ["Done", "In Progress", "To Do"],
      columns: ["High", "Low", "(none)"],
    },
    // Points: To Do 8, In Progress 3, Done 8 (a tie, broken by key); High 11, Low 7.
    {
      id: "by value asc",
      view: { row_order: { by: "value", value: 1, direction: "asc" }, column_order: { by: "value", value: 1, direction: "asc" } },
      rows: ["In Progress", "To Do", "Done"],
      columns: ["Low", "High", "(none)"],
    },
    {
      id: "by value desc",
      view: { row_order: { by: "value", value: 1, direction: "desc" }, column_order: { by: "value", value: 1, direction: "desc" } },
      rows: ["To Do", "Done", "In Progress"],
      columns: ["High", "Low", "(none)"],
    },
  ] as const)("$id", ({ view, rows, columns }) => {
    const p = pivot({ values: sumOfPoints, ...(view as Partial<PivotView>) });
    expect(rowLabels(p.rows)).toEqual(rows);
    expect(columnLabels(p)).toEqual(columns);
  });

  it("orders nested row levels within each parent", () => {
    const p = pivot({
      rows: [{ field: "status" }, { field: "priority" }],
      columns: [{ field: "labels" }],
      row_order: { direction: "desc" },
    });
    expect(rowLabels(p.rows)).toEqual(["Done", "In Progress", "To Do"]);
    expect(rowLabels(p.rows[0]!.children!)).toEqual(["High", "Low"]);
    expect(rowLabels(p.rows[1]!.children!)).toEqual(["Low", "(none)"]);
    // A parent row carries its own cells (subtotals), counted over its issues.
    expect(p.rows[1]!.cells.map((c) => c[0]!.value)).toEqual([1, 1, 1, 0]);
    expect(p.rows[1]!.children![0]!.children).toBeNull();
  });
});

describe("empty values and multi-valued fields", () => {
  it('puts issues without a value in "(none)", last; show_empty false leaves them out', () => {
    expect(columnLabels(pivot({}))).toEqual(["Low", "High", "(none)"]);
    expect(pivot({}).columns[2]).toMatchObject({ path: [{ key: null, isEmptyGroup: true, label: "(none)" }], issueCount: 1 });
    const without = pivot({ columns: [{ field: "priority", show_empty: false }] });
    expect(columnLabels(without)).toEqual(["Low", "High"]);
    expect(without.grandTotal[0]!.value).toBe(5);
  });

  it("multi-valued columns: a row total counts each issue once, not the sum of its cells", () => {
    const p = pivot({ columns: [{ field: "labels" }] });
    expect(grid(p)).toEqual({
      "To Do": { a: 0, b: 1, c: 0, "(none)": 1 },
      "In Progress": { a: 1, b: 1, c: 1, "(none)": 0 },
      Done: { a: 2, b: 1, c: 0, "(none)": 0 },
    });
    expect(p.rows.map((r) => r.total[0]!.value)).toEqual([2, 2, 2]);
    expect(p.columns.map((c) => c.total[0]!.value)).toEqual([3, 3, 1, 1]);
    expect(p.grandTotal[0]!.value).toBe(6);
  });

  it("multi-valued rows: a column total counts each issue once", () => {
    const p = pivot({
      rows: [{ field: "labels" }],
      columns: [{ field: "status" }],
      values: [{ field: "customfield_10016", aggregation: "sum" }],
    });
    expect(rowLabels(p.rows)).toEqual(["a", "b", "c", "(none)"]);
    expect(cellOf(p, "a", "Done").value).toBe(8);
    expect(cellOf(p, "b", "Done").value).toBe(3);
    // Done is PV-1 (a, b) and PV-2 (a): 3 + 5, not 3 + 5 + 3.
    expect(p.columns.find((c) => c.path[0]!.label === "Done")!.total[0]!.value).toBe(8);
    expect(p.grandTotal[0]!.value).toBe(19);
  });

  it("shares of a total over a multi-valued axis use the distinct-issue total", () => {
    const p = pivot({ columns: [{ field: "labels" }], percent_of: "row" });
    expect(cellOf(p, "Done", "a").share).toBe(1);
    expect(cellOf(p, "Done", "b").share).toBe(0.5);
  });
});

describe("date buckets and two column levels", () => {
  it("groups columns by month, keyed by the bucket start", () => {
    const p = pivot({ columns: [{ field: "created", bucket: { kind: "date", unit: "month" } }] });
    expect(columnLabels(p)).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(p.columns.map((c) => c.path[0]!.key)).toEqual(["2024-01-01", "2024-02-01", "2024-03-01"]);
    expect(grid(p)).toEqual({
      "To Do": { "2024-01": 0, "2024-02": 2, "2024-03": 0 },
      "In Progress": { "2024-01": 0, "2024-02": 0, "2024-03": 2 },
      Done: { "2024-01": 2, "2024-02": 0, "2024-03": 0 },
    });
  });

  it("two column levels: leaf columns under spanning headers", () => {
    const p = pivot({ columns: [{ field: "priority" }, { field: "created", bucket: { kind: "date", unit: "month" } }] });
    expect(columnLabels(p)).toEqual(["Low / 2024-01", "Low / 2024-03", "High / 2024-01", "High / 2024-02", "(none) / 2024-03"]);
    expect(p.headers[0]!.map((h) => [h.label, h.span, h.firstColumn])).toEqual([
      ["Low", 2, 0],
      ["High", 2, 2],
      ["(none)", 1, 4],
    ]);
    expect(p.headers[1]!.map((h) => h.label)).toEqual(columnLabels(p).map((l) => l.split(" / ")[1]));
  });
});

describe("privacy", () => {
  it("engine.clear() empties a pivot computed earlier, as it empties the result", () => {
    const engine = createReportEngine({
      definition: BASE,
      fields: FIELDS,
      now: () => new Date("2024-06-01T00:00:00Z"),
      timeZone: TIME_ZONE,
    });
    engine.addIssues(ISSUES);
    const p = computePivot(engine.compute(), {
      kind: "pivot",
      id: "p",
      name: "P",
      rows: [{ field: "labels" }],
      columns: [{ field: "status" }],
      values: [{ field: "summary", aggregation: "count" }],
    });
    expect(p.rows.length).toBe(4);
    engine.clear();
    expect([p.rows, p.columns, p.headers, p.grandTotal].map((list) => list.length)).toEqual([0, 0, 0, 0]);
  });
});

describe("problems", () => {
  it("names the fields a pivot reads, for the loader to request", () => {
    const view: PivotView = {
      kind: "pivot",
      id: "p",
      name: "P",
      rows: [{ field: "status" }, { field: "labels" }],
      columns: [{ field: "created", bucket: { kind: "date", unit: "month" } }],
      values: [
        { field: "customfield_10016", aggregation: "sum" },
        { field: "status", aggregation: "count" },
      ],
    };
    expect(pivotFields(view)).toEqual(["status", "labels", "created", "customfield_10016"]);
  });

  it('groups by a field the report did not load under "(none)", and says so', () => {
    const p = pivot({ columns: [{ field: "resolution" }] });
    expect(columnLabels(p)).toEqual(["(none)"]);
    expect(p.grandTotal[0]!.value).toBe(6);
    expect(p.warnings).toEqual([`Field 'resolution' is not loaded for this report; every issue is in "(none)".`]);
  });

  it("says when a value's aggregation does not apply, and leaves its cells empty", () => {
    const p = pivot({ values: [{ field: "summary", aggregation: "sum" }] });
    expect(p.values[0]!.valid).toBe(false);
    expect(p.grandTotal[0]!.value).toBeNull();
    expect(p.warnings).toEqual(["Aggregation 'sum' does not apply to text field 'summary'; its cells are empty."]);
  });
});
