/**
 * The chart's data as a table: the same numbers the chart draws (running totals when it draws
 * them), one row per category and one column per series. Always in the DOM, as the chart's
 * `aria-describedby` target; visually hidden until "Show as table" is pressed.
 */

import type { ChartData } from "./chartData";

export function ChartDataTable({ id, data, caption, visible }: { id: string; data: ChartData; caption: string; visible: boolean }) {
  return (
    <div className={visible ? "rb-chart-data" : "rb-visually-hidden"}>
      <table id={id} className="rb-chart-data__table" data-testid="chart-data">
        <caption className="rb-chart-data__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{data.xName}</th>
            {data.series.map((series, s) => (
              <th key={`${s}-${series.name}`} scope="col" data-testid="chart-series">
                {series.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.categories.map((category, c) => (
            <tr key={category.group.id}>
              <th scope="row">{category.label}</th>
              {data.series.map((series, s) => (
                <td key={`${s}-${series.name}`}>{data.displays[s]?.[c] ?? ""}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
