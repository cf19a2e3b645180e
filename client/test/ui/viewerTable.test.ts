import { describe, expect, it } from "vitest";
import { flattenReport, getCellValue, getIssueKey, type DisplayRow, type ReportResult } from "../../src/engine/index";
import { aggregateLabel, clampWidth, columnWidth, gridTemplate } from "../../src/ui/viewer/columns";
import { moveFocus, type GridShape } from "../../src/ui/viewer/gridFocus";
import { ancestorsOf, parentIndexes, pinnedPath } from "../../src/ui/viewer/rowTree";
import { findMatches, matchCountText, rowKey } from "../../src/ui/viewer/tableSearch";
import { nextSort, sortDisplayRows } from "../../src/ui/viewer/tableSort";
import { visibleRange } from "../../src/ui/viewer/windowing";
import { buildResult, makeIssues, report } from "./fixtures";

const POINTS = 4; // column index of customfield_10016 in the fixture report

function twoLevels(count = 30): ReportResult {
  const grouping = report().grouping_rules[0]!;
  return buildResult(report({ grouping_rules: [grouping, { ...grouping, field: "labels" }] }), makeIssues(count));
}

const keysOf = (result: ReportResult, rows: readonly DisplayRow[]) =>
  rows.map((r) => (r.kind === "issue" ? getIssueKey(result, r.row) : r.kind === "group" ? `[${r.group.label}]` : "[total]"));

describe("aggregate labels", () => {
  it.each([
    ["count", "count"],
    ["count_distinct", "distinct"],
    ["sum", "Σ"],
    ["average", "avg"],
    ["median", "median"],
    ["min", "min"],
    ["max", "max"],
    ["earliest", "earliest"],
    ["latest", "latest"],
  ] as const)("tags %s as %s", (aggregation, tag) => {
    const column = buildResult(report(), makeIssues(3)).columns[POINTS]!;
    expect(aggregateLabel({ ...column, aggregation, hasRollup: false })).toBe(tag);
  });

  it("tags nothing without an aggregation, and a formula rollup as such", () => {
    const column = buildResult(report(), makeIssues(3)).columns[0]!;
    expect(aggregateLabel(column)).toBeNull();
    expect(aggregateLabel({ ...column, hasRollup: true })).toBe("rollup");
  });
});

describe("column widths", () => {
  it("prefers this view's width, then the stored width, then the type's default", () => {
    const result = buildResult(report(), makeIssues(3));
    const summary = result.columns[0]!;
    expect(columnWidth(summary)).toBe(280);
    expect(columnWidth({ ...summary, width: 300 })).toBe(300);
    expect(columnWidth({ ...summary, width: 300 }, new Map([[0, 90]]))).toBe(90);
    expect(gridTemplate(result, new Map([[0, 90]])).split(" ")[1]).toBe("90px");
  });

  it.each([
    [10, 40],
    [123.4, 123],
    [5000, 1000],
  ])("keeps %s within the stored bounds as %s", (width, clamped) => {
    expect(clampWidth(width)).toBe(clamped);
  });
});

