/**
 * "Show only this group": the table narrowed, in the browser, to one group's nested groups and
 * issues. The narrowed view is a result whose total is that group, so everything that reads a
 * result (the table, its search and sort, print and exports) shows the group without knowing.
 */

import { resultWithTotal } from "../../engine/drilldown/resultWithTotal";
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

/** The report as a whole or narrowed to the group with id `groupId` (when it still exists). */
export interface Narrowed {
  readonly result: ReportResult;
  /** Top-level group down to the group shown; empty when the whole report is shown. */
  readonly path: readonly GroupNode[];
}

export function narrowTo(result: ReportResult, groupId: string | null): Narrowed {
  const path = groupId === null ? null : findGroupPath(result.root, groupId);
  const group = path?.[path.length - 1];
  // The id stays the group's, so issue rows keep the identity (search, focus) they have in the
  // whole report.
  return group ? { result: resultWithTotal(result, group, group.id, group.label), path: path! } : { result, path: [] };
}

/** The file name base of an export of a narrowed view: "Report - Data Platform - In Progress". */
export function narrowedExportName(reportName: string, pathLabels: readonly string[]): string {
  return [reportName, ...pathLabels].join(" - ");
}
