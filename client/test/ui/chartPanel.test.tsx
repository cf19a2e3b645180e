// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChartView, GroupNode, GroupRule } from "../../src/engine/index";
import { ChartPanel } from "../../src/ui/viewer/chart/ChartPanel";
import { NEEDS_GROUPING } from "../../src/ui/viewer/chart/chartData";
import { useChartOnScreen } from "../../src/ui/viewer/chart/chartOnScreen";
import { buildResult, makeIssues, report } from "./fixtures";

// ECharts draws nothing in jsdom; a stand-in records what the panel asks of it.
const fake = vi.hoisted(() => ({
  options: [] as unknown[],
  actions: [] as { type: string; seriesIndex?: number; dataIndex?: number }[],
  handlers: new Map<string, (params: { seriesIndex?: number; dataIndex?: number }) => void>(),
  disposed: 0,
}));
vi.mock("../../src/ui/viewer/chart/echarts", () => ({
  createChart: () => ({
    setOption: (option: unknown) => fake.options.push(option),
    on: (name: string, handler: (params: { seriesIndex?: number; dataIndex?: number }) => void) => fake.handlers.set(name, handler),
    off: (name: string) => fake.handlers.delete(name),
    dispatchAction: (action: { type: string }) => fake.actions.push(action),
    resize: () => {},
    dispose: () => {
      fake.disposed++;
    },
    renderToSVGString: () => '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    getWidth: () => 640,
    getHeight: () => 360,
  }),
}));

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
});
beforeEach(() => {
  fake.options.length = 0;
  fake.actions.length = 0;
  fake.handlers.clear();
  fake.disposed = 0;
});
afterEach(cleanup);

const GROUPS: GroupRule[] = [{ field: "status" }, { field: "assignee" }];
const VIEW: ChartView = {
  kind: "chart",
  id: "chart",
  name: "By status",
  chart_type: "stacked_bar",
  series: "second_level",
  measures: [{ field: "issuekey", aggregation: "count" }],
};

function ExportProbe() {
  const chart = useChartOnScreen();
  return <output data-testid="probe">{chart ? `${chart.size().width}x${chart.size().height}` : "none"}</output>;
}

function renderChart(groups = GROUPS, view = VIEW) {
  const def = { jql: "project = EX", columns: [{ field: "summary" }], grouping_rules: groups, views: [view] };
  const result = buildResult(def, makeIssues(24));
  const onShowGroup = vi.fn<(group: GroupNode) => void>();
  const stored = report({
    grouping_rules: groups.map((g) => ({
      field: g.field,
      bucket: null,
      order: { by: "key", direction: "asc", field: null, aggregation: null },
      show_empty: true,
    })),
  });
  const utils = render(
    <>
      <ChartPanel result={result} view={view} report={stored} label="Work" siteUrl={null} onShowGroup={onShowGroup} />
      <ExportProbe />
    </>,
  );
  return { ...utils, result, onShowGroup };
}

async function drawn() {
  const chart = screen.getByTestId("chart");
  await waitFor(() => expect(chart.dataset.ready).toBe("true"));
  return chart;
}

describe("ChartPanel", () => {
  it("draws the chart once the library loads, labelled with its summary and described by its data table", async () => {
    renderChart();
    const chart = await drawn();
    expect(chart.dataset.chartType).toBe("stacked_bar");
    expect(chart.tabIndex).toBe(0);
    expect(chart.getAttribute("aria-label")).toMatch(/^Stacked bar chart of Work \(By status\): 3 groups of Status; 4 series/);
    const table = screen.getByTestId("chart-data");
    expect(chart.getAttribute("aria-describedby")).toBe(table.id);
    const option = fake.options.at(-1) as { animation: boolean; aria: { label: { description: string } }; series: { stack?: string }[] };
    expect(option.animation).toBe(false);
    expect(option.aria.label.description).toBe(chart.getAttribute("aria-label"));
    expect(option.series.every((s) => s.stack === "total")).toBe(true);
  });

  it("fills the data table with a row per category and a column per series; Show as table reveals it", async () => {
    renderChart();
    await drawn();
    const table = screen.getByTestId("chart-data");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((th) => th.textContent);
    expect(headers[0]).toBe("Status");
    expect(
      within(table)
        .getAllByTestId("chart-series")
        .map((th) => th.textContent),
    ).toEqual(headers.slice(1));
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(3);
    // 24 issues in all.
    const total = rows
      .flatMap((row) =>
        within(row)
          .getAllByRole("cell")
          .map((td) => Number(td.textContent)),
      )
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(24);
    expect(table.parentElement!.className).toBe("rb-visually-hidden");
    fireEvent.click(screen.getByTestId("chart-show-table"));
    expect(table.parentElement!.className).not.toBe("rb-visually-hidden");
    expect(screen.getByTestId("chart-show-table").getAttribute("aria-expanded")).toBe("true");
  });

  it("moves a current mark with the arrow keys, highlights it, reads it out, and drills down on Enter", async () => {
    const { onShowGroup } = renderChart();
    const chart = await drawn();
    fireEvent.keyDown(chart, { key: "ArrowRight" });
    fireEvent.keyDown(chart, { key: "ArrowRight" });
    fireEvent.keyDown(chart, { key: "ArrowUp" });
    await waitFor(() => expect(fake.actions).toContainEqual({ type: "showTip", seriesIndex: 1, dataIndex: 1 }));
    expect(fake.actions).toContainEqual({ type: "highlight", seriesIndex: 1, dataIndex: 1 });
    const cells = within(screen.getByTestId("chart-data")).getAllByRole("row")[2]!;
    const category = within(cells).getByRole("rowheader").textContent;
    const series = within(screen.getByTestId("chart-data")).getAllByTestId("chart-series")[1]!.textContent;
    const value = within(cells).getAllByRole("cell")[1]!.textContent;
    expect(screen.getByTestId("chart-announcement").textContent).toBe(`${category}, ${series}: ${value}`);
    expect(screen.getByTestId("chart-announcement").getAttribute("aria-live")).toBe("polite");

    fireEvent.keyDown(chart, { key: "Enter" });
    expect(onShowGroup).toHaveBeenCalledTimes(1);
    const group = onShowGroup.mock.calls[0]![0];
    expect(group.depth).toBe(2);
    expect(group.label).toBe(series);
    expect(String(group.issueCount)).toBe(value);
  });

  it("drills down from a click on a mark to the category's group", async () => {
    const view: ChartView = { ...VIEW, chart_type: "donut", series: "aggregates" };
    const { onShowGroup, result } = renderChart([{ field: "status" }], view);
    await drawn();
    act(() => fake.handlers.get("click")!({ seriesIndex: 0, dataIndex: 2 }));
    expect(onShowGroup).toHaveBeenCalledWith(result.root.children![2]);
  });

  it("offers the drawn chart to the Export menu, and takes it back and disposes it when it goes", async () => {
    const { unmount } = renderChart();
    await drawn();
    expect(screen.getByTestId("probe").textContent).toBe("640x360");
    unmount();
    expect(fake.disposed).toBe(1);
  });

  it("says plainly that a report without grouping has no chart, with no chart frame", () => {
    renderChart([], { ...VIEW, series: "aggregates" });
    expect(screen.getByTestId("chart-notice").textContent).toBe(NEEDS_GROUPING);
    expect(screen.queryByTestId("chart")).toBeNull();
  });
});
