/**
 * The report viewer: loads the definition, runs it through a report session (issues come from
 * Jira in this browser), and shows progress, completeness, errors and the virtualized table,
 * with CSV/XLSX export and print. The table can be narrowed to one group ("Show only", with a
 * breadcrumb back); search, sort, print and exports then act on that group. A report with several
 * views (table, pivot, chart) shows them as tabs over the same result; drilling down from a pivot
 * cell or a chart mark narrows the table the same way, and the breadcrumb leads back to the view.
 */

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { flattenReport, type GroupNode, type View } from "../../engine/index";
import type { ReportPublic } from "../../api/resources.gen";
import { useHostContext } from "../app/hostContext";
import { groupLabel } from "../common/bucketLabels";
import { ErrorBanner, InfoBanner } from "../common/ErrorBanner";
import { type MenuItem, MenuButton } from "../common/MenuButton";
import { useServices } from "../services";
import { Breadcrumb } from "./Breadcrumb";
import { ExportMenu } from "./ExportMenu";
import { useExpansion } from "./expansion";
import { PrintTable, usePrinting } from "./PrintTable";
import { TableFormatsProvider } from "./TableFormatsContext";
import { ReportTable } from "./ReportTable";
import { DrillDownProvider } from "./drillDown";
import { describeLoadError, sessionError } from "./runErrors";
import { LoadStatus } from "./LoadStatus";
import { narrowedExportName, narrowTo } from "./narrowing";
import { filterCountOf } from "./statusText";
import { useReportRun } from "./useReportSession";
import { ViewerNotice } from "./ViewerNotice";
import { ChartPanel } from "./chart/ChartPanel";
import { PivotPanel } from "./pivot/PivotPanel";
import { usePivotDrill } from "./pivot/usePivotDrill";
import { VIEW_PANEL_ID, ViewTabs, viewsOf, viewTabId } from "./ViewTabs";
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
  const narrowing = useNarrowing();
  const views = viewsOf(report);
  const [viewId, setViewId] = useState<string | null>(null);
  const view = views.find((v) => v.id === viewId) ?? views[0]!;
  // A drill-down from a pivot cell: the table over the cell's issues (view state only, like "Show only").
  const pivotDrill = usePivotDrill(result, report, narrowing);
  const { drilled, base } = pivotDrill;
  const selectView = useCallback(
    (next: View) => {
      narrowing.goBack([], null);
      pivotDrill.reset();
      setViewId(next.id);
    },
    [narrowing, pivotDrill],
  );
  // The narrowed view is found again in every new result (more pages, Refresh) by the group's id.
  const narrowed = useMemo(() => (base ? narrowTo(base, narrowing.groupId) : null), [base, narrowing.groupId]);
  const shown = narrowed?.result ?? null;
  const path = narrowed?.path ?? [];
  const isNarrowed = path.length > 0 || drilled !== null;
  const crumbs = useMemo(
    () => (base ? [...pivotDrill.crumbs, ...path.map((g) => ({ id: g.id, label: groupLabel(base, g) }))] : []),
    [base, pivotDrill.crumbs, path],
  );
  const rows = useMemo(() => (shown ? flattenReport(shown, { isExpanded: expansion.isExpanded }) : []), [shown, expansion]);
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
  const shownName = report
    ? narrowedExportName(
        report.name,
        crumbs.map((c) => c.label),
      )
    : null;
  const goBack = useCallback((crumbId: string | null) => pivotDrill.goBack(crumbId, path), [pivotDrill, path]);

  // Escape leaves a narrowed view for the whole report, unless something inside used the key
  // (a menu closing, the search box clearing) or it was typed into a field.
  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    if (event.key !== "Escape" || event.defaultPrevented || !isNarrowed) return;
    if ((event.target as HTMLElement).closest("input, textarea, select, [role='menu']")) return;
    event.preventDefault();
    goBack(null);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape bubbling up from the table or the breadcrumb, not a control of its own
    <section className="rb-screen rb-viewer" aria-busy={loading} onKeyDown={onKeyDown}>
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
          {/* Exports hold what is shown: a narrowed view's group only, named after its path. */}
          <ExportMenu result={shown} view={isNarrowed ? null : view} reportName={shownName} disabled={loading} onError={setExportError} />
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

      {report ? <ViewTabs views={views} current={view} onSelect={selectView} /> : null}
      {/* Empty results and runs that failed before any issue arrived show their notice, no table frame. */}
      {result && shown && report && showsTable(state, notice) ? (
        <div
          className="rb-view-panel"
          {...(views.length > 1 ? { id: VIEW_PANEL_ID, role: "tabpanel", "aria-labelledby": viewTabId(view) } : {})}
        >
          {/* A narrowed view is always the table: the drill-down of whichever view it came from. */}
          {view.kind === "pivot" && !isNarrowed ? (
            <PivotPanel
              result={result}
              view={view}
              report={report}
              label={report.name}
              siteUrl={hostContext?.siteUrl ?? null}
              onDrillDown={pivotDrill.drillDown}
              focusCell={pivotDrill.returnFocus}
            />
          ) : view.kind === "chart" && !isNarrowed ? (
            <ChartPanel
              result={result}
              view={view}
              report={report}
              label={report.name}
              siteUrl={hostContext?.siteUrl ?? null}
              onShowGroup={narrowing.narrow}
            />
          ) : (
            // The table's cells are tinted by the conditional formats of the report's first table view.
            <TableFormatsProvider views={report.views}>
              {/* "Open in Jira" and "Show only" in the group and total rows read the report and result from here. */}
              <DrillDownProvider
                report={pivotDrill.report}
                result={drilled ? base : result}
                siteUrl={hostContext?.siteUrl ?? null}
                scope={path[path.length - 1] ?? (drilled ? (base?.root ?? null) : null)}
                scopeLabel={drilled && path.length === 0 ? base?.root.label : undefined}
                onNarrow={narrowing.narrow}
              >
                <Breadcrumb
                  path={crumbs}
                  onGo={goBack}
                  focusCurrent={narrowing.focusCurrent || pivotDrill.focusCurrent}
                  {...(drilled ? { rootLabel: drilled.viewName } : {})}
                />
                <ReportTable
                  result={shown}
                  rows={rows}
                  expansion={expansion}
                  siteUrl={hostContext?.siteUrl ?? null}
                  onOpenIssue={openIssue}
                  label={shownName ?? "Report"}
                  report={report}
                  focusGroup={narrowing.returnFocus}
                />
              </DrillDownProvider>
              {printing ? <PrintTable result={shown} title={shownName ?? "Report"} /> : null}
            </TableFormatsProvider>
          )}
        </div>
      ) : null}
    </section>
  );
}