describe("sorting this view", () => {
  it("cycles ascending, descending, none; another column starts ascending", () => {
    const asc = nextSort(null, 2);
    expect(asc).toEqual({ columnIndex: 2, direction: "ascending" });
    expect(nextSort(asc, 2)).toEqual({ columnIndex: 2, direction: "descending" });
    expect(nextSort(nextSort(asc, 2), 2)).toBeNull();
    expect(nextSort(asc, 3)).toEqual({ columnIndex: 3, direction: "ascending" });
  });

  it.each(["ascending", "descending"] as const)("orders issues within each group and groups by their aggregate, %s", (direction) => {
    const result = buildResult(report(), makeIssues(30));
    const rows = flattenReport(result);
    const sorted = sortDisplayRows(rows, result, { columnIndex: POINTS, direction });
    const sign = direction === "ascending" ? 1 : -1;
    expect(sorted).toHaveLength(rows.length);
    expect(sorted[sorted.length - 1]!.kind).toBe("total");
    const groups = sorted.filter((r) => r.kind === "group");
    const sums = groups.map((g) => Number(g.group.aggregateValue(POINTS)));
    expect(sums).toEqual([...sums].sort((a, b) => sign * (a - b)));
    for (const group of groups) {
      const issues = sorted.filter((r) => r.kind === "issue" && r.group === group.group);
      const points = issues.map((r) => Number(getCellValue(result, (r as { row: number }).row, POINTS)));
      expect(points).toEqual([...points].sort((a, b) => sign * (a - b)));
      // Each issue stays right under its own group.
      const at = sorted.indexOf(group);
      expect(sorted.slice(at + 1, at + 1 + issues.length)).toEqual(issues);
    }
  });

  it("keeps empty values last in both directions and equal values in the report's order", () => {
    const issues = makeIssues(8).map((issue, i) => ({ ...issue, fields: { ...issue.fields, customfield_10016: i < 3 ? null : 5 } }));
    const result = buildResult(report({ grouping_rules: [] }), issues);
    for (const direction of ["ascending", "descending"] as const) {
      const keys = keysOf(result, sortDisplayRows(flattenReport(result), result, { columnIndex: POINTS, direction }));
      expect(keys).toEqual(["EX-4", "EX-5", "EX-6", "EX-7", "EX-8", "EX-1", "EX-2", "EX-3", "[total]"]);
    }
  });

  it("returns the rows unchanged without a sort", () => {
    const result = buildResult(report(), makeIssues(9));
    const rows = flattenReport(result);
    expect(sortDisplayRows(rows, result, null)).toBe(rows);
  });
});

describe("the row tree and the pinned group path", () => {
  const result = twoLevels(30);
  const rows = flattenReport(result);
  const parents = parentIndexes(rows);
  const groupRow = (depth: number, nth = 0) =>
    rows.map((r, i) => [r, i] as const).filter(([r]) => r.kind === "group" && r.group.depth === depth)[nth]![1];

  it("knows each row's enclosing groups", () => {
    const outer = groupRow(1);
    const inner = groupRow(2);
    expect(inner).toBe(outer + 1);
    expect(ancestorsOf(parents, inner + 1)).toEqual([outer, inner]);
    expect(ancestorsOf(parents, inner)).toEqual([outer]);
    expect(ancestorsOf(parents, outer)).toEqual([]);
    expect(ancestorsOf(parents, rows.length - 1)).toEqual([]);
  });

  it("pins nothing at the top and the full path deep inside a group", () => {
    expect(pinnedPath(parents, 0)).toEqual([]);
    const inner = groupRow(2);
    // Scrolled so the third issue of the first inner group is under the header.
    expect(pinnedPath(parents, inner + 2).map((i) => rows[i]!.group.depth)).toEqual([1, 2]);
  });

  it("names the group of the first row below the pinned rows", () => {
    const secondInner = groupRow(2, 1);
    const outer = groupRow(1);
    expect(parents[secondInner]).toBe(outer);
    // The second inner group's row is the first row below two pinned rows: the old path stays.
    expect(pinnedPath(parents, secondInner - 2)).toEqual([outer, groupRow(2)]);
    // One row further, the pinned rows cover the group's own row: its copy is pinned instead.
    expect(pinnedPath(parents, secondInner - 1)).toEqual([outer, secondInner]);
  });
});

