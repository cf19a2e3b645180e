/**
 * Live preview beside the editor's panes: the draft's report computed by the engine on the JQL's
 * first issues, recomputed a moment after each change. Issues are refetched only when the JQL or
 * the fields the draft reads change; they stay in this component's memory and the engine's
 * tables are emptied when it is replaced or the editor closes.
 */

import { useEffect, useId, useRef, useState } from "react";
import type { FieldDetails, JiraIssue, JiraStatus, ReportEngine } from "../../engine/index";
import { errorMessage } from "../common/errors";
import { useServices } from "../services";
import type { Draft } from "./draft";
import { computePreview, PREVIEW_DEBOUNCE_MS, PREVIEW_SAMPLE_SIZE, previewFields, type PreviewTable } from "./livePreview";

type SampleState =
  | { readonly status: "idle" }
  | { readonly status: "loading" }
  | { readonly status: "ready"; readonly key: string; readonly issues: readonly JiraIssue[] }
  | { readonly status: "failed"; readonly message: string };

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function LivePreview({
  draft,
  fields,
  timeZone,
  statuses = [],
}: {
  draft: Draft;
  fields: readonly FieldDetails[];
  timeZone: string;
  statuses?: readonly JiraStatus[];
}) {
  const { jira } = useServices();
  const headingId = useId();
  const settled = useDebounced(draft, PREVIEW_DEBOUNCE_MS);
  const [sample, setSample] = useState<SampleState>({ status: "idle" });
  const [table, setTable] = useState<PreviewTable | null>(null);
  const engineRef = useRef<ReportEngine | null>(null);

  const jql = settled.jql.trim();
  const wanted = fields.length > 0 ? previewFields(settled, fields) : [];
  const sampleKey = `${jql}\n${wanted.join(",")}`;

  // Fetch again only when the query or the fields it must carry change; the latest request wins.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wanted` is captured by `sampleKey`
  useEffect(() => {
    if (jql === "" || fields.length === 0) {
      setSample({ status: "idle" });
      return;
    }
    let cancelled = false;
    setSample((s) => (s.status === "ready" ? s : { status: "loading" }));
    jira.sampleIssues(jql, wanted, PREVIEW_SAMPLE_SIZE).then(
      (issues) => {
        if (!cancelled) setSample({ status: "ready", key: sampleKey, issues });
      },
      (error: unknown) => {
        if (!cancelled) setSample({ status: "failed", message: errorMessage(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [sampleKey, jira, fields.length]);

  useEffect(() => {
    if (sample.status !== "ready") {
      setTable(null);
      return;
    }
    const { engine, table: next } = computePreview(settled, fields, sample.issues, timeZone, statuses);
    engineRef.current?.clear();
    engineRef.current = engine;
    setTable(next);
  }, [settled, fields, sample, timeZone, statuses]);

  useEffect(
    () => () => {
      engineRef.current?.clear();
      engineRef.current = null;
    },
    [],
  );

  const count = sample.status === "ready" ? sample.issues.length : 0;
  const refreshing = sample.status === "ready" && (sample.key !== sampleKey || settled !== draft);
  return (
    <section className="rb-live-preview" aria-labelledby={headingId} data-testid="live-preview">
      <div className="rb-live-preview__head">
        <h2 id={headingId} className="rb-live-preview__title">
          {sample.status === "ready" ? `Preview of ${count} sample ${count === 1 ? "issue" : "issues"}` : "Preview"}
        </h2>
        <span className="rb-subtlest" aria-live="polite">
          {refreshing
            ? "Updating…"
            : sample.status === "ready"
              ? `The JQL's first ${PREVIEW_SAMPLE_SIZE} issues at most; totals cover these only.`
              : ""}
        </span>
      </div>
      {sample.status === "idle" ? (
        <p className="rb-subtle">{jql === "" ? "Enter the JQL to see a preview." : "Waiting for Jira's field list…"}</p>
      ) : null}
      {sample.status === "loading" ? <p className="rb-subtle">Loading sample issues…</p> : null}
      {sample.status === "failed" ? (
        <p className="rb-field-error" data-testid="live-preview-error">
          The preview could not load issues: {sample.message}
        </p>
      ) : null}
      {sample.status === "ready" && count === 0 ? <p className="rb-subtle">The JQL matches no issues.</p> : null}
      {table && count > 0 ? <PreviewGrid table={table} label={`Preview of ${count} sample issues`} /> : null}
    </section>
  );
}

function PreviewGrid({ table, label }: { table: PreviewTable; label: string }) {
  return (
    <section
      className="rb-live-preview__scroller"
      aria-label={`${label}, scrollable`}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable from the keyboard to scroll it (WCAG 2.1.1)
      tabIndex={0}
    >
      {table.formulaProblems > 0 ? (
        <p className="rb-subtle">
          {table.formulaProblems === 1
            ? "A formula has errors; its column is empty."
            : "Some formulas have errors; their columns are empty."}
        </p>
      ) : null}
      {table.historyLeftEmpty ? (
        <p className="rb-subtle" data-testid="live-preview-history">
          History fields stay empty in the preview: they come from each issue's changelog, which the report loads when it runs.
        </p>
      ) : null}
      <table className="rb-live-preview__table" aria-label={label} data-testid="live-preview-table">
        <thead>
          <tr>
            <th scope="col">{table.lines.some((l) => l.kind === "group") ? "Group" : "Issue"}</th>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.lines.map((line, i) => (
            <tr key={i} className={`rb-live-preview__row rb-live-preview__row--${line.kind}`} data-kind={line.kind}>
              <th scope="row" style={{ paddingLeft: `${0.5 + line.depth}rem` }}>
                {line.label}
                {line.count !== null ? <span className="rb-subtlest"> · {line.count}</span> : null}
              </th>
              {line.cells.map((cell, k) => (
                <td key={k}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.hiddenRows > 0 ? <p className="rb-subtlest">{table.hiddenRows} more rows are not shown in the preview.</p> : null}
    </section>
  );
}
