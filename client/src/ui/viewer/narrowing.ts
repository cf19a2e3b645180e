/**
 * "Show only this group": the table narrowed, in the browser, to one group's nested groups and
 * issues. The narrowed view is a result whose total is that group, so everything that reads a
 * result (the table, its search and sort, print and exports) shows the group without knowing.
 */

import type { GroupNode, ReportResult } from "../../engine/index";

/**
 * The groups from the top level down to the group with id `groupId`, or null when this result
 * has no such group. Group ids are paths of typed keys, stable across recomputes, so the
 * narrowing holds while more pages of issues arrive.
 */
export function findGroupPath(root: GroupNode, groupId: string): GroupNode[] | null {
  const path: GroupNode[] = [];
  const visit = (node: GroupNode): boolean => {
    for (const child of node.children ?? []) {
      path.push(child);
      if (child.id === groupId || visit(child)) return true;
      path.pop();
    }
    return false;
  };
  return visit(root) ? path : null;
}

/**
 * `group` as a grand total: depth 0 (so it shows as the total row, not as a group row of its
 * own), with the group's count, aggregates, children and issues. The id stays the group's, so
 * issue rows keep the identity (search, focus) they have in the whole report.
 */
function asTotal(group: GroupNode): GroupNode {
  return {
    id: group.id,
    depth: 0,
    field: null,
    key: null,
    isEmptyGroup: false,
    label: group.label,
    issueCount: group.issueCount,
    get aggregates() {
      return group.aggregates;
    },
    aggregateValue: (columnIndex) => group.aggregateValue(columnIndex),
    children: group.children,
    rowStart: group.rowStart,
    rowEnd: group.rowEnd,
  };
}

/** The result narrowed to `group`: its subtree only, with the group's own total as the total. */
function narrowResult(result: ReportResult, group: GroupNode): ReportResult {
  const root = asTotal(group);
  return {
    columns: result.columns,
    rows: result.rows,
    root,
    get grandTotal() {
      return root.aggregates;
    },
    groupDepth: result.groupDepth,
    loadedIssueCount: result.loadedIssueCount,
    matchedIssueCount: group.issueCount,
    formulaErrors: result.formulaErrors,
    warnings: result.warnings,
    data: result.data,
  };
}

/** The report as a whole or narrowed to the group with id `groupId` (when it still exists). */
export interface Narrowed {
  readonly result: ReportResult;
  /** Top-level group down to the group shown; empty when the whole report is shown. */
  readonly path: readonly GroupNode[];
}

export function narrowTo(result: ReportResult, groupId: string | null): Narrowed {
  const path = groupId === null ? null : findGroupPath(result.root, groupId);
  const group = path?.[path.length - 1];
  return group ? { result: narrowResult(result, group), path: path! } : { result, path: [] };
}

/** The file name base of an export of a narrowed view: "Report - Data Platform - In Progress". */
export function narrowedExportName(reportName: string, pathLabels: readonly string[]): string {
  return [reportName, ...pathLabels].join(" - ");
}
