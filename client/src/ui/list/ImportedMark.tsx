/**
 * The mark of a report made by an import: an "Imported" lozenge and the date, so a copy can be
 * told apart from a report of the same name made on this site.
 */

import type { ReportSummary } from "../../api/resources.gen";
import { formatTimestamp } from "../common/dates";

/** The date shown beside the lozenge and the full sentence for its tooltip; null when the report
 * was not imported. */
export function importedMark(
  report: Pick<ReportSummary, "imported_at" | "imported_from">,
  timeZone: string | undefined,
  locale?: string,
): { date: string; sentence: string } | null {
  if (!report.imported_at) return null;
  const date = formatTimestamp(report.imported_at, timeZone, locale);
  const from = report.imported_from ? ` from ${report.imported_from}` : "";
  return { date, sentence: `Imported ${date}${from}` };
}

export function ImportedMark({
  report,
  timeZone,
  locale,
}: {
  report: Pick<ReportSummary, "imported_at" | "imported_from">;
  timeZone: string | undefined;
  locale?: string;
}) {
  const mark = importedMark(report, timeZone, locale);
  if (!mark) return null;
  return (
    <span className="rb-imported-mark" data-testid="imported-mark" title={mark.sentence}>
      <span className="rb-lozenge rb-lozenge--information">Imported</span>{" "}
      <span className="rb-subtle">
        <span className="rb-visually-hidden">on </span>
        {mark.date}
      </span>
    </span>
  );
}
