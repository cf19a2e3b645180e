/**
 * The gadget's body: the chosen view of the report's result. A table view is the report in brief
 * (`ReportSummaryTable`); a chart is drawn at the gadget's fixed chart height; a pivot scrolls
 * inside a bounded box. A gadget cannot narrow its view, so a chart mark or pivot cell opens the
 * full report instead (where the host can open it).
 */

import type { ReportPublic } from "../../api/resources.gen";
import type { ReportResult, View } from "../../engine/index";
import { ChartPanel } from "../viewer/chart/ChartPanel";
import { PivotPanel } from "../viewer/pivot/PivotPanel";
import { issueCountText } from "../viewer/statusText";
import { ReportSummaryTable } from "./ReportSummaryTable";

export const TOP_GROUPS = 10;

export function GadgetView({
  result,
  report,
  view,
  siteUrl,
  onOpenReport,
}: {
  result: ReportResult;
  report: ReportPublic;
  view: View;
  siteUrl: string | null;
  /** Opens the full report; null where the host cannot. */
  onOpenReport: (() => void) | null;
}) {
  // The load status above already says how many issues; a chart or pivot needs the height more.
  if (view.kind === "chart") {
    return (
      <div className="rb-gadget__chart" data-testid="gadget-chart">
        <ChartPanel
          result={result}
          view={view}
          report={report}
          label={report.name}
          siteUrl={siteUrl}
          onShowGroup={() => onOpenReport?.()}
        />
      </div>
    );
  }
  if (view.kind === "pivot") {
    return (
      <div className="rb-gadget__pivot" data-testid="gadget-pivot">
        <PivotPanel
          result={result}
          view={view}
          report={report}
          label={report.name}
          siteUrl={siteUrl}
          {...(onOpenReport ? { onDrillDown: () => onOpenReport() } : {})}
        />
      </div>
    );
  }
  return (
    <>
      <p className="rb-subtle">{issueCountText(result.matchedIssueCount)}</p>
      <ReportSummaryTable result={result} topGroups={TOP_GROUPS} />
    </>
  );
}
