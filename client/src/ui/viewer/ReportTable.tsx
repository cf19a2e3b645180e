/**
 * The virtualized grouped report table (ARIA treegrid). The scroller holds a sticky header and a
 * body as tall as all rows; only the rows in the window (plus overscan) exist in the DOM, each
 * absolutely positioned at `index × rowHeight`.
 */

import { useCallback, useMemo, useRef } from "react";
import type { DisplayRow, GroupNode, ReportResult } from "../../engine/index";
import { gridTemplate, totalWidth, treeColumnWidth } from "./columns";
import { isNumericColumn } from "./CellContent";
import type { Expansion } from "./expansion";
import { ReportRow } from "./TableRows";
import { useWindowRange } from "./windowing";

export const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 36;
const OVERSCAN = 12;

export interface ReportTableProps {
  readonly result: ReportResult;
  readonly rows: readonly DisplayRow[];
  readonly expansion: Expansion;
  readonly siteUrl: string | null;
  readonly onOpenIssue: (issueKey: string) => void;
  readonly label: string;
}

export function ReportTable({ result, rows, expansion, siteUrl, onOpenIssue, label }: ReportTableProps) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  const { start, end, scrollToRow } = useWindowRange(scrollerRef, {
    rowHeight: ROW_HEIGHT,
    rowCount: rows.length,
    overscan: OVERSCAN,
    offsetTop: HEADER_HEIGHT,
  });
  const template = useMemo(() => gridTemplate(result), [result]);
  const width = useMemo(() => totalWidth(result), [result]);

  const onToggle = useCallback(
    (group: GroupNode, index: number) => {
      expansion.toggle(group);
      // Keep the toggled row in view (and its toggle focused) when rows below it vanish.
      scrollToRow(index);
    },
    [expansion, scrollToRow],
  );

  const visible: React.ReactNode[] = [];
  for (let i = start; i < end; i++) {
    const displayRow = rows[i];
    if (!displayRow) continue;
    const key =
      displayRow.kind === "issue"
        ? `i:${displayRow.group.id}:${displayRow.row}`
        : displayRow.kind === "group"
          ? `g:${displayRow.group.id}`
          : "total";
    visible.push(
      <ReportRow
        key={key}
        result={result}
        displayRow={displayRow}
        index={i}
        top={i * ROW_HEIGHT}
        height={ROW_HEIGHT}
        template={template}
        expanded={displayRow.kind === "group" ? expansion.isExpanded(displayRow.group) : false}
        siteUrl={siteUrl}
        onToggle={onToggle}
        onOpenIssue={onOpenIssue}
      />,
    );
  }

  return (
    <div ref={scrollerRef} className="rb-table-scroller" data-testid="report-scroller">
      <div
        role="treegrid"
        aria-label={label}
        aria-rowcount={rows.length + 1}
        aria-colcount={result.columns.length + 1}
        className="rb-table"
        style={{ width }}
        data-testid="report-table"
        data-row-count={rows.length}
      >
        <div role="rowgroup" className="rb-table__head">
          <div
            role="row"
            className="rb-row rb-row--header"
            style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
            aria-rowindex={1}
          >
            <div role="columnheader" className="rb-cell rb-cell--header" style={{ width: treeColumnWidth(result) }}>
              {result.groupDepth > 0 ? "Group / Issue" : "Issue"}
            </div>
            {result.columns.map((column) => (
              <div
                key={column.index}
                role="columnheader"
                className={`rb-cell rb-cell--header${isNumericColumn(column) ? " rb-cell--numeric" : ""}`}
                data-column={column.field}
                title={column.aggregation ? `${column.label} (${column.aggregation})` : column.label}
              >
                {column.label}
              </div>
            ))}
          </div>
        </div>
        <div role="rowgroup" className="rb-table__body" style={{ height: rows.length * ROW_HEIGHT }}>
          {visible}
        </div>
      </div>
    </div>
  );
}
