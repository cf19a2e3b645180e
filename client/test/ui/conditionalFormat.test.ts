import { describe, expect, it } from "vitest";
import type { TableConditionalFormat, View } from "../../src/engine/model.gen";
import { cellTone, cellToneMark, reachedThreshold, tableFormats } from "../../src/ui/viewer/conditionalFormat";
import { buildResult, makeIssues, report } from "./fixtures";

const POINTS = "customfield_10016";
const HOUR = 3600;

const FORMATS: TableConditionalFormat[] = [
  {
    field: POINTS,
    thresholds: [
      { at_least: 5, color: "yellow" },
      { at_least: 8, color: "red" },
    ],
  },
  // Durations: thresholds and values both in seconds.
  {
    field: "timespent",
    thresholds: [
      { at_least: 2 * HOUR, color: "blue" },
      { at_least: 8 * HOUR, color: "green" },
    ],
  },
];

describe("cellTone", () => {
  it.each([
    ["below the first threshold", POINTS, 4.99, null],
    ["exactly the first threshold", POINTS, 5, "yellow"],
    ["between thresholds", POINTS, 6.5, "yellow"],
    ["exactly the last threshold", POINTS, 8, "red"],
    ["above the last threshold", POINTS, 21, "red"],
    ["zero", POINTS, 0, null],
    ["a negative value", POINTS, -3, null],
    ["an empty value", POINTS, null, null],
    ["an undefined value", POINTS, undefined, null],
    ["not a number", POINTS, Number.NaN, null],
    ["text", POINTS, "8", null],
    ["a list of labels", POINTS, ["8"], null],
    ["a boolean", POINTS, true, null],
    ["a column without a format", "timeestimate", 99_999, null],
    ["a duration a second short", "timespent", 2 * HOUR - 1, null],
    ["a duration of exactly 2h in seconds", "timespent", 2 * HOUR, "blue"],
    ["a duration between", "timespent", 5 * HOUR, "blue"],
    ["a duration above the last", "timespent", 40 * HOUR, "green"],
  ])("%s", (_name, field, value, expected) => {
    expect(cellTone(FORMATS, field, value)).toBe(expected);
  });

  it("takes the last threshold reached, in the stored order", () => {
    const format: TableConditionalFormat = {
      field: POINTS,
      thresholds: [
        { at_least: 1, color: "gray" },
        { at_least: 3, color: "green" },
        { at_least: 5, color: "orange" },
      ],
    };
    expect(reachedThreshold([format], POINTS, 4)).toEqual({ at_least: 3, color: "green" });
  });

  it("has no tone without formats", () => {
    expect(cellTone([], POINTS, 100)).toBeNull();
  });
});

describe("tableFormats", () => {
  const table = (id: string, formats: TableConditionalFormat[]): View => ({ kind: "table", id, name: id, conditional_formats: formats });
  const chart: View = {
    kind: "chart",
    id: "chart",
    name: "Chart",
    chart_type: "bar",
    measures: [{ field: POINTS, aggregation: "sum" }],
  };

  it.each([
    ["no views", undefined, []],
    ["a table without formats", [{ kind: "table", id: "t", name: "T" } as View], []],
    ["the first table view, after a chart", [chart, table("first", FORMATS), table("second", [])], FORMATS],
    ["only the first table view counts", [table("first", []), table("second", FORMATS)], []],
    ["no table view", [chart], []],
  ])("%s", (_name, views, expected) => {
    expect(tableFormats(views as View[] | undefined)).toEqual(expected);
  });
});

describe("cellToneMark", () => {
  const result = buildResult(report(), makeIssues(6));
  const column = (field: string) => result.columns.find((c) => c.field === field)!;

  it.each([
    ["a number, in the column's format", POINTS, 9, undefined, { color: "red", description: "at least 8" }],
    ["a duration, in hours like the column", "timespent", 3 * HOUR, undefined, { color: "blue", description: "at least 2.0h" }],
    // A count of a duration column is a plain number: its threshold is shown as one.
    ["an aggregate of another type", "timespent", 9000, "number" as const, { color: "blue", description: "at least 7,200" }],
    ["below every threshold", POINTS, 1, undefined, null],
  ])("%s", (_name, field, value, valueType, expected) => {
    expect(cellToneMark(FORMATS, result, column(field), value, valueType)).toEqual(expected);
  });
});
