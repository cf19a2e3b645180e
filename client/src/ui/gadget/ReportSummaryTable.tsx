/**
 * A report in brief: the first level's top groups and the grand total, for the first few columns
 * with an aggregate. A gadget is a third of a dashboard wide, so a wide report is cut to those
 * columns (and says so) rather than scrolling sideways.
 */

import type { ColumnDescriptor, GroupNode, ReportResult } from "../../engine/index";
import { groupLabel } from "../common/bucketLabels";
import { formatCount } from "../viewer/statusText";

/** At most this many aggregated columns, in the report's order: its first columns are its main ones. */
export const GADGET_COLUMNS = 3;

// Long labels and values wrap instead of widening the table past the frame.
const WRAP = { overflowWrap: "anywhere" } as const;

/** The columns the gadget shows, and how many aggregated columns it leaves out. */
export function gadgetColumns(result: ReportResult): { shown: readonly ColumnDescriptor[]; aggregated: number } {
  const aggregated = result.columns.filter((c) => result.grandTotal[c.index] != null);
  return { shown: aggregated.slice(0, GADGET_COLUMNS), aggregated: aggregated.length };
}

export function ReportSummaryTable({ result, topGroups }: { result: ReportResult; topGroups: number }) {
  const { shown: columns, aggregated } = gadgetColumns(result);
  const groups: readonly GroupNode[] = result.root.children ?? [];
  const shown = groups.slice(0, topGroups);
  const hidden = groups.length - shown.length;
  return (
    <>
      <table className="rb-summary-table" data-testid="gadget-summary">
        <thead>
          <tr>
            <th scope="col" style={WRAP}>
              {result.groupDepth > 0 ? "Group" : ""}
            </th>
            <th scope="col" className="rb-print-numeric">
              Issues
            </th>
            {columns.map((c) => (
              <th key={c.index} scope="col" className="rb-print-numeric" style={WRAP}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((group) => (
            <tr key={group.id} data-testid="gadget-group">
              <th scope="row" style={WRAP}>
                {groupLabel(result, group)}
              </th>
              <td className="rb-print-numeric">{formatCount(group.issueCount)}</td>
              {columns.map((c) => (
                <td key={c.index} className="rb-print-numeric" data-column={c.field} style={WRAP}>
                  {group.aggregates[c.index]?.display ?? ""}
                </td>
              ))}
            </tr>
          ))}
          {hidden > 0 ? (
            <tr>
              <td colSpan={columns.length + 2} className="rb-subtlest">
                and {formatCount(hidden)} more {hidden === 1 ? "group" : "groups"}
              </td>
            </tr>
          ) : null}
        </tbody>
        <tfoot>
          <tr data-testid="gadget-total">
            <th scope="row">Total</th>
            <td className="rb-print-numeric">{formatCount(result.root.issueCount)}</td>
            {columns.map((c) => (
              <td key={c.index} className="rb-print-numeric" data-column={c.field} style={WRAP}>
                {result.grandTotal[c.index]?.display ?? ""}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {aggregated > columns.length ? (
        <p className="rb-subtle" data-testid="gadget-hidden-columns">
          Showing {columns.length} of {aggregated} columns. Open the full report for all of them.
        </p>
      ) : null}
    </>
  );
}
