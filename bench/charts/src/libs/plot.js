// Observable Plot. It has no pie or donut mark: the donut is drawn with d3-shape (Plot's own
// dependency) as the nearest equivalent, so the chart set stays the same.
import * as Plot from "@observablehq/plot";
import { arc, pie } from "d3-shape";
import { barRows, lineRows } from "../data.js";
import { pngFromSvgString, svgString } from "../svg-export.js";

const SVG = "http://www.w3.org/2000/svg";

function donutSvg(data, palette, width, height) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("viewBox", `${-width / 2} ${-height / 2} ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", data.donut.title);
  const radius = Math.min(width, height) / 2 - 10;
  const path = arc()
    .innerRadius(radius * 0.55)
    .outerRadius(radius);
  pie()
    .value((d) => d.value)
    .sort(null)(data.donut.slices)
    .forEach((slice, i) => {
      const element = document.createElementNS(SVG, "path");
      element.setAttribute("d", path(slice));
      element.setAttribute("fill", palette[i % palette.length]);
      element.__datum = slice.data;
      svg.appendChild(element);
    });
  return svg;
}

export async function render(containers, data, palette, onSelect) {
  const { width, height } = data.size;
  const bars = barRows();
  const lines = lineRows();
  const figures = [
    Plot.plot({
      width,
      height,
      ariaLabel: data.groupedBar.title,
      color: { domain: data.groupedBar.series.map((s) => s.name), range: palette, legend: true },
      fx: { domain: data.groupedBar.categories, label: null },
      x: { axis: null },
      y: { grid: true, label: "Issues" },
      marks: [
        Plot.barY(bars, {
          fx: "category",
          x: "series",
          y: "value",
          fill: "series",
          title: (d) => `${d.category}, ${d.series}: ${d.value}`,
        }),
      ],
    }),
    Plot.plot({
      width,
      height,
      ariaLabel: data.cumulativeLine.title,
      color: { domain: data.cumulativeLine.series.map((s) => s.name), range: palette, legend: true },
      x: { type: "point", label: null, tickRotate: -45 },
      y: { grid: true, label: "Issues" },
      marks: [
        Plot.lineY(lines, { x: "month", y: "value", stroke: "series" }),
        Plot.dot(lines, { x: "month", y: "value", fill: "series", r: 2 }),
      ],
    }),
    donutSvg(data, palette, width, height),
  ];
  for (const [i, figure] of figures.entries()) containers[i].appendChild(figure);
  // Plot draws no events: a click maps the element back to its row through the index d3 binds.
  figures[0].addEventListener("click", (event) => {
    const index = event.target.__data__;
    if (typeof index === "number" && bars[index]) onSelect({ chart: 0, category: bars[index].category, series: bars[index].series });
  });
  figures[2].addEventListener("click", (event) => {
    if (event.target.__datum) onSelect({ chart: 2, category: event.target.__datum.name, series: null });
  });
  // With a legend Plot returns a <figure>: the HTML legend, then the chart's <svg>.
  const svgOf = (i) => (figures[i].tagName.toLowerCase() === "svg" ? figures[i] : figures[i].querySelector(":scope > svg"));
  return {
    charts: figures,
    exportSvg: (i) => svgString(svgOf(i)),
    exportPng: (i) => pngFromSvgString(svgString(svgOf(i)), width, height),
    markPoint: (i) => {
      if (i !== 0) return null;
      const rect = [...containers[0].querySelectorAll("rect")].find((r) => r.__data__ === 0);
      const box = rect?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
    },
    dispose: () => {
      for (const c of containers) c.replaceChildren();
    },
  };
}
