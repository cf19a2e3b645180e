/**
 * Issues with changelogs for the history tests, in Jira's shapes: a site with To Do, In Progress,
 * In Review and Done, issues created at T0 (a Monday) with one change history per status change.
 */

import { createReportEngine, getCellValue, type ReportResult } from "../../src/engine/index";
import type { JiraChangeHistory, JiraIssue, JiraStatus } from "../../src/engine/jira";
import type { ReportDefinition } from "../../src/engine/model";
import { FIELDS } from "./fixtures";

export const H = 3600;
export const T0 = Date.parse("2026-01-05T00:00:00Z") / 1000;
/** Now, 100 hours after T0. */
export const NOW = new Date((T0 + 100 * H) * 1000);
export const TODO = "10000";
export const IP = "10001";
export const REV = "10002";
export const DONE = "10003";
export const UNKNOWN = "99999";

export const STATUSES: JiraStatus[] = [
  { id: TODO, name: "To Do", statusCategory: { key: "new" } },
  { id: IP, name: "In Progress", statusCategory: { key: "indeterminate" } },
  { id: REV, name: "In Review", statusCategory: { key: "indeterminate" } },
  { id: DONE, name: "Done", statusCategory: { key: "done" } },
];

/** A Jira timestamp `hours` after T0 (fractions of an hour allowed), with milliseconds. */
export function stamp(hours: number, millis = 0): string {
  return new Date((T0 + Math.round(hours * H)) * 1000 + millis).toISOString().replace("Z", "+0000");
}

export type Change = readonly [hours: number, from: string | null, to: string | null];

let nextKey = 1;

export interface IssueOptions {
  /** Hours from T0 of the resolution date. */
  resolved?: number;
  /** Sends the histories newest first (bulkfetch pages may arrive in any order). */
  shuffle?: boolean;
  /** Replaces the changelog as a whole (incomplete cases). */
  changelog?: JiraIssue["changelog"] | null;
  created?: string;
}

/** An issue created at T0 in `status` now, with one change history per (hour, from, to). */
export function historyIssue(status: string, changes: readonly Change[], options: IssueOptions = {}): JiraIssue {
  const histories: JiraChangeHistory[] = changes.map(([hours, from, to], n) => ({
    id: String(1000 + n),
    created: stamp(hours),
    items: [
      { field: "assignee", from: null, fromString: null, to: "someone", toString: "Someone" },
      { field: "status", fieldtype: "jira", from, fromString: "?", to, toString: "?" },
    ],
  }));
  if (options.shuffle) histories.reverse();
  const key = `H-${nextKey++}`;
  const issue: JiraIssue = {
    id: String(50_000 + nextKey),
    key,
    fields: {
      created: options.created ?? stamp(0),
      status: { id: status, name: "?" },
      resolutiondate: options.resolved === undefined ? null : stamp(options.resolved),
    },
    changelog: { startAt: 0, maxResults: histories.length, total: histories.length, histories },
  };
  if (options.changelog === null) delete issue.changelog;
  else if (options.changelog !== undefined) issue.changelog = options.changelog;
  return issue;
}

export interface HistoryRunOptions {
  now?: Date;
  timeZone?: string;
  statuses?: readonly JiraStatus[];
}

export function runHistory(definition: ReportDefinition, issues: readonly JiraIssue[], options: HistoryRunOptions = {}): ReportResult {
  const engine = createReportEngine({
    definition,
    fields: FIELDS,
    statuses: options.statuses ?? STATUSES,
    now: () => options.now ?? NOW,
    timeZone: options.timeZone ?? "UTC",
  });
  engine.addIssues(issues);
  return engine.compute();
}

/** The values of `fields` for each issue, in load order (no sort: rows come back by key). */
export function historyValues(
  fields: readonly string[],
  issues: readonly JiraIssue[],
  definition: ReportDefinition = {},
  options: HistoryRunOptions = {},
): (number | null)[][] {
  const result = runHistory({ ...definition, columns: fields.map((field) => ({ field })) }, issues, options);
  const table = result.data.table;
  return issues.map((issue) => {
    const row = Array.from({ length: table.rowCount }, (_, r) => r).find((r) => table.issueId(r) === issue.id)!;
    return fields.map((_, c) => getCellValue(result, row, c) as number | null);
  });
}
