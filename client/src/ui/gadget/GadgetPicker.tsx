/**
 * The gadget's settings: which saved report it shows and, for a report with several views
 * (table, pivot, chart), which of them. The view list is the chosen report's own, read when the
 * report is picked; it starts on the stored view when the report is the stored one, else on the
 * report's first view.
 */

import { useEffect, useState } from "react";
import type { ReportSummary } from "../../api/resources.gen";
import type { View } from "../../engine/index";
import type { GadgetChoice } from "../../host/host";
import { ErrorBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { viewsOf } from "../viewer/ViewTabs";
import { choiceOf, initialViewId } from "./gadgetViews";

/** The views of the report picked last, once read; `views` is null when they could not be. */
interface PickedViews {
  readonly reportId: string;
  readonly views: readonly View[] | null;
}

export function GadgetPicker({
  current,
  onPick,
  onCancel,
}: {
  current: GadgetChoice | null;
  onPick: (choice: GadgetChoice) => Promise<void>;
  onCancel: (() => void) | null;
}) {
  const { api } = useServices();
  const [reports, setReports] = useState<ReportSummary[] | null>(null);
  const [chosen, setChosen] = useState(current?.reportId ?? "");
  const [picked, setPicked] = useState<PickedViews | null>(null);
  const [viewId, setViewId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.listReports({ limit: 100 }).then(
      (page) => setReports(page.items),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [api]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `current` is the stored choice, read once per picked report
  useEffect(() => {
    setPicked(null);
    setViewId(null);
    if (!chosen) return;
    let cancelled = false;
    api.getReport(chosen).then(
      (report) => {
        if (cancelled) return;
        const views = viewsOf(report);
        setPicked({ reportId: chosen, views });
        setViewId(initialViewId(views, chosen, current));
      },
      (e: unknown) => {
        if (cancelled) return;
        // Showing it fails the same way (and says why); the picker offers no views.
        setPicked({ reportId: chosen, views: null });
        setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, chosen]);

  if (reports === null) return error ? <ErrorBanner message={error} /> : <p className="rb-subtle">Loading reports…</p>;
  if (reports.length === 0) return <p className="rb-empty">There are no reports to show yet. Create one on the Reports page.</p>;
  const views = picked?.reportId === chosen ? picked.views : null;
  return (
    <form
      className="rb-gadget-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        setSaving(true);
        setError(null);
        onPick(choiceOf(chosen, views, viewId, current)).catch((reason: unknown) => {
          setError(errorMessage(reason));
          setSaving(false);
        });
      }}
    >
      {error ? <ErrorBanner message={error} /> : null}
      <label htmlFor="rb-gadget-report" className="rb-label">
        Report to show
      </label>
      <select
        id="rb-gadget-report"
        className="rb-select"
        value={chosen}
        onChange={(e) => {
          setError(null);
          setChosen(e.target.value);
        }}
      >
        <option value="">Choose a report…</option>
        {reports.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      {views !== null && views.length > 1 ? (
        <>
          <label htmlFor="rb-gadget-view" className="rb-label">
            View to show
          </label>
          <select id="rb-gadget-view" className="rb-select" value={viewId ?? ""} onChange={(e) => setViewId(e.target.value)}>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </>
      ) : null}
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
