/**
 * The report for paper: a plain table with every group expanded and no virtualization, rendered
 * only while printing (the screen table shows a window of rows, which would print as a window).
 */

import { useEffect, useState } from "react";
import { flushSync } from "react-dom";
import { flattenReport, formatCell, getIssueKey, type ReportResult } from "../../engine/index";
import { groupLabel } from "../common/bucketLabels";
import { isNumericColumn } from "./CellContent";

/** True between `beforeprint` and `afterprint`; flushed synchronously so the print sees the table. */
export function usePrinting(): [boolean, (on: boolean) => void] {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, []);
  return [printing, (on) => flushSync(() => setPrinting(on))];
}

export function PrintTable({ result, title }: { result: ReportResult; title: string }) {
  const rows = flattenReport(result);
  return (
    <table className="rb-print-table" data-testid="print-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{result.groupDepth > 0 ? "Group / Issue" : "Issue"}</th>
          {result.columns.map((c) => (
            <th key={c.index} scope="col">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          if (r.kind === "issue") {
            return (
              <tr key={i}>
                <td style={{ paddingLeft: 4 + result.groupDepth * 12 }}>{getIssueKey(result, r.row)}</td>
                {result.columns.map((c) => (
                  <td key={c.index} className={isNumericColumn(c) ? "rb-print-numeric" : undefined}>
                    {formatCell(result, r.row, c.index).display}
                  </td>
                ))}
              </tr>
            );
          }
          const label = groupLabel(result, r.group);
          return (
            <tr key={i} className={r.kind === "total" ? "rb-print-total" : "rb-print-group"}>
              <th scope="row" style={{ paddingLeft: 4 + Math.max(0, r.group.depth - 1) * 12 }}>
                {label} ({r.group.issueCount})
              </th>
              {result.columns.map((c) => (
                <td key={c.index} className="rb-print-numeric">
                  {r.group.aggregates[c.index]?.display ?? ""}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
