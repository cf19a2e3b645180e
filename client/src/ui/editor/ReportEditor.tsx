/**
 * The report editor: nine panes over one draft, JQL checked with Jira, an unsaved-changes guard,
 * and saving with optimistic concurrency (conflicts explained, never overwritten silently).
 * Loaded lazily: none of this is in the initial bundle.
 */

import { useCallback, useEffect, useId, useMemo, useState } from "react";
import type { ReportPublic } from "../../api/resources.gen";
import { historyFieldChoices, type FieldDetails, type JiraStatus } from "../../engine/index";
import { useHostContext } from "../app/hostContext";
import { ConfirmDialog } from "../common/Dialog";
import { ErrorBanner, InfoBanner } from "../common/ErrorBanner";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import { draftFromReport, newDraft, sameDraft, type Draft } from "./draft";
import { EditorTabs, PANES, paneOfPath, type PaneId } from "./EditorTabs";
import { buildFieldChoices } from "./fieldChoices";
import { loadSample } from "./formulaPreview";
import { LivePreview } from "./LivePreview";
import { ColumnsPane } from "./panes/ColumnsPane";
import { FilteringPane } from "./panes/FilteringPane";
import { FormulasPane, type SampleState } from "./panes/FormulasPane";
import { GeneralPane } from "./panes/GeneralPane";
import { GroupingPane } from "./panes/GroupingPane";
import { HistoryPane } from "./panes/HistoryPane";
import { PeoplePane } from "./panes/PeoplePane";
import { SortingPane } from "./panes/SortingPane";
import { ViewsPane } from "./panes/ViewsPane";
import { countUnder } from "./serverErrors";
import { useJqlCheck } from "./useJqlCheck";
import { useSaveReport } from "./useSaveReport";
import { useLeaveRequest, useUnsavedGuard } from "./useUnsavedGuard";

export interface ReportEditorProps {
  /** null: a new report. */
  readonly reportId: string | null;
  readonly onSaved: (report: ReportPublic) => void;
  readonly onCancel: () => void;
  /** The page wants to leave the editor (the browser's Back or Forward): answer through
   * `onLeaveAnswer`, after asking when there are unsaved changes. */
  readonly leaveRequested?: boolean;
  readonly onLeaveAnswer?: (leave: boolean) => void;
}

interface Loaded {
  readonly draft: Draft;
  readonly baseline: Draft;
  readonly version: number | null;
}

