// The three charts as Vega-Lite specs over long-form rows.
import { barRows, lineRows } from "../data.js";

const fit = { width: 640, height: 360, autosize: { type: "fit", contains: "padding" } };

export function specs(data, palette) {
  const seriesColour = (domain) => ({ scale: { domain, range: palette } });
  return [
    {
      ...fit,
      description: data.groupedBar.title,
      data: { values: barRows() },
      mark: "bar",
      encoding: {
        x: { field: "category", type: "nominal", sort: data.groupedBar.categories, title: null },
        xOffset: { field: "series" },
        y: { field: "value", type: "quantitative", title: "Issues" },
        color: { field: "series", type: "nominal", ...seriesColour(data.groupedBar.series.map((s) => s.name)) },
        tooltip: [{ field: "category" }, { field: "series" }, { field: "value" }],
      },
    },
    {
      ...fit,
      description: data.cumulativeLine.title,
      data: { values: lineRows() },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "month", type: "ordinal", title: null },
        y: { field: "value", type: "quantitative", title: "Issues" },
        color: { field: "series", type: "nominal", ...seriesColour(data.cumulativeLine.series.map((s) => s.name)) },
      },
    },
    {
      ...fit,
      description: data.donut.title,
      data: { values: data.donut.slices },
      mark: { type: "arc", innerRadius: 60 },
      encoding: {
        theta: { field: "value", type: "quantitative" },
        color: { field: "name", type: "nominal", title: "Status", ...seriesColour(data.donut.slices.map((s) => s.name)) },
      },
    },
  ];
}

// What the harness needs from a rendered Vega view, however it was made.
export function handle(views, containers, onSelect) {
  for (const [i, view] of views.entries()) {
    view.addEventListener("click", (_event, item) => {
      const datum = item?.datum;
      if (datum) onSelect({ chart: i, category: datum.category ?? datum.month ?? datum.name, series: datum.series ?? null });
    });
  }
  return {
    charts: views,
    exportSvg: (i) => views[i].toSVG(),
    exportPng: (i) => views[i].toImageURL("png", 2),
    markPoint: (i) => {
      if (i !== 0) return null;
      const first = containers[0].querySelector(".mark-rect path");
      const box = first?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
    },
    dispose: () => {
      for (const view of views) view.finalize();
    },
  };
}
