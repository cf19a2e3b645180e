/**
 * The dashboard gadget: one saved report, in the view chosen for it — the report in brief (grand
 * totals and the top groups of its first grouping level) for a table view, or its chart or pivot —
 * with a link to the full report. On a Jira dashboard the host stores the chosen report and view
 * per gadget, and only people Jira lets edit the dashboard may choose or change them, where the
 * host allows it (in the gadget itself, or in its separate settings view: `settingsOnly`).
 * Elsewhere (a `?report=` link, no dashboard) the choice is not stored.
 */

import { useCallback, useEffect, useState } from "react";
import type { DashboardItem, GadgetChoice } from "../../host/host";
import { useHostContext } from "../app/hostContext";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { LoadStatus } from "../viewer/LoadStatus";
import { describeLoadError, sessionError } from "../viewer/runErrors";
import { useReportRun } from "../viewer/useReportSession";
import { viewsOf } from "../viewer/ViewTabs";
import { useFitToContent } from "./fitToContent";
import { GadgetPicker } from "./GadgetPicker";
import { shownView } from "./gadgetViews";
import { GadgetView } from "./GadgetView";

export { TOP_GROUPS } from "./GadgetView";

/** `titledByHost`: Jira shows the report's name above the gadget, so ours is for screen readers only. */
function GadgetReport({
  reportId,
  viewId,
  onChange,
  titledByHost,
}: {
  reportId: string;
  viewId: string | null;
  onChange: (() => void) | null;
  titledByHost: boolean;
}) {
  const services = useServices();
  const hostContext = useHostContext();
  const { state, report, loadError } = useReportRun(reportId);

  useEffect(() => {
    if (report) services.host.setGadgetTitle(report.name);
  }, [report, services.host]);

  const loadProblem = loadError !== null ? describeLoadError(loadError) : null;
  const runError = sessionError(state);
  const result = state.result;
  const openReport = services.host.openReportPage ? () => services.host.openReportPage?.(reportId) : null;
  const views = viewsOf(report);
  const view = shownView(views, viewId);
  return (
    <section className="rb-gadget" data-testid="gadget" data-view-kind={report ? view.kind : undefined}>
      <header className="rb-gadget__header">
        <h2 className={titledByHost ? "rb-visually-hidden" : "rb-gadget__title"}>
          {report?.name ?? (loadProblem ? "Report" : "Loading…")}
        </h2>
        {report && views.length > 1 ? (
          <span className="rb-subtle rb-gadget__view-name" data-testid="gadget-view-name">
            {view.name}
          </span>
        ) : null}
        <div className="rb-toolbar">
          {openReport ? (
            <button type="button" className="rb-link-button" onClick={openReport} data-testid="open-full-report">
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
      {result && report ? (
        <GadgetView result={result} report={report} view={view} siteUrl={hostContext?.siteUrl ?? null} onOpenReport={openReport} />
      ) : null}
    </section>
  );
}

/** Where the gadget is and what it shows; `item` is null outside a Jira dashboard. */
interface Placement {
  readonly item: DashboardItem | null;
  readonly choice: GadgetChoice | null;
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
      // A report named in the URL wins (on its first view); otherwise the gadget's stored choice, if any.
      const saved = initialReportId === null && item !== null ? await host.getGadgetReport(item) : null;
      const choice = initialReportId !== null ? { reportId: initialReportId, viewId: null } : saved;
      if (!cancelled) setPlacement({ item, choice });
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
  const { item, choice } = placement;
  const mayChoose = item === null || (item.editable && item.choosableHere);

  async function choose(next: GadgetChoice): Promise<void> {
    if (item) await host.chooseGadgetReport(item, next);
    setPlacement({ item, choice: next });
    setPicking(false);
  }

  if (choice === null || picking) {
    if (!mayChoose) {
      const who = item?.editable ? "Choose one in the gadget's settings (Edit)." : "Someone who can edit this dashboard can choose one.";
      return <p className="rb-empty">No report is chosen for this gadget yet. {who}</p>;
    }
    const cancel = choice !== null && !settingsOnly ? () => setPicking(false) : null;
    return <GadgetPicker current={choice} onPick={choose} onCancel={cancel} />;
  }
  return (
    // Another view of the same report shows the same result: only another report runs again.
    <GadgetReport
      key={choice.reportId}
      reportId={choice.reportId}
      viewId={choice.viewId}
      onChange={mayChoose ? () => setPicking(true) : null}
      titledByHost={item?.titledByHost ?? false}
    />
  );
}
