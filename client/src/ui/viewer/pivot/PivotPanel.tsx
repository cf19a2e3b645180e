/** A pivot view of the report: `computePivot` over the report's result, drawn as a table. */

import type { PivotView, ReportResult } from "../../../engine/index";
import type { ReportPublic } from "../../../api/resources.gen";

export interface PivotPanelProps {
  /** The whole report's result (never a narrowed one). */
  readonly result: ReportResult;
  readonly view: PivotView;
  readonly report: ReportPublic;
  /** The report's name, for the table's caption. */
  readonly label: string;
  readonly siteUrl: string | null;
}

export function PivotPanel({ view }: PivotPanelProps) {
  return <p className="rb-subtle">The pivot view “{view.name}” is not drawn yet.</p>;
}
