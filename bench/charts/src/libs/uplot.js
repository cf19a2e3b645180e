// uPlot: a time-series canvas plotter. It has no pie/donut and no grouped categorical bars out
// of the box, so only the cumulative line is drawn (its numbers are for size and speed only).
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export async function render(containers, data, palette, onSelect) {
  const { width, height } = data.size;
  const months = data.cumulativeLine.categories.map((m) => Date.parse(`${m}-01T00:00:00Z`) / 1000);
  const plot = new uPlot(
    {
      width,
      height,
      series: [{}, ...data.cumulativeLine.series.map((s, i) => ({ label: s.name, stroke: palette[i] }))],
      hooks: {
        ready: [
          (u) =>
            u.over.addEventListener("click", () => {
              const index = u.cursor.idx;
              if (index != null) onSelect({ chart: 1, category: data.cumulativeLine.categories[index], series: null });
            }),
        ],
      },
    },
    [months, ...data.cumulativeLine.series.map((s) => s.values)],
    containers[1],
  );
  return {
    charts: [null, plot, null],
    exportSvg: () => null,
    exportPng: (i) => (i === 1 ? plot.ctx.canvas.toDataURL("image/png") : null),
    markPoint: () => null,
    dispose: () => {
      plot.destroy();
      for (const c of containers) c.replaceChildren();
    },
  };
}
