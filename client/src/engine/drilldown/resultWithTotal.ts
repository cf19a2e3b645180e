/**
 * A result shown from one of its groups down: the group becomes the grand total (depth 0, so the
 * table shows it as the total row, not as a group row of its own), with its count, aggregates,
 * children and issues. "Show only this group" and a pivot cell's drill-down both narrow this way.
 */

import type { GroupNode, ReportResult } from "../result";

export function resultWithTotal(result: ReportResult, group: GroupNode, id: string, label: string): ReportResult {
  const total: GroupNode = {
    id,
    depth: 0,
    field: null,
    key: null,
    isEmptyGroup: false,
    label,
    issueCount: group.issueCount,
    get aggregates() {
      return group.aggregates;
    },
    aggregateValue: (columnIndex) => group.aggregateValue(columnIndex),
    children: group.children,
    rowStart: group.rowStart,
    rowEnd: group.rowEnd,
  };
  return {
    columns: result.columns,
    rows: result.rows,
    root: total,
    get grandTotal() {
      return total.aggregates;
    },
    groupDepth: result.groupDepth,
    loadedIssueCount: result.loadedIssueCount,
    matchedIssueCount: group.issueCount,
    history: result.history,
    formulaErrors: result.formulaErrors,
    warnings: result.warnings,
    data: result.data,
  };
}
