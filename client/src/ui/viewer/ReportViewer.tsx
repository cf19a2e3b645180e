/**
 * The report viewer: loads the definition, runs it through a report session (issues come from
 * Jira in this browser), and shows progress, completeness, errors and the virtualized table,
 * with CSV/XLSX export and print.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flattenReport } from "../../engine/index";
import type { ReportPublic } from "../../api/resources.gen";
import { useHostContext } from "../app/hostContext";
import { ErrorBanner, InfoBanner } from "../common/ErrorBanner";
import { type MenuItem, MenuButton } from "../common/MenuButton";
import { useServices } from "../services";
import { ExportMenu } from "./ExportMenu";
import { useExpansion } from "./expansion";
import { PrintTable, usePrinting } from "./PrintTable";
import { ReportTable } from "./ReportTable";
import { DrillDownProvider } from "./drillDown";
import { describeLoadError, sessionError } from "./runErrors";
import { LoadStatus } from "./LoadStatus";
import { filterCountOf } from "./statusText";
import { useReportRun } from "./useReportSession";
import { ViewerNotice } from "./ViewerNotice";
import { showsTable, viewerStateNotice } from "./viewerStates";

export interface ReportViewerProps {
  readonly reportId: string;
  readonly onEdit?: (report: ReportPublic) => void;
  readonly onBack?: () => void;
}

export function ReportViewer({ reportId, onEdit, onBack }: ReportViewerProps) {
  const services = useServices();
  const hostContext = useHostContext();
  const { session, state, report, loadError, reload } = useReportRun(reportId);
  const [exportError, setExportError] = useState<string | null>(null);
  const expansion = useExpansion();
  const [printing, setPrinting] = usePrinting();

  const result = state.result;
  const rows = useMemo(() => (result ? flattenReport(result, { isExpanded: expansion.isExpanded }) : []), [result, expansion]);
  const loading = state.status === "loading";
  const runError = sessionError(state);
  const loadProblem = loadError !== null ? describeLoadError(loadError) : null;
  const canEdit = Boolean(report && onEdit && report.permissions.can_edit);
  const filterCount = report ? filterCountOf(report) : 0;
  const notice = viewerStateNotice({ loadProblem, runError, state, jql: report?.jql ?? null, canEdit, filterCount });
  const edit = report && onEdit && canEdit ? () => onEdit(report) : undefined;
  const refresh = useCallback(() => {
    if (report) void session.run(report);
    else reload();
  }, [report, session, reload]);

  // Screen reader and keyboard users start at the report's name when a report opens.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

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
        <h1 ref={headingRef} tabIndex={-1} className="rb-viewer__title">
          {report?.name ?? (loadProblem ? "Report" : "Loading report…")}
        </h1>
        <div className="rb-toolbar" role="toolbar" aria-label="Report actions">
          {/* One primary action: Edit for the report's editors, else Refresh; the rest in "…". */}
          {edit ? (
            <button type="button" className="rb-button rb-button--primary" onClick={edit} data-testid="edit-report">
              Edit
            </button>
          ) : report ? (
            <button type="button" className="rb-button rb-button--primary" onClick={refresh} disabled={loading} data-testid="refresh">
              Refresh
            </button>
          ) : null}
          <ExportMenu result={result} reportName={report?.name ?? null} disabled={loading} onError={setExportError} />
          <MenuButton
            label="More actions"
            items={secondaryActions({ edit, refresh, loading, hasGroups, expansion, print, hasResult: result !== null })}
            testId="more-actions"
          >
            …
          </MenuButton>
        </div>
      </header>
      {report?.description ? <p className="rb-description rb-subtle">{report.description}</p> : null}

      {notice ? (
        <ViewerNotice
          notice={notice}
          administrators={report?.people.administrators ?? []}
          onEdit={edit}
          onRetry={refresh}
          onBack={onBack}
        />
      ) : null}
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

      {report ? <LoadStatus state={state} filterCount={filterCount} /> : null}

      {/* Empty results and runs that failed before any issue arrived show their notice, no table frame. */}
      {result && showsTable(state, notice) ? (
        <>
          {/* "Open in Jira" in the group and total rows reads the report and result from here. */}
          <DrillDownProvider report={report} result={result} siteUrl={hostContext?.siteUrl ?? null}>
            <ReportTable
              result={result}
              rows={rows}
              expansion={expansion}
              siteUrl={hostContext?.siteUrl ?? null}
              onOpenIssue={openIssue}
              label={report?.name ?? "Report"}
              report={report}
            />
          </DrillDownProvider>
          {printing ? <PrintTable result={result} title={report?.name ?? "Report"} /> : null}
        </>
      ) : null}
    </section>
  );
}

interface SecondaryActionsInput {
  readonly edit: (() => void) | undefined;
  readonly refresh: () => void;
  readonly loading: boolean;
  readonly hasGroups: boolean;
  readonly hasResult: boolean;
  readonly expansion: { readonly expandAll: () => void; readonly collapseAll: () => void };
  readonly print: () => void;
}

/** The toolbar's "…" menu: everything but the primary action (and the export menu). */
function secondaryActions({ edit, refresh, loading, hasGroups, hasResult, expansion, print }: SecondaryActionsInput): MenuItem[] {
  return [
    // Refresh is the primary action of people who can't edit; editors find it here.
    ...(edit ? [{ key: "refresh", label: "Refresh", onSelect: refresh, disabled: loading, testId: "refresh" }] : []),
    { key: "expand", label: "Expand all", onSelect: expansion.expandAll, disabled: !hasGroups, testId: "expand-all" },
    { key: "collapse", label: "Collapse all", onSelect: expansion.collapseAll, disabled: !hasGroups, testId: "collapse-all" },
    { key: "print", label: "Print", onSelect: print, disabled: !hasResult, testId: "print" },
  ];
}
