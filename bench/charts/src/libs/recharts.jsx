// Recharts (React components over SVG). React itself is in the initial bundle, as in the client.
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, Pie, PieChart, Tooltip, XAxis, YAxis } from "recharts";
import { pngFromSvgString, svgString } from "../svg-export.js";

function wide(categories, series, key) {
  return categories.map((category, i) => Object.fromEntries([[key, category], ...series.map((s) => [s.name, s.values[i]])]));
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(resolve));
}

export async function render(containers, data, palette, onSelect) {
  const { width, height } = data.size;
  const bars = wide(data.groupedBar.categories, data.groupedBar.series, "category");
  const lines = wide(data.cumulativeLine.categories, data.cumulativeLine.series, "month");
  const elements = [
    <BarChart key="bar" width={width} height={height} data={bars} title={data.groupedBar.title}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="category" />
      <YAxis />
      <Tooltip />
      <Legend />
      {data.groupedBar.series.map((s, i) => (
        <Bar
          key={s.name}
          dataKey={s.name}
          fill={palette[i]}
          isAnimationActive={false}
          onClick={(entry) => onSelect({ chart: 0, category: entry.payload.category, series: s.name })}
        />
      ))}
    </BarChart>,
    <LineChart key="line" width={width} height={height} data={lines} title={data.cumulativeLine.title}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="month" />
      <YAxis />
      <Tooltip />
      <Legend />
      {data.cumulativeLine.series.map((s, i) => (
        <Line key={s.name} dataKey={s.name} stroke={palette[i]} isAnimationActive={false} />
      ))}
    </LineChart>,
    <PieChart key="pie" width={width} height={height} title={data.donut.title}>
      <Pie
        data={data.donut.slices}
        dataKey="value"
        nameKey="name"
        innerRadius="40%"
        outerRadius="70%"
        isAnimationActive={false}
        onClick={(entry) => onSelect({ chart: 2, category: entry.name, series: null })}
      >
        {data.donut.slices.map((slice, i) => (
          <Cell key={slice.name} fill={palette[i]} />
        ))}
      </Pie>
      <Tooltip />
      <Legend />
    </PieChart>,
  ];
  const roots = containers.map((container) => createRoot(container));
  flushSync(() => {
    for (const [i, root] of roots.entries()) root.render(elements[i]);
  });
  // Recharts lays out through its store over more than one commit: wait until every mark is there.
  const expected = [
    data.groupedBar.categories.length * data.groupedBar.series.length,
    data.cumulativeLine.series.length,
    data.donut.slices.length,
  ];
  const selectors = [".recharts-bar-rectangle path", ".recharts-line-curve", ".recharts-pie-sector path"];
  for (let frame = 0; frame < 120; frame++) {
    if (selectors.every((selector, i) => containers[i].querySelectorAll(selector).length >= expected[i])) break;
    await nextFrame();
  }
  // Legend icons are recharts-surface SVGs too: the chart is the wrapper's own child.
  const svgOf = (i) => containers[i].querySelector(".recharts-wrapper > svg.recharts-surface");
  return {
    charts: roots,
    exportSvg: (i) => svgString(svgOf(i)),
    exportPng: (i) => pngFromSvgString(svgString(svgOf(i)), width, height),
    markPoint: (i) => {
      if (i !== 0) return null;
      const box = containers[0].querySelector(".recharts-bar-rectangle path")?.getBoundingClientRect();
      return box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null;
    },
    dispose: () => {
      for (const root of roots) root.unmount();
    },
  };
}
