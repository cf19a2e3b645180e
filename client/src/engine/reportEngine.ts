/**
 * The stateful wrapper around the pure pipeline: accepts issues page by page, computes a
 * consistent result from whatever has loaded, and can discard all issue data on demand.
 */

import { IssueStore } from "./columns/issueStore";
import type { PriorityPosition } from "./columns/normalize";
import type { Table } from "./columns/table";
import type { FormulaError } from "./formulas/formulaPlan";
import type { FieldDetails, JiraIssue, JiraSearchPage, JiraStatus } from "./jira";
import type { ReportDefinition } from "./model";
import { runPipeline } from "./pipeline";
import { planReport, type DefinitionWarning } from "./plan";
import type { ReportResult } from "./result";
import { createTimeZone } from "./time/timeZone";

export interface ReportEngineOptions {
  readonly definition: ReportDefinition;
  /** `GET /rest/api/3/field`. */
  readonly fields: readonly FieldDetails[];
  /** Clock for relative date filters and NOW()/TODAY(); read once per compute. */
  readonly now: () => Date;
  /** IANA zone of the viewer, e.g. "Europe/Berlin": date buckets, date filters, date formats. */
  readonly timeZone: string;
  /** BCP 47 locale for number and date formats (default "en-US"). */
  readonly locale?: string;
  /**
   * Priority ids or names, highest first (`GET /rest/api/3/priority` order). Without it the
   * numeric priority id is used, which matches Jira's default priorities (1 = Highest).
   */
  readonly priorityOrder?: readonly string[];
  /**
   * The site's statuses (`GET /rest/api/3/status`): names of history fields and the status
   * categories behind time in category, cycle and lead time. A status missing here is in no category.
   */
  readonly statuses?: readonly JiraStatus[];
}

export interface ReportEngine {
  /** Appends a page (`/search/jql` response or its `issues`); returns how many new issues were added. */
  addIssues(page: readonly JiraIssue[] | JiraSearchPage): number;
  /** The report over the issues loaded so far. */
  compute(): ReportResult;
  /** Drops every issue and empties the tables behind earlier results (privacy: nothing is kept). */
  clear(): void;
  readonly issueCount: number;
  /** Known before any issue loads: problems in the definition and in formulas. */
  readonly warnings: readonly DefinitionWarning[];
  readonly formulaErrors: readonly FormulaError[];
}

function priorityPositions(order: readonly string[] | undefined): PriorityPosition {
  if (order && order.length > 0) {
    const index = new Map(order.map((k, i) => [k, i]));
    return (id, name) => (id !== undefined ? index.get(id) : undefined) ?? index.get(name);
  }
  return (id) => {
    const n = id === undefined ? NaN : Number(id);
    return Number.isFinite(n) ? n - 1 : undefined;
  };
}

/**
 * Creates an engine for one report definition. The definition and field metadata are resolved
 * once (warnings and formula errors are available immediately); issues then arrive page by page.
 * `compute()` is O(issues): while loading, call it on a timer (every few hundred ms), not per page.
 * Throws RangeError for an unknown time zone.
 */
export function createReportEngine(options: ReportEngineOptions): ReportEngine {
  const timeZone = createTimeZone(options.timeZone);
  const locale = options.locale ?? "en-US";
  const statuses = options.statuses ?? [];
  const plan = planReport(options.definition, options.fields, statuses);
  const positions = priorityPositions(options.priorityOrder);
  // History "now" is read once per store (creation and clear()): every issue of a run is measured
  // to the same instant, and a result recomputed while pages arrive does not shift older issues.
  const newStore = (): IssueStore =>
    new IssueStore(plan.loadSpecs, timeZone, positions, { statuses, settings: plan.history, now: options.now().getTime() });
  let store = newStore();
  // Weak: results the UI dropped can be collected; those still held are emptied on clear().
  let issued: WeakRef<Table>[] = [];

  return {
    addIssues(page) {
      if (page === null || typeof page !== "object") return 0;
      const issues = Array.isArray(page) ? (page as readonly JiraIssue[]) : (page as JiraSearchPage).issues;
      return Array.isArray(issues) ? store.append(issues) : 0;
    },
    compute() {
      const result = runPipeline(plan, store.snapshot(), {
        now: options.now().getTime(),
        timeZone,
        locale,
        priorityPosition: positions,
        history: store.historyCounts(),
      });
      issued = issued.filter((ref) => ref.deref() !== undefined);
      issued.push(new WeakRef(result.data.table));
      return result;
    },
    clear() {
      for (const ref of issued) ref.deref()?.dispose();
      issued = [];
      store = newStore();
    },
    get issueCount() {
      return store.rowCount;
    },
    warnings: plan.warnings,
    formulaErrors: plan.formulas.errors,
  };
}
