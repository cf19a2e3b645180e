/**
 * The one module that imports ECharts (docs/charts.md): tree-shaken to the bar, line and pie
 * charts, the grid, legend, tooltip and aria components and the SVG renderer. The chart panel
 * loads it with `import()`, so ECharts stays in a chunk of its own, out of the initial bundle
 * (client/test/build/bundle.test.ts).
 */

import { BarChart, LineChart, PieChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export type { ECharts, EChartsCoreOption } from "echarts/core";

/** A chart drawn as SVG into `host`, sized to it. */
export function createChart(host: HTMLElement) {
  return init(host, null, { renderer: "svg" });
}
