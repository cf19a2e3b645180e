/** A chart view of the report, drawn with ECharts (loaded on demand) from the report's result. */

import type { ChartView, GroupNode, ReportResult } from "../../../engine/index";
import type { ReportPublic } from "../../../api/resources.gen";

export interface ChartPanelProps {
  /** The whole report's result (never a narrowed one). */
  readonly result: ReportResult;
  readonly view: ChartView;
  readonly report: ReportPublic;
  /** The report's name, for the chart's title and description. */
  readonly label: string;
  readonly siteUrl: string | null;
  /** Drill-down from a mark: the table narrowed to that group of the report's result. */
  readonly onShowGroup: (group: GroupNode) => void;
}

export function ChartPanel({ view }: ChartPanelProps) {
  return <p className="rb-subtle">The chart view “{view.name}” is not drawn yet.</p>;
}
