/**
 * The dashboard gadget: one saved report in brief — grand totals and the top groups of its first
 * grouping level — with a link to the full report. On a Jira dashboard the host stores the chosen
 * report per gadget, and only people Jira lets edit the dashboard may choose or change it, where
 * the host allows it (in the gadget itself, or in its separate settings view: `settingsOnly`).
 * Elsewhere (a `?report=` link, no dashboard) the choice is not stored.
 */

import { useCallback, useEffect, useState } from "react";
import type { ReportSummary } from "../../api/resources.gen";
import type { DashboardItem } from "../../host/host";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { LoadStatus } from "../viewer/LoadStatus";
import { describeLoadError, sessionError } from "../viewer/runErrors";
import { issueCountText } from "../viewer/statusText";
import { useReportRun } from "../viewer/useReportSession";
import { useFitToContent } from "./fitToContent";
import { ReportSummaryTable } from "./ReportSummaryTable";

export const TOP_GROUPS = 10;

function ReportPicker({
  current,
  onPick,
  onCancel,
}: {
  current: string | null;
  onPick: (id: string) => Promise<void>;
  onCancel: (() => void) | null;
}) {
  const { api } = useServices();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [chosen, setChosen] = useState(current ?? "");
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listReports({ limit: 100 }).then(
      (page) => setReports(page.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  if (reports === null) return error ? <ErrorBanner message={error} /> : <p className="rb-subtle">Loading reports…</p>;
  if (reports.length === 0) return <p className="rb-empty">There are no reports to show yet. Create one on the Reports page.</p>;
  return (
    <form
      className="rb-gadget-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        setSaving(true);
        setError(null);
        onPick(chosen).catch((reason: unknown) => {
          setError(errorMessage(reason));
          setSaving(false);
        });
      }}
    >
      {error ? <ErrorBanner message={error} /> : null}
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
      <button type="submit" className="rb-button rb-button--primary" disabled={!chosen || saving}>
        Show
      </button>
      {onCancel ? (
        <button type="button" className="rb-button rb-button--subtle" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </form>
  );
}

/** `titledByHost`: Jira shows the report's name above the gadget, so ours is for screen readers only. */
function GadgetReport({ reportId, onChange, titledByHost }: { reportId: string; onChange: (() => void) | null; titledByHost: boolean }) {
  const services = useServices();
  const { state, report, loadError } = useReportRun(reportId);

  useEffect(() => {
    if (report) services.host.setGadgetTitle(report.name);
  }, [report, services.host]);

  const loadProblem = loadError !== null ? describeLoadError(loadError) : null;
  const runError = sessionError(state);
  const result = state.result;
  return (
    <section className="rb-gadget" data-testid="gadget">
      <header className="rb-gadget__header">
        <h2 className={titledByHost ? "rb-visually-hidden" : "rb-gadget__title"}>
          {report?.name ?? (loadProblem ? "Report" : "Loading…")}
        </h2>
        <div className="rb-toolbar">
          {services.host.openReportPage ? (
            <button
              type="button"
              className="rb-link-button"
              onClick={() => services.host.openReportPage?.(reportId)}
              data-testid="open-full-report"
            >
              Open full report
            </button>
          ) : null}
          {onChange ? (
            <button type="button" className="rb-button rb-button--subtle rb-button--compact" onClick={onChange}>
              Change
            </button>
          ) : null}
        </div>
      </header>
      {loadProblem ? <ErrorBanner kind={loadProblem.kind} title={loadProblem.title} message={loadProblem.message} /> : null}
      {runError ? <ErrorBanner kind={runError.kind} title={runError.title} message={runError.message} /> : null}
      {report ? <LoadStatus state={state} /> : null}
      {result ? (
        <>
          <p className="rb-subtle">{issueCountText(result.matchedIssueCount)}</p>
          <ReportSummaryTable result={result} topGroups={TOP_GROUPS} />
        </>
      ) : null}
    </section>
  );
}

/** Where the gadget is and what it shows; `item` is null outside a Jira dashboard. */
interface Placement {
  readonly item: DashboardItem | null;
  readonly reportId: string | null;
}

export function GadgetPage({ initialReportId, settingsOnly = false }: { initialReportId: string | null; settingsOnly?: boolean }) {
  const { host } = useServices();
  const [placement, setPlacement] = useState<Placement | null>(null);
  // The settings view opens on the picker; the gadget itself on its report.
  const [picking, setPicking] = useState(settingsOnly);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const item = (await host.getContext().catch(() => null))?.dashboardItem ?? null;
      // A report named in the URL wins; otherwise the gadget's stored choice, if any.
      const saved = initialReportId === null && item !== null ? await host.getGadgetReport(item) : null;
      if (!cancelled) setPlacement({ item, reportId: initialReportId ?? saved });
    })().catch((reason: unknown) => {
      if (!cancelled) setError(errorMessage(reason));
    });
    return () => {
      cancelled = true;
    };
  }, [host, initialReportId]);
  // Every state (loading, picker, report, a message such as "No permission") has its own height.
  useFitToContent(useCallback(() => host.resize(), [host]));

  if (error) return <ErrorBanner title="The gadget could not load its settings" message={error} />;
  if (placement === null) return <p className="rb-subtle">Loading…</p>;
  const { item, reportId } = placement;
  const mayChoose = item === null || (item.editable && item.choosableHere);

  async function choose(id: string): Promise<void> {
    if (item) await host.chooseGadgetReport(item, id);
    setPlacement({ item, reportId: id });
    setPicking(false);
  }

  if (reportId === null || picking) {
    if (!mayChoose) {
      const who = item?.editable ? "Choose one in the gadget's settings (Edit)." : "Someone who can edit this dashboard can choose one.";
      return <p className="rb-empty">No report is chosen for this gadget yet. {who}</p>;
    }
    const cancel = reportId !== null && !settingsOnly ? () => setPicking(false) : null;
    return <ReportPicker current={reportId} onPick={choose} onCancel={cancel} />;
  }
  return (
    <GadgetReport
      key={reportId}
      reportId={reportId}
      onChange={mayChoose ? () => setPicking(true) : null}
      titledByHost={item?.titledByHost ?? false}
    />
  );
}
