/**
 * Search within the report: which display rows match a query. An issue matches on its key or any
 * cell as shown on screen; a group on its name as shown (date buckets in the user's locale). Case-insensitive substring, like Jira's quick
 * filters; the grand total never matches.
 */

import { formatCell, getIssueKey, type DisplayRow, type ReportResult } from "../../engine/index";
import { groupLabel } from "../common/bucketLabels";

export function normalizeQuery(query: string): string {
  return query.trim().toLocaleLowerCase();
}

export function rowMatches(result: ReportResult, row: DisplayRow, needle: string): boolean {
  if (needle === "") return false;
  const has = (text: string | undefined) => text?.toLocaleLowerCase().includes(needle) === true;
  if (row.kind === "group") return has(groupLabel(result, row.group));
  if (row.kind !== "issue") return false;
  if (has(getIssueKey(result, row.row))) return true;
  return result.columns.some((column) => has(formatCell(result, row.row, column.index).display));
}

/** Indexes of the matching rows, in display order. */
export function findMatches(result: ReportResult, rows: readonly DisplayRow[], query: string): number[] {
  const needle = normalizeQuery(query);
  if (needle === "") return [];
  const matches: number[] = [];
  rows.forEach((row, i) => {
    if (rowMatches(result, row, needle)) matches.push(i);
  });
  return matches;
}

/** "3 of 12", "No matches"; the position is 1-based for people. */
export function matchCountText(current: number, total: number): string {
  if (total === 0) return "No matches";
  return `${current + 1} of ${total.toLocaleString("en-US")}`;
}

/** The stable identity of a display row (also its React key): survives re-sorting and re-flattening. */
export function rowKey(row: DisplayRow): string {
  return row.kind === "issue" ? `i:${row.group.id}:${row.row}` : row.kind === "group" ? `g:${row.group.id}` : "total";
}
