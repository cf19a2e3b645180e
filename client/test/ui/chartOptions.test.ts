import { describe, expect, it } from "vitest";
import type { GroupNode } from "../../src/engine/index";
import type { ChartData } from "../../src/ui/viewer/chart/chartData";
import { chartOption } from "../../src/ui/viewer/chart/chartOptions";
import { CHART_PALETTE } from "../../src/ui/viewer/chart/palette";

function data(chartType: ChartData["chartType"], seriesCount: number, categoryCount: number): ChartData {
  const categories = Array.from({ length: categoryCount }, (_, c) => ({ label: `C${c}`, group: {} as GroupNode }));
  const series = Array.from({ length: seriesCount }, (_, s) => ({ name: `S${s}`, keyId: null }));
  return {
    chartType,
    xName: "Status",
    categories,
    series,
    values: series.map(() => categories.map(() => 1)),
    displays: series.map(() => categories.map(() => "1")),
    formatValue: String,
    cumulative: false,
    notes: [],
  };
}

const decals = (option: ReturnType<typeof chartOption>): boolean => (option as { aria: { decal: { show: boolean } } }).aria.decal.show;

describe("chart patterns", () => {
  const n = CHART_PALETTE.length;
  it.each([
    ["bar, as many series as colours", "bar", n, 3, false],
    ["bar, one series more than colours", "bar", n + 1, 3, true],
    ["stacked bar, twenty series", "stacked_bar", 20, 6, true],
    ["pie, as many slices as colours", "pie", 1, n, false],
    ["donut, one slice more than colours", "donut", 1, n + 1, true],
  ] as const)("%s: patterns %s", (_name, type, seriesCount, categoryCount, expected) => {
    expect(decals(chartOption(data(type, seriesCount, categoryCount), "summary"))).toBe(expected);
  });
});
