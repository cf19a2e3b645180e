/**
 * The dashboard gadget: one saved report in brief — grand totals and the top groups of its first
 * grouping level — with a link to the full report. The choice is kept in component state (and
 * the URL's `?report=`), not stored anywhere.
 */

import { useEffect, useState } from "react";
import type { ReportSummary } from "../../api/types.gen";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { LoadStatus } from "../viewer/LoadStatus";
import { describeLoadError, sessionError } from "../viewer/runErrors";
import { formatCount } from "../viewer/statusText";
import { useReportRun } from "../viewer/useReportSession";
import { ReportSummaryTable } from "./ReportSummaryTable";

export const TOP_GROUPS = 10;

function ReportPicker({ onPick }: { onPick: (id: string) => void }) {
  const { api } = useServices();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listReports({ limit: 100 }).then(
      (page) => setReports(page.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  if (error) return <ErrorBanner message={error} />;
  if (reports === null) return <p className="rb-subtle">Loading reports…</p>;
  if (reports.length === 0) return <p className="rb-empty">There are no reports to show yet. Create one on the Reports page.</p>;
  return (
    <form
      className="rb-gadget-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onPick(chosen);
      }}
    >
      <label htmlFor="rb-gadget-report" className="rb-label">
        Report to show
      </label>
      <select id="rb-gadget-report" className="rb-select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">Choose a report…</option>
        {reports.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <button type="submit" className="rb-button rb-button--primary" disabled={!chosen}>
        Show
      </button>
    </form>
  );
}

function GadgetReport({ reportId, onChange }: { reportId: string; onChange: () => void }) {
  const services = useServices();
  const { state, report, loadError } = useReportRun(reportId);

  useEffect(() => services.host.resize(), [state.status, report, services.host]);

  const loadProblem = loadError !== null ? describeLoadError(loadError) : null;
  const runError = sessionError(state);
  const result = state.result;
  return (
    <section className="rb-gadget" data-testid="gadget">
      <header className="rb-gadget__header">
        <h2 className="rb-gadget__title">{report?.name ?? (loadProblem ? "Report" : "Loading…")}</h2>
        <div className="rb-toolbar">
          {services.openReportPage ? (
            <button type="button" className="rb-link-button" onClick={() => services.openReportPage?.(reportId)} data-testid="open-full-report">
              Open full report
            </button>
          ) : null}
          <button type="button" className="rb-button rb-button--subtle rb-button--compact" onClick={onChange}>
            Change
          </button>
        </div>
      </header>
      {loadProblem ? <ErrorBanner kind={loadProblem.kind} title={loadProblem.title} message={loadProblem.message} /> : null}
      {runError ? <ErrorBanner kind={runError.kind} title={runError.title} message={runError.message} /> : null}
      {report ? <LoadStatus state={state} /> : null}
      {result ? (
        <>
          <p className="rb-subtle">
            {formatCount(result.matchedIssueCount)} {result.matchedIssueCount === 1 ? "issue" : "issues"}
          </p>
          <ReportSummaryTable result={result} topGroups={TOP_GROUPS} />
        </>
      ) : null}
    </section>
  );
}

export function GadgetPage({ initialReportId }: { initialReportId: string | null }) {
  const [reportId, setReportId] = useState<string | null>(initialReportId);
  if (reportId === null) return <ReportPicker onPick={setReportId} />;
  return <GadgetReport key={reportId} reportId={reportId} onChange={() => setReportId(null)} />;
}