interface Narrowing {
  /** The group the table is narrowed to; null: the whole report. */
  readonly groupId: string | null;
  /** True right after "Show only": focus goes to the breadcrumb, as the row's button is gone. */
  readonly focusCurrent: boolean;
  /** After going back up: the group row the user came out of, to focus in the table. */
  readonly returnFocus: { readonly groupId: string } | null;
  narrow(group: GroupNode): void;
  /** Back up `path` to the group `groupId` (null: the whole report). */
  goBack(path: readonly GroupNode[], groupId: string | null): void;
}

/** View state only: no server call, no new Jira request, no URL change. */
function useNarrowing(): Narrowing {
  const [groupId, setGroupId] = useState<string | null>(null);
  const [focusCurrent, setFocusCurrent] = useState(false);
  const [returnFocus, setReturnFocus] = useState<{ readonly groupId: string } | null>(null);
  const narrow = useCallback((group: GroupNode) => {
    setGroupId(group.id);
    setFocusCurrent(true);
    setReturnFocus(null);
  }, []);
  const goBack = useCallback((path: readonly GroupNode[], to: string | null) => {
    const left = path[to === null ? 0 : path.findIndex((g) => g.id === to) + 1];
    setGroupId(to);
    setFocusCurrent(false);
    setReturnFocus(left ? { groupId: left.id } : null);
  }, []);
  return useMemo(() => ({ groupId, focusCurrent, returnFocus, narrow, goBack }), [groupId, focusCurrent, returnFocus, narrow, goBack]);
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