export default function ReportEditor({ reportId, onSaved, onCancel, leaveRequested = false, onLeaveAnswer }: ReportEditorProps) {
  const services = useServices();
  const { api, jira, host } = services;
  const hostContext = useHostContext();
  const idPrefix = useId();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fields, setFields] = useState<readonly FieldDetails[]>([]);
  const [fieldsError, setFieldsError] = useState<string | null>(null);
  const [statuses, setStatuses] = useState<readonly JiraStatus[]>([]);
  const [statusesError, setStatusesError] = useState<string | null>(null);
  const [pane, setPane] = useState<PaneId>("general");
  // Who asked to leave with unsaved changes: the editor's own Back/Cancel, or the page's history.
  const [confirmLeave, setConfirmLeave] = useState<"cancel" | "navigation" | null>(null);
  const [conflictDialog, setConflictDialog] = useState(false);
  const [localErrors, setLocalErrors] = useState<{ name?: string; jql?: string }>({});
  const [sample, setSample] = useState<SampleState>({ status: "none" });
  const { state: saveState, save, clearConflict, clearBanner } = useSaveReport(reportId);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new report's draft is made once, when the editor opens; later context changes must not reset it
  useEffect(() => {
    let cancelled = false;
    if (reportId === null) {
      const draft = newDraft({ accountId: hostContext?.accountId ?? null, projectKey: services.projectKey ?? hostContext?.projectKey });
      setLoaded({ draft, baseline: draft, version: null });
      return;
    }
    api.getReport(reportId).then(
      (report) => {
        if (cancelled) return;
        const draft = draftFromReport(report);
        setLoaded({ draft, baseline: draft, version: report.version });
      },
      (error: unknown) => {
        if (!cancelled) setLoadError(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
    };
    // The host context only seeds a new draft; it must not reset one being edited.
  }, [reportId, api]);

  useEffect(() => {
    let cancelled = false;
    jira.fetchFields().then(
      (list) => {
        if (!cancelled) setFields(list);
      },
      (error: unknown) => {
        if (!cancelled) setFieldsError(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [jira]);

  // History fields per status, and cycle time's ends, name the site's statuses.
  useEffect(() => {
    let cancelled = false;
    jira.statuses().then(
      (list) => {
        if (!cancelled) setStatuses(list);
      },
      (error: unknown) => {
        if (!cancelled) setStatusesError(errorMessage(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [jira]);

  const draft = loaded?.draft ?? null;
  const dirty = loaded !== null && !sameDraft(loaded.draft, loaded.baseline);
  useUnsavedGuard(dirty);
  useLeaveRequest(leaveRequested, dirty, () => setConfirmLeave("navigation"), onLeaveAnswer);
  const { state: jqlCheck, checkNow } = useJqlCheck(draft?.jql ?? "");
  const historyChoices = useMemo(() => historyFieldChoices(statuses), [statuses]);
  const fieldChoices = useMemo(
    () => buildFieldChoices(fields, draft?.formula_fields ?? [], historyChoices),
    [fields, draft?.formula_fields, historyChoices],
  );

  const onChange = useCallback((update: (d: Draft) => Draft) => {
    setLoaded((l) => (l ? { ...l, draft: update(l.draft) } : l));
  }, []);

  const errorCounts = useMemo(() => {
    const counts = {} as Record<PaneId, number>;
    for (const p of PANES) counts[p.id] = countUnder(saveState.fieldErrors, p.errorPrefixes);
    counts.general += (localErrors.name ? 1 : 0) + (localErrors.jql ? 1 : 0);
    return counts;
  }, [saveState.fieldErrors, localErrors]);

  const doSave = async (version: number | null) => {
    if (!loaded) return;
    const problems: { name?: string; jql?: string } = {};
    if (loaded.draft.name.trim() === "") problems.name = "Give the report a name.";
    if (loaded.draft.jql.trim() === "") problems.jql = "Enter the JQL that selects the report's issues.";
    setLocalErrors(problems);
    if (problems.name || problems.jql) {
      setPane("general");
      return;
    }
    // Save checks the JQL with Jira and the formulas with the engine (names resolve like in the pane).
    const { saved, fieldErrors } = await save(
      loaded.draft,
      version,
      fieldChoices.options.map((o) => ({ key: o.key, name: o.name, type: o.type })),
    );
    if (saved) {
      setLoaded({ draft: draftFromReport(saved), baseline: draftFromReport(saved), version: saved.version });
      host.showFlag({ type: "success", title: "Report saved", body: saved.name });
      onSaved(saved);
      return;
    }
    // Show the first pane with an error, in this event rather than an effect: an effect could run
    // after the user has already picked another tab and pull them back.
    const first = [...fieldErrors.keys()].map(paneOfPath).find((p) => p !== null);
    if (first) setPane(first);
  };

  useEffect(() => {
    // Without their version there is nothing to reload: the banner alone explains the conflict.
    if (saveState.conflict) setConflictDialog(saveState.conflict.theirs !== null);
  }, [saveState.conflict]);

  const reloadTheirs = () => {
    const theirs = saveState.conflict?.theirs;
    if (theirs) {
      const d = draftFromReport(theirs);
      setLoaded({ draft: d, baseline: d, version: theirs.version });
    }
    setConflictDialog(false);
    clearConflict();
  };

  const leave = () => {
    if (dirty) setConfirmLeave("cancel");
    else onCancel();
  };

  const loadPreviewSample = () => {
    if (!draft) return;
    setSample({ status: "loading" });
    loadSample(jira, draft, fields).then(
      (s) => setSample({ status: "ready", sample: s }),
      (error: unknown) => setSample({ status: "failed", message: errorMessage(error) }),
    );
  };

  if (loadError) {
    return (
      <section className="rb-screen rb-editor">
        <header className="rb-header">
          <button type="button" className="rb-button rb-button--subtle" onClick={onCancel}>
            ← Back
          </button>
          <h1>Edit report</h1>
        </header>
        <ErrorBanner message={loadError} />
      </section>
    );
  }
  if (!loaded || !draft) return <p className="rb-subtle">Loading report…</p>;

  const paneProps = { draft, onChange, fieldChoices, errors: saveState.fieldErrors };
  const conflict = saveState.conflict;
  const conflictSentence = `${conflict?.updatedByName ?? "Someone else"} saved this report since you opened it.`;

  return (
    <section className="rb-screen rb-editor" data-testid="report-editor">
      <header className="rb-header">
        <button type="button" className="rb-button rb-button--subtle" onClick={leave}>
          ← Back
        </button>
        <h1>{reportId === null ? "Create report" : `Edit ${loaded.baseline.name || "report"}`}</h1>
        <div className="rb-toolbar">
          {dirty ? (
            <span className="rb-subtlest" data-testid="unsaved-indicator">
              Unsaved changes
            </span>
          ) : null}
          <button type="button" className="rb-button rb-button--subtle" onClick={leave}>
            Cancel
          </button>
          <button
            type="button"
            className="rb-button rb-button--primary"
            onClick={() => void doSave(loaded.version)}
            disabled={saveState.saving}
          >
            {saveState.saving ? "Saving…" : "Save"}
          </button>
        </div>
      </header>

      {saveState.bannerError ? <ErrorBanner message={saveState.bannerError} onDismiss={clearBanner} kind="save" /> : null}
      {fieldsError ? <ErrorBanner title="Jira's field list could not be loaded" message={fieldsError} kind="fields" /> : null}
      {conflict && !conflictDialog ? (
        <ErrorBanner title="Conflicting edit" message={`${conflictSentence} Saving now would replace their changes.`} kind="conflict">
          <div className="rb-toolbar rb-banner__actions">
            <button type="button" className="rb-button" onClick={reloadTheirs} disabled={!conflict.theirs}>
              Reload their version
            </button>
            <button
              type="button"
              className="rb-button rb-button--danger"
              onClick={() => void doSave(conflict.currentVersion)}
              disabled={conflict.currentVersion === null}
            >
              Overwrite with my changes
            </button>
          </div>
        </ErrorBanner>
      ) : null}
      {reportId === null && (services.projectKey ?? hostContext?.projectKey) ? (
        <InfoBanner>The JQL starts with this project; change it to report across projects.</InfoBanner>
      ) : null}

      <EditorTabs current={pane} onSelect={setPane} errorCounts={errorCounts} idPrefix={idPrefix} />
      <div
        role="tabpanel"
        id={`${idPrefix}-panel-${pane}`}
        aria-labelledby={`${idPrefix}-tab-${pane}`}
        className="rb-tabpanel"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA tabs pattern: the tab panel takes focus after the tab list
        tabIndex={0}
      >
        {pane === "general" ? <GeneralPane {...paneProps} jqlCheck={jqlCheck} onJqlBlur={checkNow} localErrors={localErrors} /> : null}
        {pane === "columns" ? <ColumnsPane {...paneProps} /> : null}
        {pane === "sorting" ? <SortingPane {...paneProps} /> : null}
        {pane === "grouping" ? <GroupingPane {...paneProps} /> : null}
        {pane === "filtering" ? <FilteringPane {...paneProps} /> : null}
        {pane === "formulas" ? (
          <FormulasPane {...paneProps} sample={sample} onLoadSample={loadPreviewSample} timeZone={hostContext?.timeZone ?? "UTC"} />
        ) : null}
        {pane === "history" ? (
          <HistoryPane {...paneProps} statuses={statuses} statusesError={statusesError} timeZone={hostContext?.timeZone ?? "UTC"} />
        ) : null}
        {pane === "views" ? <ViewsPane {...paneProps} onShowPane={setPane} /> : null}
        {pane === "people" ? <PeoplePane {...paneProps} /> : null}
      </div>
      <LivePreview draft={draft} fields={fields} timeZone={hostContext?.timeZone ?? "UTC"} statuses={statuses} />

      {confirmLeave ? (
        <ConfirmDialog
          title="Discard unsaved changes?"
          confirmLabel="Discard changes"
          danger
          onConfirm={() => {
            setConfirmLeave(null);
            if (confirmLeave === "navigation") onLeaveAnswer?.(true);
            else onCancel();
          }}
          onCancel={() => {
            setConfirmLeave(null);
            if (confirmLeave === "navigation") onLeaveAnswer?.(false);
          }}
        >
          <p>Your changes to this report have not been saved.</p>
        </ConfirmDialog>
      ) : null}
      {conflict && conflictDialog ? (
        <ConfirmDialog
          title="This report changed"
          confirmLabel="Reload their version"
          cancelLabel="Keep editing"
          onConfirm={reloadTheirs}
          onCancel={() => setConflictDialog(false)}
        >
          <p data-testid="conflict-message">{conflictSentence}</p>
          <p className="rb-subtle">
            Reload their version to see their changes (yours are discarded), or keep editing and decide later. Nothing was overwritten.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
