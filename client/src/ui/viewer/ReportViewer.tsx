/**
 * The report viewer: loads the definition, runs it through a report session (issues come from
 * Jira in this browser), and shows progress, completeness, errors and the virtualized table,
 * with CSV/XLSX export and print.
 */

import { useCallback, useMemo, useState } from "react";
import { flattenReport } from "../../engine/index";
import type { ReportPublic } from "../../api/resources.gen";
import { useHostContext } from "../app/hostContext";
import { ErrorBanner, InfoBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { useExpansion } from "./expansion";
import { PrintTable, usePrinting } from "./PrintTable";
import { ReportTable } from "./ReportTable";
import { describeLoadError, sessionError } from "./runErrors";
import { LoadStatus } from "./LoadStatus";
import { useReportRun } from "./useReportSession";

export interface ReportViewerProps {
  readonly reportId: string;
  readonly onEdit?: (report: ReportPublic) => void;
  readonly onBack?: () => void;
}

export function ReportViewer({ reportId, onEdit, onBack }: ReportViewerProps) {
  const services = useServices();
  const hostContext = useHostContext();
  const { session, state, report, loadError } = useReportRun(reportId);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<"csv" | "xlsx" | null>(null);
  const expansion = useExpansion();
  const [printing, setPrinting] = usePrinting();

  const result = state.result;
  const rows = useMemo(() => (result ? flattenReport(result, { isExpanded: expansion.isExpanded }) : []), [result, expansion]);
  const loading = state.status === "loading";
  const runError = sessionError(state);
  const loadProblem = loadError !== null ? describeLoadError(loadError) : null;

  const exportAs = useCallback(
    async (kind: "csv" | "xlsx") => {
      if (!result || !report) return;
      setExportError(null);
      setExporting(kind);
      try {
        const exporters = await services.loadExporters();
        // Exports hold every row, whatever is collapsed on screen.
        const all = flattenReport(result);
        const name = exporters.exportFilename(report.name, kind);
        if (kind === "csv") exporters.download(name, exporters.toCsv(result, all), exporters.CSV_MIME);
        else exporters.download(name, exporters.toXlsx(result, all), exporters.XLSX_MIME);
      } catch (error) {
        setExportError(errorMessage(error));
      } finally {
        setExporting(null);
      }
    },
    [result, report, services],
  );

  const print = () => {
    setPrinting(true);
    try {
      window.print();
    } finally {
      setPrinting(false);
    }
  };

  const openIssue = useCallback((key: string) => services.host.openIssue(key), [services.host]);
  const hasGroups = (result?.groupDepth ?? 0) > 0;

  return (
    <section className="rb-screen rb-viewer" aria-busy={loading}>
      <header className="rb-header rb-no-print">
        {onBack ? (
          <button type="button" className="rb-button rb-button--subtle" onClick={onBack}>
            ← Reports
          </button>
        ) : null}
        <h1>{report?.name ?? (loadProblem ? "Report" : "Loading report…")}</h1>
        <div className="rb-toolbar" role="toolbar" aria-label="Report actions">
          {report && onEdit && report.permissions.can_edit ? (
            <button type="button" className="rb-button" onClick={() => onEdit(report)}>
              Edit
            </button>
          ) : null}
          {report ? (
            <button type="button" className="rb-button" onClick={() => void session.run(report)} disabled={loading}>
              Refresh
            </button>
          ) : null}
          <button type="button" className="rb-button" onClick={expansion.expandAll} disabled={!hasGroups} data-testid="expand-all">
            Expand all
          </button>
          <button type="button" className="rb-button" onClick={expansion.collapseAll} disabled={!hasGroups} data-testid="collapse-all">
            Collapse all
          </button>
          <button
            type="button"
            className="rb-button"
            onClick={() => void exportAs("csv")}
            disabled={!result || loading || exporting !== null}
            data-testid="export-csv"
          >
            {exporting === "csv" ? "Exporting…" : "Export CSV"}
          </button>
          <button
            type="button"
            className="rb-button"
            onClick={() => void exportAs("xlsx")}
            disabled={!result || loading || exporting !== null}
            data-testid="export-xlsx"
          >
            {exporting === "xlsx" ? "Exporting…" : "Export XLSX"}
          </button>
          <button type="button" className="rb-button" onClick={print} disabled={!result}>
            Print
          </button>
        </div>
      </header>
      {report?.description ? <p className="rb-description rb-subtle">{report.description}</p> : null}

      {loadProblem ? <ErrorBanner kind={loadProblem.kind} title={loadProblem.title} message={loadProblem.message} /> : null}
      {runError ? <ErrorBanner kind={runError.kind} title={runError.title} message={runError.message} /> : null}
      {exportError ? (
        <ErrorBanner kind="export" title="Export failed" message={exportError} onDismiss={() => setExportError(null)} />
      ) : null}
      {result && (result.warnings.length > 0 || result.formulaErrors.length > 0) ? (
        <InfoBanner tone="warning">
          <div className="rb-banner__title">Parts of this report's definition were ignored</div>
          <ul className="rb-warning-list">
            {result.warnings.map((w, i) => (
              <li key={`w${i}`}>{w.message}</li>
            ))}
            {result.formulaErrors.map((f, i) => (
              <li key={`f${i}`}>
                {f.formulaKey} ({f.part}, at {f.position + 1}): {f.message}
              </li>
            ))}
          </ul>
        </InfoBanner>
      ) : null}

      {report ? <LoadStatus state={state} /> : null}

      {/* A run that failed before any issue arrived has nothing to show but its error. */}
      {result && !(runError && result.loadedIssueCount === 0) ? (
        <>
          <ReportTable
            result={result}
            rows={rows}
            expansion={expansion}
            siteUrl={hostContext?.siteUrl ?? null}
            onOpenIssue={openIssue}
            label={report?.name ?? "Report"}
          />
          {result.matchedIssueCount === 0 && state.status === "complete" ? <p className="rb-empty">No issues match this report.</p> : null}
          {printing ? <PrintTable result={result} title={report?.name ?? "Report"} /> : null}
        </>
      ) : null}
    </section>
  );
}
