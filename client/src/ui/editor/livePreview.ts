/**
 * The live preview's logic, apart from React: which Jira fields the draft needs from its sample
 * issues, and the report computed by the real engine on those issues, as compact display rows.
 */

import {
  createReportEngine,
  fieldsToLoad,
  flattenReport,
  formatCell,
  getIssueKey,
  type FieldDetails,
  type JiraIssue,
  type JiraStatus,
  type ReportEngine,
  type ReportResult,
} from "../../engine/index";
import { groupLabel } from "../common/bucketLabels";
import type { Draft } from "./draft";

/** Issues the preview fetches: enough to show groups and totals, few enough to stay quick. */
export const PREVIEW_SAMPLE_SIZE = 100;
/** Rows the preview table shows at most; the rest is summarised in one line. */
export const PREVIEW_MAX_ROWS = 40;
/** Quiet time after the last edit before the preview recomputes (and refetches if it must). */
export const PREVIEW_DEBOUNCE_MS = 500;

export interface PreviewLine {
  readonly kind: "group" | "issue" | "total";
  readonly depth: number;
  readonly label: string;
  readonly count: number | null;
  /** One display string per report column ("" when empty or not aggregated). */
  readonly cells: readonly string[];
}

export interface PreviewTable {
  readonly columns: readonly string[];
  readonly lines: readonly PreviewLine[];
  /** Display rows left out beyond PREVIEW_MAX_ROWS. */
  readonly hiddenRows: number;
  readonly matched: number;
  readonly formulaProblems: number;
  /** The draft uses history fields: the sample carries no changelogs, so they are empty here. */
  readonly historyLeftEmpty: boolean;
}

/** The Jira fields the draft's columns, rules and formulas read (the engine's own plan). */
export function previewFields(draft: Draft, fields: readonly FieldDetails[]): readonly string[] {
  return fieldsToLoad(draft, fields);
}

/** Runs the draft on `issues`; returns the engine too, so the caller can clear it (privacy). */
export function computePreview(
  draft: Draft,
  fields: readonly FieldDetails[],
  issues: readonly JiraIssue[],
  timeZone: string,
  statuses: readonly JiraStatus[] = [],
): { engine: ReportEngine; table: PreviewTable } {
  // The statuses name the history columns ("Time in status: In Progress", not the status id).
  const engine = createReportEngine({ definition: draft, fields, now: () => new Date(), timeZone, statuses });
  engine.addIssues(issues);
  const result = engine.compute();
  return { engine, table: toTable(result) };
}

function toTable(result: ReportResult): PreviewTable {
  // Compact: a grouped report previews its groups and totals (what grouping changes); an
  // ungrouped one its issues.
  const rows = flattenReport(result, { includeIssues: result.groupDepth === 0 });
  const shown = rows.slice(0, PREVIEW_MAX_ROWS);
  // The total belongs in the preview even when rows are cut: it is what a reader checks first.
  const total = rows[rows.length - 1];
  if (rows.length > PREVIEW_MAX_ROWS && total?.kind === "total") shown.push(total);
  const lines: PreviewLine[] = shown.map((row) => {
    if (row.kind === "issue") {
      return {
        kind: "issue",
        depth: result.groupDepth,
        label: getIssueKey(result, row.row) ?? "",
        count: null,
        cells: result.columns.map((c) => formatCell(result, row.row, c.index).display),
      };
    }
    const group = row.group;
    return {
      kind: row.kind,
      depth: row.kind === "total" ? 0 : group.depth - 1,
      label: groupLabel(result, group),
      count: group.issueCount,
      cells: result.columns.map((c) => group.aggregates[c.index]?.display ?? ""),
    };
  });
  return {
    columns: result.columns.map((c) => c.label),
    lines,
    hiddenRows: Math.max(0, rows.length - shown.length),
    matched: result.matchedIssueCount,
    formulaProblems: new Set(result.formulaErrors.map((e) => e.formulaKey)).size,
    historyLeftEmpty: result.history !== null,
  };
}
