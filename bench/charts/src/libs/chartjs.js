// Chart.js with only the controllers, elements, scales and plugins the three charts use.
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  DoughnutController,
  ArcElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export async function render(containers, data, palette, onSelect) {
  const { width, height } = data.size;
  const configs = [
    {
      type: "bar",
      data: {
        labels: data.groupedBar.categories,
        datasets: data.groupedBar.series.map((s, i) => ({ label: s.name, data: s.values, backgroundColor: palette[i] })),
      },
    },
    {
      type: "line",
      data: {
        labels: data.cumulativeLine.categories,
        datasets: data.cumulativeLine.series.map((s, i) => ({
          label: s.name,
          data: s.values,
          borderColor: palette[i],
          backgroundColor: palette[i],
        })),
      },
    },
    {
      type: "doughnut",
      data: {
        labels: data.donut.slices.map((s) => s.name),
        datasets: [{ data: data.donut.slices.map((s) => s.value), backgroundColor: palette }],
      },
    },
  ];
  const charts = configs.map((config, i) => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    containers[i].appendChild(canvas);
    return new Chart(canvas, {
      ...config,
      options: {
        animation: false,
        responsive: false,
        onClick: (_event, elements, chart) => {
          const hit = elements[0];
          if (hit)
            onSelect({ chart: i, category: chart.data.labels[hit.index], series: chart.data.datasets[hit.datasetIndex].label ?? null });
        },
      },
    });
  });
  return {
    charts,
    exportSvg: () => null,
    exportPng: (i) => charts[i].toBase64Image("image/png"),
    markPoint: (i) => {
      if (i !== 0) return null;
      const bar = charts[0].getDatasetMeta(0).data[0];
      const box = charts[0].canvas.getBoundingClientRect();
      return { x: box.x + bar.x, y: box.y + (bar.y + bar.base) / 2 };
    },
    // What a keyboard layer of ours would call as focus moves from mark to mark.
    showMark: (i, series, index) => {
      const active = [{ datasetIndex: series, index }];
      charts[i].setActiveElements(active);
      charts[i].tooltip.setActiveElements(active, { x: 0, y: 0 });
      charts[i].update();
      return [...charts[i].tooltip.title, ...charts[i].tooltip.body.flatMap((b) => b.lines)].join(" ");
    },
    dispose: () => {
      for (const chart of charts) chart.destroy();
      for (const c of containers) c.replaceChildren();
    },
  };
}
