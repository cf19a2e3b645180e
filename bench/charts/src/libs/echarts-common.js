// Apache ECharts, tree-shaken: echarts/core with only bar, line and pie and the components the
// chart views need (grid, legend, tooltip, aria). The renderer comes from the caller.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { pngFromSvgString } from "../svg-export.js";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent]);

function options(data, palette) {
  // ?decal: ECharts' patterns over the colours, for readers who cannot tell the colours apart.
  const decal = new URLSearchParams(location.search).has("decal");
  const common = { animation: false, color: palette, aria: { enabled: true, decal: { show: decal } }, tooltip: {}, legend: { top: 0 } };
  const bar = {
    ...common,
    xAxis: { type: "category", data: data.groupedBar.categories },
    yAxis: { type: "value" },
    series: data.groupedBar.series.map((s) => ({ type: "bar", name: s.name, data: s.values })),
  };
  const line = {
    ...common,
    xAxis: { type: "category", data: data.cumulativeLine.categories },
    yAxis: { type: "value" },
    series: data.cumulativeLine.series.map((s) => ({ type: "line", name: s.name, data: s.values })),
  };
  const donut = {
    ...common,
    series: [{ type: "pie", name: data.donut.title, radius: ["40%", "70%"], data: data.donut.slices }],
  };
  return [bar, line, donut];
}

export function renderWith(renderer, extensions) {
  echarts.use(extensions);
  return async function render(containers, data, palette, onSelect) {
    const charts = options(data, palette).map((option, i) => {
      const chart = echarts.init(containers[i], null, { renderer });
      chart.setOption(option);
      chart.on("click", (p) => onSelect({ chart: i, category: p.name, series: p.seriesName }));
      return chart;
    });
    return {
      charts,
      exportSvg: (i) => (renderer === "svg" ? charts[i].renderToSVGString() : null),
      exportPng: (i) => {
        const url = charts[i].getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
        if (url.startsWith("data:image/png")) return url;
        // The SVG renderer hands back SVG whatever the type: rasterise it ourselves.
        const { width, height } = containers[i].getBoundingClientRect();
        return pngFromSvgString(charts[i].renderToSVGString(), width, height);
      },
      markPoint: (i) => {
        if (i !== 0) return null;
        const value = data.groupedBar.series[0].values[0];
        const [x, y] = charts[0].convertToPixel({ seriesIndex: 0 }, [0, value / 2]);
        const box = containers[0].getBoundingClientRect();
        // convertToPixel gives the category's centre; series 0 of 3 sits left of it.
        const bar = charts[0].getModel().getSeriesByIndex(0).getData().getItemLayout(0);
        return bar ? { x: box.x + bar.x + bar.width / 2, y: box.y + bar.y + bar.height / 2 } : { x: box.x + x, y: box.y + y };
      },
      // What a keyboard layer of ours would call as focus moves from mark to mark.
      showMark: async (i, series, index) => {
        charts[i].dispatchAction({ type: "highlight", seriesIndex: series, dataIndex: index });
        charts[i].dispatchAction({ type: "showTip", seriesIndex: series, dataIndex: index });
        for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
        const tip = [...containers[i].querySelectorAll("div")].find(
          (div) =>
            div.style.position === "absolute" &&
            div.style.display !== "none" &&
            !div.querySelector("svg, canvas") &&
            div.textContent.trim(),
        );
        // biome-ignore lint/performance/useDomNodeTextContent: the tooltip's text as shown, with spaces between its lines
        return tip?.innerText.replace(/\s+/g, " ").trim() ?? null;
      },
      dispose: () => {
        for (const chart of charts) chart.dispose();
      },
    };
  };
}