describe("search within the report", () => {
  const result = buildResult(report({ grouping_rules: [] }), makeIssues(30));
  const rows = flattenReport(result);

  it.each([
    ["EX-12", ["EX-12"]],
    ["ex-2", ["EX-2", "EX-20", "EX-21", "EX-22", "EX-23", "EX-24", "EX-25", "EX-26", "EX-27", "EX-28", "EX-29"]],
    ["issue 30", ["EX-30"]],
    ["   ", []],
    ["nothing like this", []],
  ])("finds %j", (query, keys) => {
    expect(
      keysOf(
        result,
        findMatches(result, rows, query).map((i) => rows[i]!),
      ),
    ).toEqual(keys);
  });

  it("matches group names, never the total", () => {
    const grouped = buildResult(report(), makeIssues(9));
    const all = flattenReport(grouped);
    const found = keysOf(
      grouped,
      findMatches(grouped, all, "progress").map((i) => all[i]!),
    );
    // The group, then its issues (their status cell reads "In Progress" too).
    expect(found).toEqual(["[In Progress]", "EX-2", "EX-5", "EX-8"]);
    expect(findMatches(grouped, all, "total")).toEqual([]);
  });

  it("counts for people and keys rows stably", () => {
    expect(matchCountText(0, 3)).toBe("1 of 3");
    expect(matchCountText(0, 0)).toBe("No matches");
    expect(new Set(rows.map(rowKey)).size).toBe(rows.length);
  });
});

describe("keyboard movement in the grid", () => {
  const result = twoLevels(30);
  const rows = flattenReport(result);
  const expanded = new Set<number>(rows.flatMap((r, i) => (r.kind === "group" ? [i] : [])));
  const shape: GridShape = {
    rows,
    parents: parentIndexes(rows),
    cellCount: result.columns.length + 1,
    pageRows: 10,
    isExpanded: (i) => expanded.has(i),
  };

  it.each([
    ["ArrowDown", { index: 2, cell: -1 }, { kind: "focus", to: { index: 3, cell: -1 } }],
    ["ArrowUp", { index: 0, cell: -1 }, { kind: "focus", to: { index: 0, cell: -1 } }],
    ["ArrowDown", { index: 2, cell: 3 }, { kind: "focus", to: { index: 3, cell: 3 } }],
    ["PageDown", { index: 2, cell: -1 }, { kind: "focus", to: { index: 12, cell: -1 } }],
    ["End", { index: 2, cell: -1 }, { kind: "focus", to: { index: rows.length - 1, cell: -1 } }],
    ["Home", { index: 2, cell: 4 }, { kind: "focus", to: { index: 2, cell: 0 } }],
    ["ArrowRight", { index: 2, cell: -1 }, { kind: "focus", to: { index: 2, cell: 0 } }],
    ["ArrowRight", { index: 2, cell: 5 }, { kind: "focus", to: { index: 2, cell: 5 } }],
    ["ArrowLeft", { index: 2, cell: 0 }, { kind: "focus", to: { index: 2, cell: -1 } }],
    ["ArrowLeft", { index: 0, cell: -1 }, { kind: "toggle", index: 0 }],
    ["ArrowLeft", { index: 2, cell: -1 }, { kind: "focus", to: { index: 1, cell: -1 } }],
    ["Enter", { index: 0, cell: -1 }, { kind: "toggle", index: 0 }],
    ["Enter", { index: 2, cell: 3 }, { kind: "activate", at: { index: 2, cell: 3 } }],
    ["x", { index: 2, cell: -1 }, { kind: "none" }],
  ] as const)("%s from %j", (key, at, move) => {
    expect(moveFocus(shape, at, key)).toEqual(move);
  });

  it("expands a collapsed group with ArrowRight", () => {
    expect(moveFocus({ ...shape, isExpanded: () => false }, { index: 0, cell: -1 }, "ArrowRight")).toEqual({ kind: "toggle", index: 0 });
  });
});

describe("the window of rows", () => {
  it("says which row is just under the sticky header", () => {
    const range = visibleRange({ scrollTop: 32 * 40 + 5, viewportHeight: 600, rowHeight: 32, rowCount: 1000, overscan: 5, offsetTop: 36 });
    expect(range.first).toBe(40);
    expect(range.start).toBeLessThanOrEqual(40);
    expect(range.end).toBeGreaterThan(40 + 600 / 32);
  });
});
