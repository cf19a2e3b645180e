/** A report in brief: the first level's top groups and the grand total, for columns with an aggregate. */

import type { GroupNode, ReportResult } from "../../engine/index";
import { formatCount } from "../viewer/statusText";

export function ReportSummaryTable({ result, topGroups }: { result: ReportResult; topGroups: number }) {
  const columns = result.columns.filter((c) => result.grandTotal[c.index] != null);
  const groups: readonly GroupNode[] = result.root.children ?? [];
  const shown = groups.slice(0, topGroups);
  const hidden = groups.length - shown.length;
  return (
    <table className="rb-summary-table" data-testid="gadget-summary">
      <thead>
        <tr>
          <th scope="col">{result.groupDepth > 0 ? "Group" : ""}</th>
          <th scope="col" className="rb-print-numeric">
            Issues
          </th>
          {columns.map((c) => (
            <th key={c.index} scope="col" className="rb-print-numeric">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {shown.map((group) => (
          <tr key={group.id} data-testid="gadget-group">
            <th scope="row">{group.isEmptyGroup ? "(none)" : group.label}</th>
            <td className="rb-print-numeric">{formatCount(group.issueCount)}</td>
            {columns.map((c) => (
              <td key={c.index} className="rb-print-numeric" data-column={c.field}>
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
            <td key={c.index} className="rb-print-numeric" data-column={c.field}>
              {result.grandTotal[c.index]?.display ?? ""}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
