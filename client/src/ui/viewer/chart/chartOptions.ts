/**
 * The ECharts option for a chart view: our palette, SVG-friendly settings (no animation), our own
 * one-line summary as the chart's ARIA description (ECharts' generated text is clumsy), tooltips
 * with the report's formatted values, and the value axis in the report's format.
 */

import type { ChartData } from "./chartData";
import type { EChartsCoreOption } from "./echarts";
import { CHART_BACKGROUND, CHART_PALETTE } from "./palette";

const TEXT_COLOR = "#44546f";

/** Group names come from Jira: the tooltip is HTML, so they are escaped here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface TooltipParams {
  readonly seriesIndex?: number;
  readonly dataIndex?: number;
}

export function chartOption(data: ChartData, summary: string): EChartsCoreOption {
  const tooltip = {
    trigger: "item",
    confine: true,
    formatter: (params: TooltipParams) => {
      const s = params.seriesIndex ?? 0;
      const c = params.dataIndex ?? 0;
      const display = data.displays[s]?.[c] ?? "";
      return `${escapeHtml(data.categories[c]?.label ?? "")}<br>${escapeHtml(data.series[s]?.name ?? "")}: <b>${escapeHtml(display || "no value")}</b>`;
    },
  };
  const round = data.chartType === "pie" || data.chartType === "donut";
  // Past the palette's length colours repeat; patterns (ECharts' decals, a different cycle)
  // then keep every series or slice apart.
  const colored = round ? data.categories.length : data.series.length;
  const common = {
    animation: false,
    backgroundColor: CHART_BACKGROUND,
    color: [...CHART_PALETTE],
    aria: { enabled: true, label: { enabled: true, description: summary }, decal: { show: colored > CHART_PALETTE.length } },
    tooltip,
    textStyle: { color: TEXT_COLOR },
  };
  if (round) {
    return {
      ...common,
      legend: { type: "scroll", bottom: 0, textStyle: { color: TEXT_COLOR } },
      series: [
        {
          type: "pie",
          name: data.series[0]?.name ?? "",
          radius: data.chartType === "donut" ? ["40%", "68%"] : "68%",
          center: ["50%", "46%"],
          // Slices keep a white edge so neighbours stay apart whatever their colours.
          itemStyle: { borderColor: CHART_BACKGROUND, borderWidth: 1 },
          label: { color: TEXT_COLOR },
          data: data.categories.map((category, c) => ({ name: category.label, value: data.values[0]?.[c] ?? null })),
        },
      ],
    };
  }
  const stacked = data.chartType === "stacked_bar" || data.chartType === "area";
  const line = data.chartType === "line" || data.chartType === "area";
  return {
    ...common,
    legend: { type: "scroll", top: 0, textStyle: { color: TEXT_COLOR } },
    // containLabel leaves out the axis name: the bottom margin makes room for it below the labels.
    grid: { left: 16, right: 24, top: 40, bottom: 44, containLabel: true },
    xAxis: {
      type: "category",
      name: data.xName,
      nameLocation: "middle",
      nameGap: 28,
      data: data.categories.map((c) => c.label),
      axisLabel: { hideOverlap: true, color: TEXT_COLOR },
    },
    yAxis: { type: "value", axisLabel: { formatter: data.formatValue, color: TEXT_COLOR } },
    series: data.series.map((series, s) => ({
      type: line ? "line" : "bar",
      name: series.name,
      data: data.values[s] ?? [],
      ...(stacked ? { stack: "total" } : {}),
      ...(data.chartType === "area" ? { areaStyle: { opacity: 0.35 } } : {}),
      ...(line ? { symbolSize: 7, connectNulls: true } : {}),
    })),
  };
}
